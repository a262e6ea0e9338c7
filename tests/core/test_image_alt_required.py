"""An image in a page's body says what it shows, or is marked decorative on purpose."""

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from fabrique.standard.models import StandardPage


def _post_page_with_image(client, parent, image, **block):
    url = reverse("wagtailadmin_pages:add", args=("standard", "standardpage", parent.pk))
    image_block = {"image": image.pk, "alt_text": "", "decorative": "", "caption": "La salle"}
    image_block.update(block)
    data = nested_form_data(
        {
            "title": "Une salle d'attente",
            "slug": "une-salle-d-attente",
            "intro": rich_text(""),
            "body": streamfield([("image", image_block)]),
            "comments": inline_formset([]),
            "listing_summary": "",
            "seo_title": "",
            "search_description": "",
        }
    )
    return client.post(url, data)


@pytest.fixture
def undescribed_image(db):
    return Image.objects.create(title="salle", file=get_test_image_file(), description="")


def test_an_image_without_any_alternative_is_refused_beside_the_field(
    editor_client, home, undescribed_image
):
    response = _post_page_with_image(editor_client, home, undescribed_image)
    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["body"][0]
    # The message is attached to the block's « texte alternatif » field.
    assert "cochez « image décorative »" in str(error.as_json_data()["blockErrors"][0])
    assert "alt_text" in error.as_json_data()["blockErrors"][0]["blockErrors"]
    assert not StandardPage.objects.filter(title="Une salle d'attente").exists()


@pytest.mark.parametrize(
    "block",
    [{"alt_text": "Des chaises vides sous un néon"}, {"decorative": "on"}],
    ids=["alt-text", "decorative"],
)
def test_alt_text_or_decorative_lets_the_page_save(editor_client, home, undescribed_image, block):
    response = _post_page_with_image(editor_client, home, undescribed_image, **block)
    assert response.status_code == 302
    assert StandardPage.objects.filter(title="Une salle d'attente").exists()


def test_the_library_description_is_enough(editor_client, home, undescribed_image):
    undescribed_image.description = "Des chaises vides sous un néon"
    undescribed_image.save()
    response = _post_page_with_image(editor_client, home, undescribed_image)
    assert response.status_code == 302
