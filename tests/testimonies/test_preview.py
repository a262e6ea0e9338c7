"""Moderators preview a testimony as it will be published, from the edit form.

The preview renders the public page's template with what the moderator typed (and the
redaction they asked for), dated today when the story is not published yet; the author's
contact data and the original story, once replaced by a published text, never show.
Only those who may edit a story can open its preview.
"""

import pytest
from django.test import Client

from testimonies.factories import TestimonyContactFactory, TestimonyFactory

ADMIN_LIST = "/admin/snippets/testimonies/testimony/"
AUTHOR_EMAIL = "auteur.secret@example.org"


@pytest.fixture
def story(site_tree):
    contact = TestimonyContactFactory(
        testimony=TestimonyFactory(
            title="Trois mois d'attente",
            pseudonym="Lou",
            role="patient",
            department="33",
            story="Le texte d'origine, avec des détails à retirer.",
        ),
        email=AUTHOR_EMAIL,
    )
    return contact.testimony


def form_data(testimony, **overrides) -> dict:
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
    return data


def preview(client: Client, testimony, data: dict):
    url = f"{ADMIN_LIST}preview/{testimony.pk}/"
    answer = client.post(url, data)
    assert answer.status_code == 200
    assert answer.json() == {"is_valid": True, "is_available": True}
    return client.get(url)


def test_preview_shows_the_public_page_with_the_edited_fields(moderator_client, story):
    response = preview(
        moderator_client,
        story,
        form_data(
            story,
            title="Un titre relu",
            published_text="Le texte relu par la modération.",
            quote="Une phrase en exergue",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    # The public template: its article, its meta line and its links to the section.
    assert 'class="prose testimony"' in html
    assert "<h1>Un titre relu</h1>" in html
    assert "Lou, patient·e (33)" in html
    assert "Le texte relu par la modération." in html
    assert "Une phrase en exergue" in html
    assert 'href="/vos-histoires/temoigner/"' in html
    # Dated today, as if published now; never the author's e-mail or the original story.
    assert "<time datetime=" in html
    assert AUTHOR_EMAIL not in html
    assert "Le texte d&#x27;origine" not in html
    # A preview saves nothing.
    story.refresh_from_db()
    assert story.title == "Trois mois d'attente"
    assert story.published_at is None


def test_preview_shows_the_redaction_and_writes_no_log(moderator_client, story):
    from wagtail.models import ModelLogEntry

    story.story = "Appelez-moi au 06 12 34 56 78, merci."
    story.save()
    logged = ModelLogEntry.objects.count()
    response = preview(moderator_client, story, form_data(story, redact_details="on"))
    html = response.content.decode()
    assert "06 12 34 56 78" not in html
    assert "Appelez-moi au […], merci." in html
    story.refresh_from_db()
    assert story.published_text == ""
    assert ModelLogEntry.objects.count() == logged


def test_only_moderators_open_a_preview(editor, story):
    client = Client()
    client.force_login(editor)
    url = f"{ADMIN_LIST}preview/{story.pk}/"
    assert client.post(url, form_data(story)).status_code == 403
    response = client.get(url)
    assert response.status_code == 403
    assert "Trois mois" not in response.content.decode()


def test_the_edit_view_offers_the_preview(moderator_client, story):
    html = moderator_client.get(f"{ADMIN_LIST}edit/{story.pk}/").content.decode()
    assert f"{ADMIN_LIST}preview/{story.pk}/" in html
