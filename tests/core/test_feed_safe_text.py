"""Characters a feed cannot carry are refused beside the field, in every form that takes text.

The admin forms (pages, their inline rows, snippets, the site settings) get the check from
model validation (``fabrique/core/xml_text.py``); the public forms from their shared base.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.factories import ArticlePageFactory
from fabrique.core.factories import PersonFactory
from fabrique.core.models import Person
from fabrique.core.xml_text import (
    checked_models,
    strip_illegal,
    strip_illegal_bytes,
    validate_feed_safe_text,
)
from fabrique.demo.site import publish
from fabrique.standard.models import StandardPage
from fabrique.submissions.guards import PublicSubmissionForm
from testimonies.forms import TestimonyForm

pytestmark = pytest.mark.django_db

REFUSED = ["\x00", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\x7f", "\ufffe", "\uffff", "\ud800"]
ALLOWED = ["\t", "\n", "\r", "soignant·es", "« guillemets » : œ", "🩺", "\u00a0", "\u202f"]


@pytest.mark.parametrize("character", REFUSED, ids=[f"U+{ord(c):04X}" for c in REFUSED])
def test_each_character_a_feed_cannot_carry_is_refused_and_stripped(character):
    with pytest.raises(ValidationError) as refused:
        validate_feed_safe_text(f"La{character}rédaction")
    message = refused.value.messages[0]
    assert f"U+{ord(character):04X}" in message
    assert "caractère invisible interdit" in message
    assert strip_illegal(f"La{character}rédaction") == "Larédaction"


@pytest.mark.parametrize("text", ALLOWED)
def test_ordinary_text_passes(text):
    validate_feed_safe_text(f"Un texte {text} ordinaire")
    assert strip_illegal(text) == text


def test_a_finished_calendar_is_cleaned_without_touching_its_line_ends():
    content = "SUMMARY:Ren\x0bcontre\r\n à Lyon\uffff\r\n".encode()
    assert strip_illegal_bytes(content) == "SUMMARY:Rencontre\r\n à Lyon\r\n".encode()
    assert strip_illegal_bytes(b"BEGIN:VCALENDAR\r\n") == b"BEGIN:VCALENDAR\r\n"


def test_every_text_field_of_the_project_and_the_page_title_is_checked():
    unchecked = []
    models = checked_models()
    assert Person in models and Page in models and StandardPage in models
    for model in models:
        for field in model._meta.local_fields:
            is_text = isinstance(field, StreamField) or (
                field.get_internal_type() in {"CharField", "TextField"} and not field.choices
            )
            if is_text and validate_feed_safe_text not in field.validators:
                unchecked.append(f"{model._meta.label}.{field.name}")
    assert not unchecked
    footnote = apps.get_model("articles", "ArticleFootnote")
    assert validate_feed_safe_text in footnote._meta.get_field("text").validators
    assert validate_feed_safe_text in Page._meta.get_field("title").validators
    # Not part of the field's definition: no migration.
    assert "validators" not in Person._meta.get_field("name").deconstruct()[3]


@pytest.fixture
def admin_client_(site_tree, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "x"))
    return client


def _field_errors(response, name: str) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    errors = soup.select(f'[id$="-{name}-errors"], [id="id_{name}-errors"]')
    return " ".join(element.get_text(" ", strip=True) for element in errors)


def test_a_person_named_with_a_vertical_tab_is_refused_beside_the_name(contributor_client):
    person = PersonFactory(name="Équipe de rédaction")
    url = reverse("wagtailsnippets_core_person:edit", args=[person.pk])
    response = contributor_client.post(
        url, {"name": "La\x0brédaction", "slug": person.slug, "role": ""}
    )
    assert response.status_code == 200
    errors = _field_errors(response, "name")
    assert "caractère invisible interdit (U+000B, tabulation verticale)" in errors
    # The text is kept in the form, nothing is stored.
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('input[name="name"]')["value"] == "La\x0brédaction"
    person.refresh_from_db()
    assert person.name == "Équipe de rédaction"


def _standard_page_data(title: str, body_text: str, intro: str = "") -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "une-page",
            "intro": rich_text(intro),
            "body": streamfield([("paragraph", rich_text(body_text))]),
            "listing_summary": "",
            "seo_title": "",
            "search_description": "",
            "action-publish": "publish",
        }
    )


def test_a_page_title_rich_text_and_stream_block_are_each_refused(admin_client_, home):
    url = reverse("wagtailadmin_pages:add", args=("standard", "standardpage", home.pk))
    response = admin_client_.post(
        url, _standard_page_data("Titre\uffff", "Un paragraphe\x0b.", intro="Chapô\ufffe")
    )
    assert response.status_code == 200
    assert "U+FFFF, non-caractère" in _field_errors(response, "title")
    assert "U+FFFE, non-caractère" in _field_errors(response, "intro")
    # The StreamField's error names the block; Wagtail's script shows it above the blocks.
    stream = BeautifulSoup(response.content, "html.parser").select_one("#body")
    _value, error = json.loads(stream["data-w-block-arguments-value"])
    assert error["messages"][0].startswith(
        "Le bloc n° 1 (« Paragraphe ») contient un caractère invisible interdit "
        "(U+000B, tabulation verticale)"
    )
    assert not StandardPage.objects.filter(slug="une-page").exists()
    # Corrected, the same page is published.
    ok = admin_client_.post(url, _standard_page_data("Titre", "Un paragraphe.", intro="Chapô"))
    assert ok.status_code == 302
    assert StandardPage.objects.get(slug="une-page").live


def test_an_inline_row_is_refused_too(admin_client_, site_tree):
    """Footnotes, chapters, speakers… are forms of their own inside the page form."""
    index = site_tree["sections"]["articles"]
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    data = nested_form_data(
        {
            "title": "Un article",
            "slug": "un-article",
            "standfirst": "Un chapô.",
            "date": "2025-05-07",
            "tags": "",
            "body": streamfield([("paragraph", rich_text("Un paragraphe[1]."))]),
            "authors": inline_formset([]),
            "footnotes": inline_formset([{"text": rich_text("La source\uffff.")}]),
            "action-publish": "publish",
        }
    )
    response = admin_client_.post(url, data)
    assert response.status_code == 200
    assert "U+FFFF, non-caractère" in response.content.decode()
    assert not Page.objects.filter(slug="un-article").exists()


def test_a_page_stored_with_such_a_character_can_still_be_published(site_tree):
    """Text saved before the check (or around the models) is dropped at the next save,
    so publishing, moving or unpublishing the page never fails on it."""
    article = publish(ArticlePageFactory(parent=site_tree["sections"]["articles"]))
    type(article).objects.filter(pk=article.pk).update(title="Ancien\x0b titre\uffff")
    article.refresh_from_db()
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.title == "Ancien titre"
    article.unpublish()
    assert not type(article).objects.get(pk=article.pk).live


class _Plain(PublicSubmissionForm):
    kind = "test"
    note = forms.CharField(required=False)


def test_every_text_field_of_a_public_form_refuses_them():
    form = _Plain(data={"note": "Bonjour\uffff"})
    assert not form.is_valid()
    assert "caractères invisibles non autorisés" in form.errors["note"][0]


def test_the_testimony_form_refuses_a_non_character_in_the_story():
    form = TestimonyForm(data={"title": "Mon histoire", "story": "Une histoire\ufffe vraie."})
    assert not form.is_valid()
    assert "caractères invisibles non autorisés" in " ".join(form.errors["story"])
