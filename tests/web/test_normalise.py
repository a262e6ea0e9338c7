"""One normalisation of text: hidden characters never reach the database or a feed."""

import unicodedata
import xml.etree.ElementTree as ET

import pytest
from django import forms
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.factories import ArticlePageFactory
from articles.models import ArticlePage
from fabrique.demo.site import publish
from fabrique.submissions.guards import PublicSubmissionForm
from fabrique.web.normalise import (
    normalise_editor_markup,
    normalise_editor_text,
    normalise_text,
    strip_hidden,
)

SOFT_HYPHEN = "\u00ad"
HIDDEN = [
    "\u00ad",  # soft hyphen
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\u200e",  # left-to-right mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\ufeff",  # byte order mark
    "\x9b",  # a C1 control character
]


def has_format_character(text: str) -> bool:
    return any(unicodedata.category(character) == "Cf" for character in text)


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_characters_are_removed_from_inside_words(hidden):
    assert normalise_text(f"Dr Mar{hidden}tin") == "Dr Martin"
    assert normalise_editor_text(f"Dr Mar{hidden}tin") == "Dr Martin"


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("０６ １２ ３４ ５６ ７８", "06 12 34 56 78"),  # fullwidth digits
        ("𝐌𝐚𝐫𝐭𝐢𝐧", "Martin"),  # mathematical bold letters
        ("ﬁn", "fin"),  # ligature
        ("e\u0301tude", "étude"),  # a combining accent composed
        ("10\u00a0€ et 5\u202f%", "10 € et 5 %"),  # no-break spaces
        ("a\u2009b\u3000c\u1680d", "a b c d"),  # thin, ideographic, ogham spaces
        ("un\u2028deux\u2029trois\x85quatre", "un\ndeux\ntrois\nquatre"),
        ("ligne 1\r\nligne 2\n\tfin", "ligne 1\r\nligne 2\n\tfin"),  # kept as typed
        ("« Bonjour », l’œil·e", "« Bonjour », l’œil·e"),  # French typography kept
        ("attendre…", "attendre..."),
    ],
)
def test_public_text_is_folded_to_one_form(typed, normal):
    assert normalise_text(typed) == normal
    assert normalise_text(normal) == normal  # idempotent


def test_a_joiner_inside_an_emoji_is_kept_but_not_inside_a_word():
    health_worker = "👩\u200d⚕\ufe0f"
    assert normalise_text(f"Merci {health_worker} !") == f"Merci {health_worker} !"
    assert normalise_text("Ka\u200drim") == "Karim"


def test_editor_text_keeps_the_forms_french_typography_uses():
    typed = "Le 1ᵉʳ mai, XIXᵉ siècle, IMC 30 kg/m², ½ dose, nº 3 : « attendre… »\u202f!"
    assert normalise_editor_text(typed) == typed
    assert normalise_editor_text(f"Ti{SOFT_HYPHEN}tre ｐｌｅｉｎｅ\u2009chasse") == (
        "Titre pleine chasse"
    )


def test_editor_text_never_turns_into_markup():
    assert normalise_editor_text("＜script＞") == "＜script＞"
    assert normalise_text("＜script＞") == "<script>"  # plain text, escaped wherever shown
    # Between tags only: a combining stroke after a tag does not swallow its « > ».
    html = '<p data-x="a">\u0338x Mar\u00adtin</p><p>\u00a0fin</p>'
    assert normalise_editor_markup(html) == '<p data-x="a">\u0338x Martin</p><p>\u00a0fin</p>'


def test_feeds_only_lose_the_hidden_characters():
    assert strip_hidden(f"Ti{SOFT_HYPHEN}tre\u00a0: ｐ…") == "Titre\u00a0: ｐ…"


class _Plain(PublicSubmissionForm):
    kind = "test"
    note = forms.CharField(required=False, max_length=10)
    email = forms.EmailField(required=False)


def test_every_text_field_of_a_public_form_is_normalised_before_its_checks():
    # Eleven characters typed, ten once the soft hyphen is gone: the length check sees ten.
    form = _Plain(data={"note": f"Dr Mar{SOFT_HYPHEN}tin!", "email": "li\u200bna@exemple.fr"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "note": "Dr Martin!",
        "email": "lina@exemple.fr",
        "website": "",
        "started": "",
    }
    only_hidden = _Plain(data={"note": "\u200b\u00a0"})
    assert only_hidden.is_valid() and only_hidden.cleaned_data["note"] == ""


# --- Editors: a page's text is stored normalised, and feeds carry no hidden character ---


@pytest.fixture
def admin_client_(site_tree, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "x"))
    return client


def test_an_editors_soft_hyphen_is_stored_without_it_and_the_feed_carries_none(
    admin_client_, site_tree, client
):
    index = site_tree["sections"]["articles"]
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    data = nested_form_data(
        {
            "title": f"Les infir{SOFT_HYPHEN}mières de nuit",
            "slug": "infirmieres-de-nuit",
            "standfirst": "Un cha\u200bpô, le 1ᵉʳ mai\u202f!",
            "date": "2025-05-07",
            "tags": "",
            "body": streamfield([("paragraph", rich_text(f"Un para{SOFT_HYPHEN}graphe."))]),
            "authors": inline_formset([]),
            "footnotes": inline_formset([]),
            "listing_summary": "",
            "seo_title": "",
            "search_description": f"Des soi{SOFT_HYPHEN}gnantes",
            "action-publish": "publish",
        }
    )
    response = admin_client_.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="infirmieres-de-nuit")
    assert article.live
    assert article.title == article.draft_title == "Les infirmières de nuit"
    assert article.standfirst == "Un chapô, le 1ᵉʳ mai\u202f!"  # typography kept
    assert article.search_description == "Des soignantes"
    body = article.body.raw_data[0]["value"]
    assert "Un paragraphe." in body and SOFT_HYPHEN not in body
    revision = article.latest_revision.content
    assert revision["title"] == "Les infirmières de nuit"

    feed = client.get(f"{index.url}rss/")
    assert feed.status_code == 200
    text = feed.content.decode()
    assert "Les infirmières de nuit" in text
    assert not has_format_character(text)


def test_text_stored_around_the_models_leaves_the_feed_without_its_hidden_characters(
    site_tree, client
):
    index = site_tree["sections"]["articles"]
    article = publish(ArticlePageFactory(parent=index, title="Ancien titre"))
    ArticlePage.objects.filter(pk=article.pk).update(
        title=f"Ancien{SOFT_HYPHEN} ti\u200btre", standfirst="Chapô\u2060 ancien"
    )
    feed = client.get(f"{index.url}rss/")
    titles = [item.findtext("title") for item in ET.fromstring(feed.content).iter("item")]
    assert "Ancien titre" in titles
    assert not has_format_character(feed.content.decode())
    # The next save stores the text normalised.
    article.refresh_from_db()
    article.save_revision().publish()
    article.refresh_from_db()
    assert (article.title, article.standfirst) == ("Ancien titre", "Chapô ancien")
