"""The media library: huge images refused, files in public use replaced by Éditeurs only."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, ReferenceIndex

from articles.factories import ArticlePageFactory
from fabrique.core.factories import ImageFactory
from fabrique.demo.site import publish

REFUSED = "seul·es les Éditeurs peuvent le remplacer"


def png(width, height, colour="#336699", mode="RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height), colour).save(buffer, format="PNG", compress_level=9)
    return buffer.getvalue()


def replace_image(client, image, content=None):
    content = content or png(40, 30, "#aa0000")
    return client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": "Nouveau titre",
            "description": "Nouvelle description",
            "collection": image.collection_id,
            "tags": "",
            "file": SimpleUploadedFile("nouveau.png", content, content_type="image/png"),
        },
    )


def used_in_live_article(site_tree, image, live=True):
    article = ArticlePageFactory(
        parent=site_tree["sections"]["articles"],
        title="Un article illustré",
        live=False,
        body=[{"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": ""}}],
    )
    if live:
        publish(article)
    return article


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_huge_image_is_refused_in_french_without_error(site_tree, contributor_client):
    content = png(11_000, 11_000, 1, mode="1")
    assert len(content) < 1_000_000, "a small file that decompresses to 121 million pixels"
    response = contributor_client.post(
        "/admin/images/add/",
        {
            "title": "Bombe",
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
            "file": SimpleUploadedFile("bombe.png", content, content_type="image/png"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "trop grand nombre de pixels" in html
    assert not Image.objects.filter(title="Bombe").exists()


def test_a_contributor_cannot_replace_the_file_of_an_image_a_live_page_shows(
    site_tree, contributor, contributor_client
):
    image = ImageFactory(uploaded_by_user=contributor)
    used_in_live_article(site_tree, image)
    assert ReferenceIndex.get_references_to(image).exists()
    original = image.file.name

    response = replace_image(contributor_client, image)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    image.refresh_from_db()
    assert image.file.name == original
    assert image.title != "Nouveau titre", "nothing half-stored"

    # Without a new file, the title and description still change.
    kept = contributor_client.post(
        f"/admin/images/{image.pk}/",
        {"title": "Nouveau titre", "description": "Mieux dit", "collection": image.collection_id},
    )
    assert kept.status_code == 302
    image.refresh_from_db()
    assert (image.title, image.description, image.file.name) == (
        "Nouveau titre",
        "Mieux dit",
        original,
    )


def test_an_editor_replaces_the_file_of_an_image_a_live_page_shows(
    site_tree, contributor, editor_client
):
    image = ImageFactory(uploaded_by_user=contributor)
    used_in_live_article(site_tree, image)
    original = image.file.name

    response = replace_image(editor_client, image)
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name != original
    assert (image.width, image.height) == (40, 30)


def test_a_contributor_replaces_the_file_of_an_unused_or_draft_only_image(
    site_tree, contributor, contributor_client
):
    unused = ImageFactory(uploaded_by_user=contributor)
    assert replace_image(contributor_client, unused).status_code == 302
    unused.refresh_from_db()
    assert unused.width == 40

    in_a_draft = ImageFactory(uploaded_by_user=contributor)
    used_in_live_article(site_tree, in_a_draft, live=False)
    assert ReferenceIndex.get_references_to(in_a_draft).exists()
    assert replace_image(contributor_client, in_a_draft).status_code == 302


def test_a_contributor_cannot_replace_a_document_a_live_page_links_to(
    site_tree, contributor, contributor_client, editor_client
):
    document = Document.objects.create(
        title="Rapport",
        file=ContentFile(b"version 1", name="rapport.txt"),
        collection=Collection.get_first_root_node(),
        uploaded_by_user=contributor,
    )
    ArticlePageFactory(
        parent=site_tree["sections"]["articles"],
        title="Un article avec un rapport",
        body=[
            {
                "type": "paragraph",
                "value": f'<p><a linktype="document" id="{document.pk}">le rapport</a></p>',
            }
        ],
    )
    assert ReferenceIndex.get_references_to(document).exists()

    def replace(who):
        return who.post(
            f"/admin/documents/edit/{document.pk}/",
            {
                "title": "Rapport",
                "collection": document.collection_id,
                "tags": "",
                "file": SimpleUploadedFile("rapport.txt", b"version 2", content_type="text/plain"),
            },
        )

    refused = replace(contributor_client)
    assert refused.status_code == 200
    assert REFUSED in refused.content.decode()
    document.refresh_from_db()
    assert document.file.read() == b"version 1"

    assert replace(editor_client).status_code == 302
    document.refresh_from_db()
    assert document.file.read() == b"version 2"
