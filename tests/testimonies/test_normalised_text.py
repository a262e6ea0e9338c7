"""Hidden characters cannot hide a name from the detection, nor reach the public page;
the story's own pseudonym is not a detail to hide, and losing it is never silent."""

import unicodedata

import pytest
from bs4 import BeautifulSoup

from testimonies.factories import TestimonyFactory
from testimonies.models import Testimony, TestimonyContact
from testimonies.pii import find_identifying_details, redact

from .test_pii import ADMIN_LIST, edit_data, marked, public_pages

TITLE = "Ce que le Dr Martin m'a dit"
STORY = (
    "Rappelez-moi au 06 12 34 56 78 ou écrivez à lina.martin@exemple.fr.\n"
    "Heureusement, ma sœur Amélie était là."
)
# The same texts as a browser may send them: soft hyphen, zero-width space, word joiner,
# no-break spaces, fullwidth digits. None of them shows on the page.
HIDDEN_VARIANTS = {
    "soft hyphen": (
        "Ce que le Dr Mar\u00adtin m'a dit",
        "Rappelez-moi au 06 12 34 56 78 ou écrivez à lina.mar\u00adtin@exemple.fr.\n"
        "Heureusement, ma sœur Amé\u00adlie était là.",
    ),
    "zero-width space and word joiner": (
        "Ce que le Dr Mar\u200btin m'a dit",
        "Rappelez-moi au 06 1\u200b2 3\u200b4 56 78 ou écrivez à lina.martin\u2060@exemple.fr.\n"
        "Heureusement, ma sœur Am\u2060élie était là.",
    ),
    "fullwidth digits and odd spaces": (
        "Ce que le\u00a0Dr\u202fＭartin m'a dit",
        "Rappelez-moi au ０６ １２ ３４ ５６ ７８ ou écrivez à lina.martin@exemple.fr.\n"
        "Heureusement,\u2009ma sœur Amélie était là.",
    ),
    "bidi marks and byte order mark": (
        "\ufeffCe que le Dr \u200eMartin\u200f m'a dit",
        "Rappelez-moi au 06 12 34 56 78 ou écrivez à \u2066lina.martin@exemple.fr\u2069.\n"
        "Heureusement, ma sœur A\u200dmélie était là.",
    ),
}
EXPECTED = [
    ("name", "Martin"),
    ("phone", "06 12 34 56 78"),
    ("email", "lina.martin@exemple.fr"),
    ("name", "Amélie"),
]


def has_format_character(text: str) -> bool:
    return any(unicodedata.category(character) == "Cf" for character in text)


def flags(text: str) -> list[tuple[str, str]]:
    return [(match.kind, match.text) for match in find_identifying_details(text)]


@pytest.mark.parametrize("variant", HIDDEN_VARIANTS)
def test_hidden_characters_give_the_same_flags_and_the_same_redaction(variant):
    title, story = HIDDEN_VARIANTS[variant]
    clean = flags(TITLE) + flags(STORY)
    assert set(EXPECTED) <= set(clean)
    assert flags(title) + flags(story) == clean
    assert redact(title) == redact(TITLE) == "Ce que le Dr […] m'a dit"
    assert redact(story) == redact(STORY)
    assert "Martin" not in redact(story) and "tin" not in redact(title)
    assert not has_format_character(redact(title) + redact(story))


@pytest.mark.parametrize("variant", HIDDEN_VARIANTS)
def test_a_story_sent_with_hidden_characters_is_stored_flagged_and_published_without_them(
    variant, submit, moderator_client
):
    title, story = HIDDEN_VARIANTS[variant]
    response = submit(
        pseudonym="Li\u00adna", title=title, story=story, email="li\u200bna@exemple.org"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    testimony = Testimony.objects.get()
    assert (testimony.pseudonym, testimony.title) == ("Lina", TITLE)
    assert testimony.story == STORY
    assert TestimonyContact.objects.get().email == "lina@exemple.org"

    url = f"{ADMIN_LIST}edit/{testimony.pk}/"
    html = moderator_client.get(url).content.decode()
    for _kind, passage in EXPECTED:
        assert passage in marked(html), passage
    assert "Lina" not in marked(html)  # the pseudonym is public by choice

    response = moderator_client.post(
        url, edit_data(testimony, redact_details="on", status="published")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    testimony.refresh_from_db()
    assert testimony.title == "Ce que le Dr […] m'a dit"
    for page_url, page in public_pages(testimony).items():
        assert not has_format_character(page), page_url
        for _kind, passage in EXPECTED:
            assert passage not in page, (passage, page_url)
    detail = BeautifulSoup(
        public_pages(testimony)[f"/vos-histoires/{testimony.uuid}/"], "html.parser"
    )
    assert detail.select_one(".testimony__meta").get_text().startswith("Lina, ")


def test_a_moderators_edit_is_normalised_before_it_is_checked(moderator_client, site_tree):
    testimony = TestimonyFactory(title="Une longue attente", story="Trois mois.")
    url = f"{ADMIN_LIST}edit/{testimony.pk}/"
    response = moderator_client.post(
        url, edit_data(testimony, quote="Merci au Dr Mar\u00adtin", status="published")
    )
    # Publishing the quote needs a confirmation: the hidden character did not hide the name.
    assert response.status_code == 200
    assert "« Martin »" in response.content.decode()
    response = moderator_client.post(
        url, edit_data(testimony, quote="Merci au Dr Mar\u00adtin", redact_details="on")
    )
    assert response.status_code == 302
    testimony.refresh_from_db()
    assert testimony.quote == "Merci au Dr […]"


# --- The pseudonym ---------------------------------------------------------------------


def test_the_story_pseudonym_is_not_flagged_but_other_names_are():
    assert flags("Lina"), "the model takes « Lina » alone for a name"
    assert find_identifying_details("Lina", public_names=("Lina",)) == []
    found = find_identifying_details(
        "Lina, c'est moi. Karim Benali m'a reçue.", public_names=("Li\u00adna",)
    )
    assert [match.text for match in found] == ["Karim Benali"]
    # Patterns still flag contact details, even typed as a pseudonym.
    email = "lina.b@exemple.fr"
    assert [m.kind for m in find_identifying_details(email, public_names=(email,))] == ["email"]


def test_redacting_a_story_signed_with_its_pseudonym_keeps_the_signature(
    moderator_client, site_tree
):
    testimony = TestimonyFactory(
        pseudonym="Lina", title="Merci Lina", story="Lina, c'est moi. Karim Benali m'a reçue."
    )
    url = f"{ADMIN_LIST}edit/{testimony.pk}/"
    html = moderator_client.get(url).content.decode()
    assert marked(html) == ["Karim Benali"]
    assert "Attention" not in help_of(html, "redact_details")
    assert "Attention" not in help_of(html, "pseudonym")
    assert "ne signe plus" not in html

    response = moderator_client.post(
        url, edit_data(testimony, redact_details="on", status="published"), follow=True
    )
    assert response.status_code == 200
    assert "signé « Anonyme »" not in response.content.decode()
    testimony.refresh_from_db()
    assert (testimony.pseudonym, testimony.display_name) == ("Lina", "Lina")
    assert testimony.published_text == "Lina, c'est moi. […] m'a reçue."


def help_of(html: str, field: str) -> str:
    element = BeautifulSoup(html, "html.parser").select_one(f'[id$="-{field}-helptext"]')
    assert element is not None, field
    return " ".join(element.get_text().split())


def test_the_moderator_is_told_before_and_after_that_the_story_will_be_signed_anonyme(
    moderator_client, site_tree
):
    testimony = TestimonyFactory(
        pseudonym="lina.b@exemple.fr", title="Une longue attente", story="Trois mois."
    )
    url = f"{ADMIN_LIST}edit/{testimony.pk}/"
    html = moderator_client.get(url).content.decode()
    warning = (
        "Attention : caviarder effacerait tout le pseudonyme « lina.b@exemple.fr » ; le "
        "témoignage serait alors publié signé « Anonyme »."
    )
    assert warning in help_of(html, "redact_details")
    assert warning in help_of(html, "pseudonym")
    assert (
        "Une fois caviardé, le pseudonyme ne signe plus : le témoignage sera publié signé "
        "« Anonyme »." in html
    )

    response = moderator_client.post(
        url, edit_data(testimony, redact_details="on", status="published"), follow=True
    )
    assert response.status_code == 200
    assert (
        "Le pseudonyme a été caviardé en entier : le témoignage est désormais signé « Anonyme »."
        in response.content.decode()
    )
    testimony.refresh_from_db()
    assert (testimony.status, testimony.pseudonym) == ("published", "[…]")
    detail = BeautifulSoup(
        public_pages(testimony)[f"/vos-histoires/{testimony.uuid}/"], "html.parser"
    )
    assert detail.select_one(".testimony__meta").get_text().startswith("Anonyme, ")

    # Opened again, the pseudonym field says what readers see.
    html = moderator_client.get(url).content.decode()
    assert "Signature publiée : « Anonyme »." in help_of(html, "pseudonym")
