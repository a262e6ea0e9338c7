"""An editor's first article, end to end in the real admin: write, preview, review, publish.

One member of the « Éditeurs » group uploads an image, writes an article with a new tag
and a footnote, sees it in the preview panel and submits it for review; a second editor
approves it and the article is live for readers.
"""

import io
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from PIL import Image

from articles.models import ArticleIndexPage, ArticlePage
from fabrique.accounts.roles import EDITORS

from .harness import settle

PASSWORD = "un-mot-de-passe-de-test"


def make_editor(username: str):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=username.capitalize()
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def log_in(page, site: str, username: str):
    page.goto(site + "/admin/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="S'identifier").click()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (139, 30, 79)).save(buffer, "PNG")
    return buffer.getvalue()


def test_editor_writes_previews_and_submits_an_article_another_publishes_it(
    site, browser, page, settings
):
    # Wagtail's autosave may create the new page while the test's much faster clicks submit
    # the same creation: the page form then refuses the second copy (tested in
    # tests/core/test_admin_editing.py). Here, one deterministic save: autosave off.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    author = make_editor("camille")
    make_editor("dominique")
    index = ArticleIndexPage.objects.get()

    log_in(page, site, author.username)

    # An image uploaded through the admin, as the editor would.
    page.goto(site + "/admin/images/add/")
    page.fill("[name=title]", "Salle d'attente au petit matin")
    page.set_input_files(
        "[name=file]",
        files=[{"name": "salle.png", "mimeType": "image/png", "buffer": png_bytes()}],
    )
    with page.expect_navigation():
        page.locator("main form [type=submit]").first.click()

    # The article: title, standfirst, the image, a tag nobody used yet, one footnote.
    page.goto(site + f"/admin/pages/add/articles/articlepage/{index.pk}/")
    page.fill("[name=title]", "Les urgences la nuit")
    page.fill("[name=standfirst]", "Ce que voient les soignant·es entre minuit et six heures.")
    page.get_by_role("button", name="Choisir une image").first.click()
    page.get_by_role("link", name=re.compile("Salle d'attente au petit matin")).click()
    page.wait_for_selector("[name=hero_image][value]:not([value=''])", state="attached")
    # Wagtail's tag field: the typed word becomes a tag on Enter.
    tags = page.locator("li.tagit-new input").first
    tags.fill("nuit blanche")
    tags.press("Enter")
    page.get_by_role("button", name=re.compile("Ajouter .*note")).click()
    note = (
        page.locator("#id_footnotes-0-text").locator("xpath=..").locator("[contenteditable=true]")
    )
    note.click()
    note.type("Enquête de la rédaction, 2024.")
    # The editor writes into a hidden field the form sends: wait until it holds the note,
    # so the preview is asked for with it.
    page.locator("[name=standfirst]").click()
    page.wait_for_function(
        "() => document.querySelector('#id_footnotes-0-text').value.includes('Enquête')"
    )

    # The preview panel shows the article as readers will see it.
    page.get_by_role("button", name=re.compile("prévisualisation", re.I)).first.click()
    preview = page.frame_locator("iframe[id*=preview]").first
    preview.get_by_role("heading", name="Les urgences la nuit").wait_for()
    preview.get_by_text("Enquête de la rédaction, 2024.").wait_for()

    # Submitted for review, not published.
    page.get_by_role("button", name="Plus d'actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Soumettre à relecture", re.I)).click()
    article = ArticlePage.objects.get(title="Les urgences la nuit")
    assert not article.live
    assert article.current_workflow_state is not None
    assert list(article.tags.names()) == ["nuit blanche"]
    assert article.hero_image.title == "Salle d'attente au petit matin"
    assert article.footnotes.count() == 1

    # A second editor approves: the article is published and readers see it.
    reviewer = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    review = reviewer.new_page()
    try:
        log_in(review, site, "dominique")
        review.goto(site + f"/admin/pages/{article.pk}/edit/")
        review.get_by_role("button", name="Plus d'actions").click()
        with review.expect_navigation():
            review.get_by_role("button", name="Approuver et Publier", exact=True).click()
        article.refresh_from_db()
        assert article.live
        response = review.goto(site + article.get_url())
        assert response.status == 200
        assert review.get_by_role("heading", level=1).inner_text() == "Les urgences la nuit"
        assert review.get_by_text("Enquête de la rédaction, 2024.").count() == 1
    finally:
        settle(review)
        reviewer.close()
