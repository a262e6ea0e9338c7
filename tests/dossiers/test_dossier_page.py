"""A dossier as readers see it: mixed items in the editors' order, hidden ones left out."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests.a11y import assert_accessible
from tests.html import plain

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def item_titles(response) -> list[str]:
    return [h.get_text(strip=True) for h in soup_of(response).select(".dossier-item .card__title")]


def test_mixed_items_in_the_editors_order_with_their_notes(
    client, make_dossier, make_article, make_testimony
):
    later = make_article(title="Un article récent")
    story = make_testimony(title="Six cents kilomètres", quote="J'ai fait 600 km")
    earlier = make_article(title="Un article ancien")
    dossier = make_dossier(
        title="Déserts médicaux",
        items=[(earlier, "À lire d'abord."), (story, "Une patiente raconte."), later],
    )
    response = client.get(dossier.url)
    assert response.status_code == 200
    assert_accessible(response)
    assert item_titles(response) == [
        "Un article ancien",
        "Six cents kilomètres",
        "Un article récent",
    ]
    soup = soup_of(response)
    kinds = [p.get_text(strip=True) for p in soup.select(".dossier-item .card__kind")]
    assert kinds == ["Article", "Témoignage", "Article"]
    notes = [plain(p.get_text(" ", strip=True)) for p in soup.select(".dossier-item__note")]
    assert notes == [
        "Note de la rédaction : À lire d'abord.",
        "Note de la rédaction : Une patiente raconte.",
    ]
    story_link = soup.find("a", string="Six cents kilomètres")
    assert story_link["href"].endswith(f"/vos-histoires/{story.uuid}/")
    assert "« J'ai fait 600 km »" in plain(soup.select_one(".dossier-item__quote").get_text())


def test_unpublished_private_and_withheld_items_are_hidden(
    client, make_dossier, make_article, make_testimony
):
    shown = make_article(title="Publié")
    draft = make_article(title="Dépublié")
    draft.unpublish()
    private = make_article(title="Réservé")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    pending_story = make_testimony(published=False, title="En attente de modération")
    dossier = make_dossier(items=[draft, pending_story, private, shown])
    response = client.get(dossier.url)
    assert item_titles(response) == ["Publié"]
    html = response.content.decode()
    for hidden in ("Dépublié", "En attente de modération", "Réservé"):
        assert hidden not in html
    # Structured data names the visible items only.
    data = json.loads(soup_of(response).find("script", type="application/ld+json").string)
    assert [part["name"] for part in data["hasPart"]] == ["Publié"]


def test_json_ld_collection_page_and_opengraph(client, make_dossier, make_article, make_testimony):
    from fabrique.core.models import Theme

    article = make_article(title="Loi Garot")
    story = make_testimony(title="La route")
    theme = Theme.objects.create(name="Accès aux soins")
    dossier = make_dossier(
        title="Déserts médicaux",
        theme=theme,
        items=[article, story],
        bibliography=[
            {
                "kind": "page_web",
                "title": "Droits humains et santé",
                "url": "https://www.who.int/fr/",
            }
        ],
    )
    soup = soup_of(client.get(dossier.url))
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "CollectionPage"
    assert data["about"] == {"@type": "Thing", "name": "Accès aux soins"}
    assert "Thème : Accès aux soins" in plain(soup.select_one(".dossier__kind").get_text())
    assert data["name"] == "Déserts médicaux"
    assert data["hasPart"][0] == {
        "@type": "Article",
        "name": "Loi Garot",
        "url": article.full_url,
    }
    assert data["hasPart"][1]["@type"] == "CreativeWork"
    assert data["hasPart"][1]["url"].endswith(f"/vos-histoires/{story.uuid}/")
    assert data["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Droits humains et santé",
            "url": "https://www.who.int/fr/",
        }
    ]
    assert soup.find("meta", property="og:title")["content"] == "Déserts médicaux"
    assert soup.find("meta", property="og:url")["content"] == dossier.full_url
    assert soup.find("link", rel="canonical")["href"] == dossier.full_url


def test_state_of_play_footnotes_related_dossiers_and_updated_date(client, make_dossier):
    other = make_dossier(title="Santé mentale")
    hidden = make_dossier(title="Brouillon")
    hidden.unpublish()
    dossier = make_dossier(
        title="Déserts médicaux",
        state_of_play=json.dumps(
            [{"type": "paragraph", "value": "<p>L'accès aux soins recule[1].</p>"}]
        ),
        footnotes=["<p>DREES, 2021.</p>"],
        related=[hidden, other],
        updated_on="2025-03-04",
    )
    response = client.get(dossier.url)
    assert_accessible(response)
    soup = soup_of(response)
    assert soup.select_one(".footnote-ref a")["href"] == "#note-1"
    assert "DREES, 2021." in soup.find(id="note-1").get_text()
    related = [h.get_text(strip=True) for h in soup.select(".related .card__title")]
    assert related == ["Santé mentale"]
    assert "Mis à jour le 4 mars 2025" in plain(
        soup.select_one(".dossier__meta").get_text(" ", strip=True)
    )


def test_downloadable_pdf_is_linked_through_wagtail(client, make_dossier, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    # Files on disk, as in production (the tests' in-memory storage has no local path).
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }

    document = get_document_model().objects.create(
        title="Dossier complet", file=ContentFile(b"%PDF-1.4 demo", name="dossier.pdf")
    )
    dossier = make_dossier(title="Déserts médicaux", document=document)
    link = soup_of(client.get(dossier.url)).select_one(".dossier__download a")
    # Wagtail's own document view (it applies collection privacy), never /media/documents/.
    assert link["href"] == document.url == f"/documents/{document.pk}/dossier.pdf"
    assert "PDF" in link.get_text()
    response = client.get(link["href"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"


def test_hostile_text_is_escaped(client, make_dossier, make_article):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    article = make_article(title=f"Article {hostile}")
    dossier = make_dossier(
        title=f"Dossier {hostile}",
        items=[(article, f"Note {hostile}")],
        bibliography=[
            {
                "kind": "article",
                "title": f"Titre {hostile}",
                "authors": f"Nom {hostile}, Prénom",
                "container": f"Revue {hostile}",
                "url": "https://example.org/a?b=1&c=2",
            }
        ],
    )
    response = client.get(dossier.url)
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert_accessible(response)
    citation = soup_of(response).select_one(".citation")
    assert 'Titre <script>alert("x")</script>' in citation.get_text()
    assert citation.find("a", class_="citation__url")["href"] == "https://example.org/a?b=1&c=2"
