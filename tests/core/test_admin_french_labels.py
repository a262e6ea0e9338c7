"""The admin speaks plain French to an Éditeur: no « un(e) », « Ce(tte) », no English column.

Wagtail builds some labels from a model's name, which its French catalogue can only
render as « Ajouter un(e) note » or « Choisir rubrique »; the project names its own.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.factories import ArticlePageFactory
from fabrique.accounts.roles import EDITORS
from fabrique.demo.site import publish
from podcasts.factories import AudioFileFactory
from tests.html import soup_of
from tests.team import member

CLUMSY = re.compile(
    r"un\(e\)|ce\(tte\)|ce/cette|Duration display|Mime type|"
    r"Choisir (rubrique|personne|son|thème|émission|image)\b",
    re.IGNORECASE,
)


@pytest.fixture
def editor(site_tree):
    client = Client()
    client.force_login(member(EDITORS, "dominique"))
    return client


def visible_text(response) -> str:
    """What the editor reads, and the templates the admin's scripts will show."""
    assert response.status_code == 200, response.status_code
    tree = soup_of(response)
    for script in tree.find_all("script"):
        script.decompose()
    return tree.get_text(" ", strip=True) + " ".join(
        template.decode_contents() for template in soup_of(response).find_all("template")
    )


def clumsy(text: str) -> list[str]:
    return sorted({match.group(0) for match in CLUMSY.finditer(text)})


def add_url(app, model, parent):
    return reverse("wagtailadmin_pages:add", args=(app, model, parent.pk))


def test_the_editors_forms_say_what_they_add(site_tree, editor):
    sections = site_tree["sections"]
    forms = {
        "article": add_url("articles", "articlepage", sections["articles"]),
        "vidéo": add_url("videos", "videopage", sections["videos"]),
        "événement": add_url("events", "eventpage", sections["evenements"])
        if "evenements" in sections
        else None,
        "dossier": add_url("dossiers", "dossierpage", sections["dossiers"])
        if "dossiers" in sections
        else None,
        "accueil": reverse("wagtailadmin_pages:edit", args=(site_tree["home"].pk,)),
    }
    found = {}
    for name, url in forms.items():
        if url is None:
            continue
        text = visible_text(editor.get(url))
        found[name] = clumsy(text)
    assert all(not words for words in found.values()), found
    article_form = visible_text(editor.get(forms["article"]))
    assert "Ajouter une note" in article_form
    assert "Ajouter un auteur ou une autrice" in article_form
    assert "Choisir une rubrique" in article_form


def test_the_libraries_name_their_columns_and_buttons(site_tree, editor):
    AudioFileFactory(title="Un son")
    listings = {
        "sons": ("podcasts", "audiofile", "Ajouter un son"),
        "personnes": ("core", "person", "Ajouter une personne"),
        "émissions": ("videos", "videoseries", "Ajouter une émission"),
    }
    for name, (app, model, add) in listings.items():
        text = visible_text(editor.get(reverse(f"wagtailsnippets_{app}_{model}:list")))
        assert clumsy(text) == [], (name, clumsy(text))
        assert add in text, name
    sounds = visible_text(editor.get(reverse("wagtailsnippets_podcasts_audiofile:list")))
    assert "Durée" in sounds


def test_the_page_editor_side_panels_read_as_french(site_tree, editor):
    article = publish(
        ArticlePageFactory(parent=site_tree["sections"]["articles"], title="Soigner la nuit")
    )
    text = visible_text(editor.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))))
    assert clumsy(text) == []
