"""An empty footnote row left by an editor is no note: autosave and save go on without it."""

import json

from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from articles.factories import ArticlePageFactory
from articles.models import ArticlePage
from fabrique.accounts.roles import EDITORS
from fabrique.demo.site import publish
from tests.page_form_data import Things, page_form_data
from tests.team import member

# What the rich-text editor of a row added and never typed in sends.
EMPTY_EDITOR = json.dumps(
    {
        "blocks": [
            {
                "key": "a1b2c",
                "text": "",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
                "data": {},
            }
        ],
        "entityMap": {},
    }
)


def notes_of(page) -> list[str]:
    return [strip_tags(note.text) for note in page.footnotes.all()]


def form_with_notes(article, *texts):
    data = page_form_data(ArticlePage, Things(), article.title, article.slug)
    data.update(nested_form_data({"footnotes": inline_formset([{"text": t} for t in texts])}))
    return data


def test_an_empty_note_row_neither_stops_autosave_nor_becomes_a_note(site_tree):
    editor = Client()
    editor.force_login(member(EDITORS, "dominique"))
    article = publish(
        ArticlePageFactory(parent=site_tree["sections"]["articles"], title="Soigner la nuit")
    )
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    for empty in ("null", EMPTY_EDITOR):
        data = form_with_notes(article, rich_text("<p>Une vraie note.</p>"), empty)
        autosave = editor.post(url, data, HTTP_ACCEPT="application/json")
        assert autosave.status_code == 200
        assert autosave.json()["success"] is True, autosave.json()
        draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
        assert notes_of(draft) == ["Une vraie note."]

    data = form_with_notes(article, rich_text("<p>Une vraie note.</p>"), EMPTY_EDITOR)
    data["action-publish"] = "action-publish"
    assert editor.post(url, data).status_code == 302
    article.refresh_from_db()
    assert notes_of(article) == ["Une vraie note."]
    page = Client().get(article.url).content.decode()
    assert page.count('id="note-') == 1
