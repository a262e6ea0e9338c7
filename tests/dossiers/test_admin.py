"""Editors build a dossier in the admin: any page by the chooser, a testimony by its address."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dossiers.models import DossierPage

pytestmark = pytest.mark.django_db


def add_dossier(client, parent, items, bibliography=()):
    url = reverse("wagtailadmin_pages:add", args=("dossiers", "dossierpage", parent.pk))
    data = nested_form_data(
        {
            "title": "Déserts médicaux",
            "slug": "deserts-medicaux",
            "introduction": rich_text("<p>Un dossier.</p>"),
            "state_of_play": streamfield([]),
            "updated_on": "",
            "document": "",
            "items": inline_formset(items),
            "footnotes": inline_formset([]),
            "bibliography": inline_formset(list(bibliography)),
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            "listing_summary": "",
            "seo_title": "",
            "search_description": "",
            "action-publish": "publish",
        }
    )
    return client.post(url, data)


def test_editor_opens_the_dossier_form(editor_client, dossier_index):
    url = reverse("wagtailadmin_pages:add", args=("dossiers", "dossierpage", dossier_index.pk))
    response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Contenus du dossier" in html
    assert "Bibliographie" in html


def test_editor_adds_a_page_and_a_testimony_by_its_address(
    editor_client, dossier_index, make_article, make_testimony
):
    article = make_article(title="Loi Garot")
    story = make_testimony(title="La route")
    address = f"http://testserver/vos-histoires/{story.uuid}/"
    response = add_dossier(
        editor_client,
        dossier_index,
        [
            {"page": str(article.pk), "testimony": "", "note": "D'abord la loi."},
            {"page": "", "testimony": address, "note": "Puis une patiente."},
        ],
        [
            {
                "kind": "page_web",
                "authors": "Organisation mondiale de la santé",
                "title": "Droits humains et santé",
                "container": "",
                "publisher": "OMS",
                "year": "2023",
                "url": "https://www.who.int/fr/",
                "doi": "",
                "accessed_on": "2025-03-04",
            }
        ],
    )
    assert response.status_code == 302
    dossier = DossierPage.objects.get(title="Déserts médicaux")
    assert dossier.live
    assert [(i.page_id, i.testimony_id, i.note) for i in dossier.items.all()] == [
        (article.pk, None, "D'abord la loi."),
        (None, story.uuid, "Puis une patiente."),
    ]
    assert dossier.bibliography.get().accessed_on.isoformat() == "2025-03-04"


def test_unpublished_or_unknown_testimony_is_refused_beside_the_field(
    editor_client, dossier_index, make_testimony, make_article
):
    pending = make_testimony(published=False, title="En attente")
    article = make_article(title="Loi Garot")
    for value in (str(pending.uuid), "https://exemple.org/pas-un-temoignage/"):
        response = add_dossier(
            editor_client,
            dossier_index,
            [{"page": "", "testimony": value, "note": "Ma note gardée"}],
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Aucun témoignage publié à cette adresse" in html
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find("input", attrs={"name": "items-0-testimony"})["value"] == value
        assert "Ma note gardée" in html
    both = add_dossier(
        editor_client,
        dossier_index,
        [
            {"page": str(article.pk), "testimony": "", "note": ""},
            {"page": "", "testimony": "", "note": "x"},
        ],
    )
    assert both.status_code == 200
    assert "un seul des deux par contenu" in both.content.decode()
    assert not DossierPage.objects.filter(title="Déserts médicaux").exists()
