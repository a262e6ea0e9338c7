"""Admin comfort for editors: create an author or a rubric from the chooser, slug clashes
explained in French, a title-derived slug made unique, themes as checkboxes."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import Rubric
from fabrique.core.models import Person, Theme
from fabrique.standard.models import StandardPage
from testimonies.factories import TestimonyFactory


@pytest.fixture
def admin_client_(site_tree, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "x"))
    return client


def test_editor_creates_an_author_from_the_chooser(editor_client):
    chooser = editor_client.get(reverse("wagtailsnippetchoosers_core_person:choose"))
    assert chooser.status_code == 200
    assert "Créer la personne" in chooser.json()["html"]

    response = editor_client.post(
        reverse("wagtailsnippetchoosers_core_person:create"),
        {"name": "Léa Dubœuf", "role": "infirmière"},
    )
    assert response.json()["step"] == "chosen"
    person = Person.objects.get(name="Léa Dubœuf")
    assert person.slug == "lea-duboeuf"
    assert str(person.pk) == str(response.json()["result"]["id"])


def test_a_rubric_is_created_from_the_chooser_and_a_duplicate_is_refused(admin_client_):
    url = reverse("wagtailsnippetchoosers_articles_rubric:create")
    assert admin_client_.post(url, {"name": "Décryptage"}).json()["step"] == "chosen"
    assert Rubric.objects.get(name="Décryptage").slug == "decryptage"
    again = admin_client_.post(url, {"name": "Décryptage"}).json()
    assert again["step"] != "chosen"
    assert Rubric.objects.filter(name="Décryptage").count() == 1


def _add_standard_page(client, parent, title, slug=""):
    url = reverse("wagtailadmin_pages:add", args=("standard", "standardpage", parent.pk))
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": rich_text(""),
            "body": streamfield([]),
            "comments": inline_formset([]),
            "listing_summary": "",
            "seo_title": "",
            "search_description": "",
        }
    )
    return client.post(url, data)


def test_a_title_already_used_gives_the_new_page_the_next_free_slug(admin_client_, home):
    assert Page.objects.filter(slug="a-propos").exists()
    response = _add_standard_page(admin_client_, home, "À propos", slug="a-propos")
    assert response.status_code == 302
    page = StandardPage.objects.get(title="À propos", slug="a-propos-2")
    assert page.url_path.endswith("/a-propos-2/")


def test_a_second_create_of_the_draft_just_saved_is_refused_not_duplicated(admin_client_, home):
    """Wagtail's autosave (or a double click) may create the page while the editor's own
    submit of the same new page is on its way: that must not make a second copy."""
    first = _add_standard_page(admin_client_, home, "Journal de garde", slug="journal-de-garde")
    assert first.status_code == 302
    second = _add_standard_page(admin_client_, home, "Journal de garde", slug="journal-de-garde")
    assert second.status_code == 200
    assert "est déjà celle de la page « Journal de garde »" in second.content.decode()
    assert StandardPage.objects.filter(title="Journal de garde").count() == 1


def test_a_chosen_slug_already_taken_names_the_page_that_has_it(admin_client_, home):
    response = _add_standard_page(admin_client_, home, "Nos dons", slug="faire-un-don")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    error = soup.find(id="panel-child-promotion-child-r-f-rencement-child-slug-errors") or soup
    text = error.get_text(" ", strip=True)
    assert "L'adresse « faire-un-don » est déjà celle de la page « Faire un don »" in text
    assert "« faire-un-don-2 »" in text
    assert not StandardPage.objects.filter(title="Nos dons").exists()


def test_themes_are_checkboxes_in_the_testimony_form(admin_client_):
    Theme.objects.create(name="Santé mentale")
    Theme.objects.create(name="Urgences")
    testimony = TestimonyFactory()
    html = admin_client_.get(
        f"/admin/snippets/testimonies/testimony/edit/{testimony.pk}/"
    ).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    boxes = soup.select("input[type=checkbox][name=themes]")
    assert len(boxes) == 2
    assert not soup.select("select[name=themes]")
