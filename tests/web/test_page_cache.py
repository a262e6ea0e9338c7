"""Anonymous pages answered from the cache, before Django, and never anybody else's.

Every test goes through the WSGI layer of ``fabrique/wsgi.py`` (``WsgiClient``): a hit
is an answer that cost no database query. The invalidation cases change what a page
shows the way the site does (a publication, an edit saved) and read the page again as
the next reader would.
"""

import gzip
import json

import pytest
from django.core.cache import caches
from taggit.models import Tag
from wagtail.models import PageViewRestriction, Site

from articles.factories import ArticlePageFactory, RubricFactory
from fabrique.core.factories import ImageFactory, PersonFactory
from fabrique.core.models import SiteSettings, Theme
from fabrique.demo.site import publish
from fabrique.moderation import actions
from fabrique.settings.base import cache_settings
from fabrique.web.page_cache import PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL
from testimonies.factories import TestimonyFactory
from tests.caches import clear_all_caches
from tests.team import logged_in

from .page_cache_client import WsgiClient

REDIS_DB = "redis://127.0.0.1:6379/5"


@pytest.fixture
def page_cache(settings, site_tree):
    settings.FABRIQUE_PAGE_CACHE = True
    return settings


@pytest.fixture(params=["locmem", "redis"])
def any_page_cache(request, page_cache):
    """The page cache on each shared cache it runs on (Redis: DB 5 of the local server)."""
    if request.param == "redis":
        page_cache.CACHES = cache_settings("redis", REDIS_DB)
        clear_all_caches()
        yield request.param
        clear_all_caches()
    else:
        yield request.param


@pytest.fixture
def article(site_tree):
    person = PersonFactory(name="Jalel Malek Hamza", role="médecin pédiatre")
    page = ArticlePageFactory(
        parent=site_tree["sections"]["articles"],
        title="Des soignant·es à politiser",
        slug="des-soignantes-a-politiser",
        rubric=RubricFactory(name="Tribune", slug="tribune"),
        hero_image=ImageFactory(title="Une salle", description="Une salle d'attente vide"),
        body=json.dumps([{"type": "paragraph", "value": "<p>Premier paragraphe.</p>"}]),
    )
    page.authors.create(person=person)
    page.tags.add("santé publique")
    page.save()
    return publish(page)


def cached(url: str, client: WsgiClient | None = None):
    """Read ``url`` twice as an anonymous reader; the second answer must be a hit."""
    client = client or WsgiClient()
    miss = client.get(url)
    assert miss.status == 200, (url, miss.status)
    hit = client.get(url)
    assert hit.queries == 0, f"{url} was not answered from the page cache"
    return miss, hit


# --- Hits -------------------------------------------------------------------------------


def test_a_hit_is_the_miss_byte_for_byte_without_a_query(any_page_cache, article):
    miss, hit = cached(article.url)
    assert miss.queries > 0
    assert hit.body == miss.body
    assert "Des soignant·es à politiser" in hit.text
    # Security headers (CSP, nosniff, frame options…) come with the stored answer.
    assert hit.headers == miss.headers
    assert hit.header("Content-Security-Policy")
    assert hit.header("Cache-Control") == PUBLIC_CACHE_CONTROL
    assert hit.header("ETag")


def test_the_cache_answers_304_to_the_etag_it_gave(any_page_cache, article):
    miss, _ = cached(article.url)
    answer = WsgiClient().get(article.url, HTTP_IF_NONE_MATCH=miss.header("ETag"))
    assert answer.status == 304
    assert answer.body == b""
    assert answer.queries == 0
    assert answer.header("ETag") == miss.header("ETag")
    other = WsgiClient().get(article.url, HTTP_IF_NONE_MATCH='"autre"')
    assert other.status == 200 and other.body == miss.body


def test_head_is_answered_from_the_cache_without_a_body(page_cache, article):
    miss, _ = cached(article.url)
    head = WsgiClient().head(article.url)
    assert head.status == 200 and head.body == b"" and head.queries == 0
    assert head.header("Content-Length") == str(len(miss.body))


def test_whitelisted_listing_filters_are_cached_other_queries_are_not(page_cache, article):
    cached("/articles/?page=1&rubrique=tribune")
    client = WsgiClient()
    for url in ("/articles/?utm_source=lettre", "/articles/?page=1&page=2", "/articles/?page=x"):
        client.get(url)
        again = client.get(url)
        assert again.status == 200 and again.queries > 0, url


def test_search_is_never_stored(page_cache, article):
    client = WsgiClient()
    client.get("/recherche/?q=soignant")
    assert client.get("/recherche/?q=soignant").queries > 0


# --- Never somebody else's page ---------------------------------------------------------


def test_a_form_page_is_never_stored(page_cache):
    """The testimony form carries a CSRF token: private, never kept, even for a reader
    who already holds the CSRF cookie (Django then sends no new one)."""
    client = WsgiClient()
    first = client.get("/vos-histoires/temoigner/")
    assert first.status == 200
    assert "csrfmiddlewaretoken" in first.text
    # The form says so itself (« no-store, private »), stricter than the default.
    assert "private" in first.header("Cache-Control")
    token = next(v for k, v in first.headers if k == "Set-Cookie" and "csrftoken" in v)
    holder = WsgiClient(cookies=token.split(";", 1)[0])
    for _ in range(2):
        answer = holder.get("/vos-histoires/temoigner/")
        assert answer.queries > 0
        assert "private" in answer.header("Cache-Control")
    assert WsgiClient().get("/vos-histoires/temoigner/").queries > 0


def test_a_reader_with_the_csrf_cookie_still_gets_cached_pages(page_cache, article):
    miss, _ = cached(article.url)
    hit = WsgiClient(cookies="csrftoken=abcdefabcdefabcdefabcdefabcdefab").get(article.url)
    assert hit.queries == 0 and hit.body == miss.body


def test_an_editor_never_gets_nor_fills_the_cache(page_cache, article, editor):
    session = logged_in(editor).cookies["sessionid"].value
    as_editor = WsgiClient(cookies=f"sessionid={session}")
    seen = as_editor.get(article.url)
    assert seen.status == 200
    assert seen.header("Cache-Control") == PRIVATE_CACHE_CONTROL
    # The editor's visit left nothing for the next reader.
    assert WsgiClient().get(article.url).queries > 0
    # Once a reader filled it, the editor still goes to Django.
    cached(article.url)
    again = as_editor.get(article.url)
    assert again.queries > 0
    assert again.header("Cache-Control") == PRIVATE_CACHE_CONTROL


@pytest.mark.parametrize("cookie", ["sessionid=abc", "messages=abc", "autre=1"])
def test_a_session_messages_or_unknown_cookie_bypasses_the_cache(page_cache, article, cookie):
    cached(article.url)
    assert WsgiClient(cookies=cookie).get(article.url).queries > 0


def test_nothing_is_stored_with_the_page_cache_off(settings, site_tree, article):
    settings.FABRIQUE_PAGE_CACHE = False
    client = WsgiClient()
    client.get(article.url)
    assert client.get(article.url).queries > 0


# --- Headers of feeds -------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/articles/rss/", "/evenements/ical/", "/sitemap.xml"])
def test_feeds_are_public_tagged_and_gzipped(page_cache, article, url):
    plain = WsgiClient().get(url)
    assert plain.status == 200
    assert plain.header("Cache-Control") == PUBLIC_CACHE_CONTROL
    assert plain.header("ETag")
    assert plain.header("Content-Encoding") is None
    packed = WsgiClient().get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    # Django leaves short answers as they are, and adds up to 100 random bytes against
    # BREACH: an empty calendar may come out longer compressed, then it is sent plain.
    if len(plain.body) >= 1000:
        assert packed.header("Content-Encoding") == "gzip"
        assert gzip.decompress(packed.body) == plain.body
    # Both kept apart: each client gets what it can read.
    assert WsgiClient().get(url).body == plain.body
    assert WsgiClient().get(url, HTTP_ACCEPT_ENCODING="gzip").queries == 0


def test_html_pages_are_never_gzipped_by_the_site(page_cache, article):
    answer = WsgiClient().get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert answer.header("Content-Encoding") is None


# --- Invalidation: the next reader sees the change --------------------------------------


def test_a_publication_shows_on_the_listing(any_page_cache, article):
    cached("/articles/")
    publish(
        ArticlePageFactory(parent=article.get_parent(), title="Un article tout neuf", slug="neuf")
    )
    assert "Un article tout neuf" in WsgiClient().get("/articles/").text


def test_an_unpublished_page_is_gone(page_cache, article):
    cached(article.url)
    article.unpublish()
    assert WsgiClient().get(article.url).status == 404


def test_a_deleted_page_is_gone(page_cache, article):
    url = article.url
    cached(url)
    article.delete()
    assert WsgiClient().get(url).status == 404


def test_a_moved_page_leaves_its_old_address(page_cache, site_tree):
    home = site_tree["home"]
    legal = home.get_children().get(slug="mentions-legales").specific
    about = home.get_children().get(slug="a-propos").specific
    cached("/mentions-legales/")
    legal.move(about, pos="last-child")
    assert WsgiClient().get("/mentions-legales/").status == 404
    assert WsgiClient().get("/a-propos/mentions-legales/").status == 200


def test_a_person_renamed_shows_on_their_articles(page_cache, article):
    cached(article.url)
    person = article.authors.first().person
    person.name = "Jalel Hamza-Malek"
    person.save()
    assert "Jalel Hamza-Malek" in WsgiClient().get(article.url).text


def test_a_rubric_renamed_shows_on_its_articles(page_cache, article):
    cached(article.url)
    article.rubric.name = "Tribune libre"
    article.rubric.save()
    assert "Tribune libre" in WsgiClient().get(article.url).text


def test_a_keyword_renamed_shows_on_its_articles(page_cache, article):
    cached(article.url)
    Tag.objects.filter(name="santé publique").update(name="ignored")  # no signal: no change
    assert WsgiClient().get(article.url).queries == 0
    tag = Tag.objects.get(name="ignored")
    tag.name = "santé communautaire"
    tag.save()
    assert "santé communautaire" in WsgiClient().get(article.url).text


def test_an_image_described_anew_shows_on_its_pages(page_cache, article):
    cached(article.url)
    image = article.hero_image
    image.description = "Un couloir d'hôpital la nuit"
    image.save()
    assert "Un couloir d&#x27;hôpital la nuit" in WsgiClient().get(article.url).text


def test_a_theme_added_shows_in_the_stories_filter(page_cache):
    cached("/vos-histoires/")
    Theme.objects.create(name="Santé mentale")
    assert "Santé mentale" in WsgiClient().get("/vos-histoires/").text


def test_a_story_published_then_withdrawn_shows_then_goes(page_cache):
    cached("/vos-histoires/")
    story = TestimonyFactory(title="Une attente sans fin")
    # Received from the public: nothing shown changed, the page stays cached.
    assert WsgiClient().get("/vos-histoires/").queries == 0
    actions.publish(story)
    assert "Une attente sans fin" in WsgiClient().get("/vos-histoires/").text
    cached("/vos-histoires/")
    actions.refuse(story, reason="Erreur")
    assert "Une attente sans fin" not in WsgiClient().get("/vos-histoires/").text


def test_site_settings_show_on_every_page(page_cache, article, default_site):
    cached(article.url)
    site_settings = SiteSettings.for_site(default_site)
    site_settings.tagline = "Une devise toute neuve"
    site_settings.save()
    assert "Une devise toute neuve" in WsgiClient().get(article.url).text


def test_the_site_renamed_shows_on_every_page(page_cache, article):
    cached(article.url)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "La Fabrique renommée"
    site.save()
    assert "La Fabrique renommée" in WsgiClient().get(article.url).text


def test_a_page_made_private_is_no_longer_served_to_readers(page_cache, article):
    miss, _ = cached(article.url)
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    answer = WsgiClient().get(article.url)
    assert "Premier paragraphe." not in answer.text
    assert answer.body != miss.body


def test_a_generation_lost_by_the_cache_is_made_anew(page_cache, article):
    """After the shared cache lost the generation (a restart), entries kept before it are
    never taken for current ones."""
    cached(article.url)
    caches["default"].clear()
    assert WsgiClient().get(article.url).queries > 0
    cached(article.url)


def test_an_event_starting_ends_its_cached_page(page_cache, site_tree, time_machine):
    """What changes with the clock, not with a publication (an event going live, the
    live banner), limits how long its page is kept."""
    import datetime

    from django.utils import timezone

    from events.factories import EventPageFactory

    now = timezone.now().replace(microsecond=0)
    time_machine.move_to(now, tick=False)
    event = publish(
        EventPageFactory(
            parent=site_tree["sections"]["evenements"],
            title="Une soirée débat",
            start=now + datetime.timedelta(seconds=60),
            end=now + datetime.timedelta(hours=2),
        )
    )
    miss, _ = cached(event.url)
    assert "À venir" in miss.text
    time_machine.move_to(now + datetime.timedelta(seconds=61), tick=False)
    assert "En direct" in WsgiClient().get(event.url).text
