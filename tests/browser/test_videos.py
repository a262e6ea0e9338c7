"""The privacy-first player in a real browser: nothing leaves the site until the click.

Every request to another host is recorded and aborted (``page.route``): the test proves
the page asks nothing of the provider before the click, and that the click inserts the
right player without the test ever reaching the network. Every page of the site is also
visited once under the Content-Security-Policy: no « Refused to … » in the console.
"""

import re
from urllib.parse import urlsplit

from .pages import ALL, first_video


def watch(page, site):
    """(requests to other hosts, console CSP messages), with other hosts aborted."""
    own = urlsplit(site).netloc
    outside, refused = [], []

    def route(route):
        if urlsplit(route.request.url).netloc == own or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return outside, refused


def test_video_page_asks_nothing_of_the_provider_until_the_click(site, page):
    outside, refused = watch(page, site)
    page.goto(site + first_video())
    page.wait_for_load_state("networkidle")
    assert outside == []
    assert page.locator("iframe").count() == 0

    button = page.get_by_role("button", name=re.compile("^Lire la vidéo"))
    button.click()
    frame = page.locator("iframe.video-player__frame")
    frame.wait_for(state="attached")
    src = frame.get_attribute("src")
    assert src.startswith("https://www.youtube-nocookie.com/embed/dmFabrique01?enablejsapi=1")
    assert "autoplay=1" in src
    assert frame.get_attribute("title").startswith("Lecteur vidéo : ")
    # Focus moved to the player for keyboard and screen-reader users.
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    page.wait_for_timeout(300)
    assert all(urlsplit(url).netloc == "www.youtube-nocookie.com" for url in outside)
    assert refused == []
    # The listener does hear the policy: an inline script is refused, and said.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert any("inline script" in text for text in refused)


def test_a_chapter_loads_the_player_at_its_time(site, page):
    outside, refused = watch(page, site)
    page.goto(site + first_video())
    assert outside == []
    page.get_by_role("link", name=re.compile("Premiers stages")).click()
    frame = page.locator("iframe.video-player__frame")
    frame.wait_for(state="attached")
    assert "start=390" in frame.get_attribute("src")
    assert page.url.startswith(site)  # the page stays, the provider's link is not followed
    assert refused == []


def test_no_page_of_the_site_breaks_the_content_security_policy(site, page):
    outside, refused = watch(page, site)
    problems = []
    for target in ALL:
        refused.clear()
        target.open(page, site)
        page.wait_for_load_state("networkidle")
        problems += [f"{target.name}: {text}" for text in refused]
    assert not problems, "CSP :\n" + "\n".join(problems)
    assert outside == []


def test_editor_sees_the_userbar_under_the_policy(site, page):
    from .test_editor_journey import log_in, make_editor

    make_editor("claude")
    _outside, refused = watch(page, site)
    log_in(page, site, "claude")
    page.goto(site + first_video())
    page.wait_for_load_state("networkidle")
    userbar = page.locator("wagtail-userbar")
    assert userbar.count() == 1
    trigger = userbar.locator("#wagtail-userbar-trigger")
    trigger.wait_for()
    assert trigger.is_visible()
    assert refused == []


def test_editor_edits_and_previews_a_video_under_the_admin_policy(site, page, settings):
    """The admin's own policy lets Wagtail run; the preview panel shows the page."""
    from videos.models import VideoPage

    from .test_editor_journey import log_in, make_editor

    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    make_editor("sacha")
    outside, refused = watch(page, site)
    log_in(page, site, "sacha")
    video = VideoPage.objects.live().order_by("pk").first()
    page.goto(site + f"/admin/pages/{video.pk}/edit/")
    page.fill("[name=title]", "Un titre changé dans l'éditeur")
    page.get_by_role("button", name=re.compile("prévisualisation", re.I)).first.click()
    preview = page.frame_locator("iframe[id*=preview]").first
    preview.get_by_role("heading", name="Un titre changé dans l'éditeur").wait_for()
    preview.locator("#lecteur").wait_for()
    page.wait_for_timeout(500)
    assert refused == []
    assert outside == []


def test_the_video_block_of_an_article_plays_on_click_only(site, page):
    outside, refused = watch(page, site)
    page.goto(site + "/articles/pour-repolitiser-la-sante-mentale/")
    page.wait_for_load_state("networkidle")
    assert outside == []
    page.get_by_role("button", name=re.compile("^Lire la vidéo")).click()
    frame = page.locator("iframe.video-player__frame")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src").startswith("https://player.vimeo.com/video/761234567?dnt=1")
    assert refused == []
