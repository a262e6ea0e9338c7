"""Spotting identifying details in French stories before moderators publish them."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from testimonies.pii import (
    find_identifying_details,
    find_pattern_details,
    highlight_html,
    language_model,
    redact,
)


def found(text: str) -> list[tuple[str, str]]:
    """What the patterns alone find (the language model is tested below)."""
    return [(match.kind, match.text) for match in find_pattern_details(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Écrivez-moi : lou.durand+fab@exemple.fr merci", ("email", "lou.durand+fab@exemple.fr")),
        ("Appelez le 06 12 34 56 78 demain", ("phone", "06 12 34 56 78")),
        ("Appelez le 06.12.34.56.78 demain", ("phone", "06.12.34.56.78")),
        ("Appelez le +33 6 12 34 56 78 demain", ("phone", "+33 6 12 34 56 78")),
        ("Appelez le 0612345678 demain", ("phone", "0612345678")),
        ("Mon numéro : 1 85 05 78 006 084 36.", ("nir", "1 85 05 78 006 084 36")),
        ("Mon numéro : 185057800608436.", ("nir", "185057800608436")),
        ("Sans clé : 1850578006084.", ("nir", "1850578006084")),
        ("J'habite 12 rue des Lilas depuis.", ("address", "12 rue des Lilas")),
        ("Au 3 bis avenue Jean-Jaurès.", ("address", "3 bis avenue Jean-Jaurès")),
        ("Au 5 boulevard Voltaire.", ("address", "5 boulevard Voltaire")),
        ("Au 2 place de la République.", ("address", "2 place de la République")),
        ("Au 8 impasse du Moulin.", ("address", "8 impasse du Moulin")),
        ("Au 4 allée des Pins.", ("address", "4 allée des Pins")),
        ("Au 7 chemin de Halage.", ("address", "7 chemin de Halage")),
        ("Le Dr Martin m'a reçue.", ("name", "Martin")),
        ("Le docteur Dupont m'a reçue.", ("name", "Dupont")),
        ("Le Pr Leroy m'a reçue.", ("name", "Leroy")),
        ("Mme Durand m'a reçue.", ("name", "Durand")),
        ("Puis M. Petit est arrivé.", ("name", "Petit")),
        ("Le Dr. Martin m'a reçue.", ("name", "Martin")),
        ("Puis Madame Le Goff est arrivée.", ("name", "Le Goff")),
        ("Opérée à l'hôpital Saint-Louis.", ("name", "hôpital Saint-Louis")),
        ("Suivie au CHU de Nantes.", ("name", "CHU de Nantes")),
        ("Opérée à la clinique des Cèdres.", ("name", "clinique des Cèdres")),
        ("Ma mère vit à l'EHPAD Les Jardins.", ("name", "EHPAD Les Jardins")),
        ("Heureusement, ma sœur Amélie était là.", ("name", "Amélie")),
        ("Avec mon mari Jean-Paul, on a attendu.", ("name", "Jean-Paul")),
    ],
)
def test_each_kind_is_found(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Trois mois pour un rendez-vous. Puis dix minutes de consultation.",
        "Marie, ma sœur, est venue en 2019 avec 15 amis. À Paris, en mars, tout a changé.",
        "Le médecin était pressé. Je suis allée à l'hôpital, puis à la clinique.",
        "Me voilà seule. Je me suis dit que le CH était loin. Docteur, aidez-moi.",
        "J'ai attendu 3 heures aux urgences et 12 jours pour un résultat.",
        "En deuxième année, j'avais 2 cours de pharmacologie et 3 rue à traverser.",
        "Il a fallu 2 places en réanimation. Madame, c'est grave ? Dr, vite !",
        "J'ai vu le docteur. Puis il est parti. Merci madame. Elle a souri.",
    ],
)
def test_plain_sentences_are_not_flagged(text):
    assert found(text) == []


def test_match_offsets_point_into_the_text():
    text = "Appelez le 06 12 34 56 78 ou écrivez à a@b.fr."
    for match in find_pattern_details(text):
        assert text[match.start : match.end] == match.text


def test_redact_replaces_every_match_at_once():
    text = "Le Dr Martin, 12 rue des Lilas, 06 12 34 56 78, lou@exemple.fr."
    assert redact(text, find_pattern_details(text)) == "Le Dr […], […], […], […]."


def test_redact_with_given_matches_only_touches_those():
    text = "Le Dr Martin et Mme Durand."
    first = find_pattern_details(text)[:1]
    assert redact(text, first) == "Le Dr […] et Mme Durand."


def test_redact_without_match_returns_the_text():
    assert redact("Rien à cacher.", []) == "Rien à cacher."
    assert redact("") == ""


def test_highlight_escapes_hostile_html_and_marks_matches():
    text = '<script>alert("x")</script> Dr <b>Martin</b>\nLe Dr Martin & co'
    html = highlight_html(text, find_pattern_details(text))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;Martin&lt;/b&gt;" in html
    assert "<br>" in html
    assert (
        '<mark class="pii" title="Donnée identifiante possible : '
        'nom de personne ou d&#x27;établissement">Martin</mark> &amp; co'
    ) in html


def test_highlight_escapes_inside_a_match_too():
    text = "Écrire à x<y@exemple.fr ou à 06 12 34 56 78"
    html = highlight_html(text, find_pattern_details(text))
    assert "<y" not in html
    assert 'title="Donnée identifiante possible : numéro de téléphone"' in html


def test_highlight_keeps_line_breaks_and_plain_text():
    assert highlight_html("Ligne 1\r\nLigne 2\nFin", []) == "Ligne 1<br>Ligne 2<br>Fin"
    assert highlight_html("", []) == ""


# --- With the language model (loaded once per test worker, by the module's cache) -------


def detected(text: str) -> list[str]:
    return [match.text for match in find_identifying_details(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Julie Martin, l'infirmière de nuit, m'a tenu la main", "Julie Martin"),
        ("Karim Benali m'a reçu", "Karim Benali"),
        ("Heureusement, ma sœur Amélie est venue", "Amélie"),
        ("Ce que le Dr Quimperlé m'a fait au CHU de Brest", "Quimperlé"),
        ("Ce que le Dr Quimperlé m'a fait au CHU de Brest", "CHU de Brest"),
        ("jean.dupont@mail.fr", "jean.dupont@mail.fr"),
        ("Rappelez-moi au 06 12 34 56 78 demain", "06 12 34 56 78"),
        ("J'ai grandi à Quimper puis j'ai déménagé.", "Quimper"),
        ("Heureusement, Médecins sans frontières m'a aidée.", "Médecins sans frontières"),
    ],
)
def test_names_without_title_first_names_places_and_organisations_are_found(text, expected):
    assert expected in detected(text)


def test_patterns_keep_their_exact_spans_over_the_model():
    # The model reads "Mme Durand" as one name; the pattern keeps the title readable.
    assert detected("Puis Mme Durand m'a reçue.") == ["Durand"]
    assert redact("Puis Mme Durand m'a reçue.") == "Puis Mme […] m'a reçue."


def test_an_imperative_before_a_pronoun_is_not_a_name():
    assert detected("Appelez-moi au 06 12 34 56 78.") == ["06 12 34 56 78"]
    assert "Rappelez" not in detected("Heureusement, ma sœur Amélie était là. Rappelez-moi.")


def test_the_model_is_loaded_once_per_process():
    assert language_model() is language_model()


# --- Public paths never load the model --------------------------------------------------

IMPORT_PROBE = r"""
import sys

import django

django.setup()
from django.conf import settings
from django.urls import get_resolver

get_resolver(settings.ROOT_URLCONF).url_patterns  # every view module, the public form's too
import testimonies.forms, testimonies.views  # noqa: E401
print("spacy" in sys.modules)
"""


def test_importing_the_site_does_not_import_spacy():
    """In a fresh interpreter (no database): the URL configuration and every view it
    names leave spaCy unimported, so only a use of the model can load it."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fabrique.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "False"


def model_uses() -> int:
    """How many times anything asked for the language model in this process."""
    info = language_model.cache_info()
    return info.hits + info.misses


def test_reading_pages_and_posting_the_form_never_use_the_model(
    site_tree, client, admin_client, django_capture_on_commit_callbacks
):
    """Public GETs and a form POST never ask for the model; a moderator opening a story
    does (so this test would see a leak). Texts are new to this run, so no cached
    detection stands in for the model."""
    import re
    import uuid

    from fabrique.moderation.actions import publish
    from testimonies.factories import TestimonyFactory

    fresh = uuid.uuid4().hex[:8]
    story = publish(
        TestimonyFactory(title=f"Julie Martin m'a reçue {fresh}", story=f"Karim Benali {fresh}.")
    )
    before = model_uses()
    for url in ("/", "/vos-histoires/", f"/vos-histoires/{story.uuid}/"):
        assert client.get(url).status_code == 200, url
    form = client.get("/vos-histoires/temoigner/").content.decode()
    started = re.search(r'name="started" value="([^"]*)"', form).group(1)
    with django_capture_on_commit_callbacks(execute=True):  # the notices, as after a commit
        sent = client.post(
            "/vos-histoires/temoigner/",
            {
                "started": started,
                "pseudonym": "Lou",
                "role": "patient",
                "department": "33",
                "title": f"Karim Benali m'a reçu {fresh}",
                "story": f"Julie Martin, à Brest. {fresh}",
                "email": "lou@example.org",
                "consent_publication": "on",
                "consent_health_data": "on",
                "website": "",
            },
        )
    assert sent.status_code == 302, sent.status_code
    assert model_uses() == before
    edit = admin_client.get(f"/admin/snippets/testimonies/testimony/edit/{story.pk}/")
    assert edit.status_code == 200
    assert model_uses() > before


# --- Moderators: every publishable field checked, redacted, confirmed ------------------

ADMIN_LIST = "/admin/snippets/testimonies/testimony/"
TITLE = "Ce que le Dr Quimperlé m'a fait au CHU de Brest"
PSEUDONYM = "jean.dupont@mail.fr"
STORY = (
    "Julie Martin, l'infirmière de nuit, m'a tenu la main. Karim Benali m'a reçu.\n"
    "Heureusement, ma sœur Amélie était là. Rappelez-moi au 06 12 34 56 78."
)
QUOTE = "Karim Benali m'a reçu"
IDENTIFYING = [
    "Julie Martin",
    "Karim Benali",
    "Amélie",
    "Quimperlé",
    "CHU de Brest",
    "jean.dupont@mail.fr",
    "06 12 34 56 78",
]


@pytest.fixture
def identifying_story(site_tree):
    from testimonies.factories import TestimonyFactory

    return TestimonyFactory(title=TITLE, pseudonym=PSEUDONYM, story=STORY, quote=QUOTE)


def edit_data(testimony, **overrides) -> dict:
    data = {
        "title": testimony.title,
        "pseudonym": testimony.pseudonym,
        "role": testimony.role,
        "department": testimony.department,
        "published_text": testimony.published_text,
        "quote": testimony.quote,
        "status": testimony.status,
        "refusal_reason": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def marked(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    return [mark.get_text() for mark in BeautifulSoup(html, "html.parser").select("mark.pii")]


def test_moderator_sees_every_field_marked_and_the_result_is_stored(
    moderator_client, identifying_story
):
    from testimonies import pii

    url = f"{ADMIN_LIST}edit/{identifying_story.pk}/"
    html = moderator_client.get(url).content.decode()
    for passage in IDENTIFYING:
        assert passage in marked(html), passage
    assert "passages à vérifier repérés automatiquement ; la détection peut en manquer" in html
    assert "relisez chaque champ." in html
    assert "Ce que le Dr […] m&#x27;a fait au […]" in html  # the title's redaction proposal

    identifying_story.refresh_from_db()
    stored = identifying_story.identifying_details
    assert stored["hash"] and {"title", "pseudonym", "quote", "story"} <= set(stored["fields"])
    # Opened again: the stored result is used, the detectors do not run.
    pii._detect.cache_clear()
    assert marked(moderator_client.get(url).content.decode()) == marked(html)
    assert pii._detect.cache_info().misses == 0
    # A text changed elsewhere: detection runs again for the new texts.
    type(identifying_story).objects.filter(pk=identifying_story.pk).update(quote="Rien.")
    moderator_client.get(url)
    identifying_story.refresh_from_db()
    assert identifying_story.identifying_details["hash"] != stored["hash"]
    assert "quote" not in identifying_story.identifying_details["fields"]


def test_marks_escape_hostile_text(moderator_client, site_tree):
    from testimonies.factories import TestimonyFactory

    testimony = TestimonyFactory(
        pseudonym="<img src=x onerror=alert(1)>a@b.fr", story="<script>x</script> Karim Benali"
    )
    html = moderator_client.get(f"{ADMIN_LIST}edit/{testimony.pk}/").content.decode()
    assert "<img src=x" not in html and "<script>x</script>" not in html
    assert "a@b.fr" in marked(html)


def test_the_count_says_it_may_be_incomplete_with_a_french_plural():
    from testimonies.admin_forms import summary

    tail = (
        " à vérifier repéré automatiquement ; la détection peut en manquer : relisez chaque champ."
    )
    assert summary(0) == "Aucun passage" + tail
    assert summary(1) == "1 passage" + tail
    assert summary(3) == (
        "3 passages à vérifier repérés automatiquement ; la détection peut en manquer : "
        "relisez chaque champ."
    )


def public_pages(testimony) -> dict[str, str]:
    from django.test import Client

    client = Client()
    pages = {}
    for url in (f"/vos-histoires/{testimony.uuid}/", "/vos-histoires/", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


def test_after_redaction_and_publication_nothing_identifying_is_public(
    moderator_client, identifying_story
):
    from bs4 import BeautifulSoup

    url = f"{ADMIN_LIST}edit/{identifying_story.pk}/"
    moderator_client.get(url)
    response = moderator_client.post(
        url, edit_data(identifying_story, redact_details="on", status="published")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    identifying_story.refresh_from_db()
    assert identifying_story.status == "published"
    assert identifying_story.story == STORY  # the original stays, for moderators only

    pages = public_pages(identifying_story)
    detail = BeautifulSoup(pages[f"/vos-histoires/{identifying_story.uuid}/"], "html.parser")
    head_parts = {
        "title": detail.title.get_text(),
        "h1": detail.h1.get_text(),
        "og:title": detail.find("meta", property="og:title")["content"],
        "description": detail.find("meta", attrs={"name": "description"})["content"],
        "json-ld": " ".join(
            s.get_text() for s in detail.find_all("script", type="application/ld+json")
        ),
    }
    assert "[…]" in head_parts["h1"] and "[…]" in head_parts["description"]
    for passage in IDENTIFYING:
        for part, text in head_parts.items():
            assert passage not in text, (passage, part)
        for page_url, html in pages.items():
            assert passage not in html, (passage, page_url)
            assert passage.replace("'", "&#x27;") not in html


def test_publishing_unreviewed_passages_asks_for_an_explicit_confirmation(
    moderator_client, identifying_story
):
    url = f"{ADMIN_LIST}edit/{identifying_story.pk}/"
    response = moderator_client.post(url, edit_data(identifying_story, status="published"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ces passages repérés seront publiés" in html
    assert "« Quimperlé »" in html and "« jean.dupont@mail.fr »" in html
    assert "« 06 12 34 56 78 »" in html
    assert "J&#x27;ai relu ces passages" in html
    identifying_story.refresh_from_db()
    assert identifying_story.status == "pending"

    response = moderator_client.post(
        url, edit_data(identifying_story, status="published", details_reviewed="on")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    identifying_story.refresh_from_db()
    assert identifying_story.status == "published"
    assert "Quimperlé" in identifying_story.identifying_details["reviewed"]["title"]


def bulk_url(*testimonies) -> str:
    ids = "&".join(f"id={t.pk}" for t in testimonies)
    return f"/admin/bulk/testimonies/testimony/publish_testimonies/?{ids}&next={ADMIN_LIST}"


def test_bulk_publish_lists_what_each_story_contains_and_needs_a_confirmation(
    moderator_client, identifying_story
):
    from testimonies.factories import TestimonyFactory

    clean = TestimonyFactory(title="Une longue attente", story="Trois mois pour un rendez-vous.")
    url = bulk_url(identifying_story, clean)
    confirm = moderator_client.get(url).content.decode()
    assert "Contient encore des passages repérés automatiquement, non relus" in confirm
    for passage in ("Quimperlé", "jean.dupont@mail.fr", "06 12 34 56 78", "Amélie"):
        assert f"« {passage} »" in confirm
    assert "J&#x27;ai relu ces passages" in confirm

    refused = moderator_client.post(url)
    assert refused.status_code == 200
    assert "Des témoignages contiennent encore des passages repérés" in refused.content.decode()
    for testimony in (identifying_story, clean):
        testimony.refresh_from_db()
        assert testimony.status == "pending"

    assert moderator_client.post(url, {"details_reviewed": "on"}).status_code == 302
    for testimony in (identifying_story, clean):
        testimony.refresh_from_db()
        assert testimony.status == "published"


def test_bulk_publish_of_reviewed_stories_needs_no_confirmation(moderator_client, site_tree):
    from testimonies.factories import TestimonyFactory

    clean = TestimonyFactory(title="Une longue attente", story="trois mois pour un rendez-vous.")
    url = bulk_url(clean)
    assert "J&#x27;ai relu ces passages" not in moderator_client.get(url).content.decode()
    assert moderator_client.post(url).status_code == 302
    clean.refresh_from_db()
    assert clean.status == "published"


def test_highlight_escapes_the_apostrophe_inside_a_match():
    # The apostrophe is the one HTML-special character a match can hold ("L'Archet");
    # printed as is, a match could close an attribute around it.
    text = "Opérée à l'hôpital L'Archet."
    html = highlight_html(text, find_pattern_details(text))
    assert "hôpital L&#x27;Archet</mark>" in html
    assert "L'Archet" not in html


def test_a_postcode_and_its_town_are_an_address():
    assert ("address", "33000 Bordeaux") in found("Nous habitons 33000 Bordeaux depuis dix ans.")
    assert ("address", "75010 Paris") in found("Elle vit au 75010 Paris.")
