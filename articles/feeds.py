"""RSS 2.0 feeds of the articles, whole section or one rubric, served by the index page."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext as _

from fabrique.core.models import get_site_name
from fabrique.core.xml_text import SafeRss201rev2Feed

FEED_LENGTH = 20


class ArticleFeed(Feed):
    """Built per request by ``ArticleIndexPage`` so the links follow the page's own URL."""

    # Strips the characters XML cannot carry from every string (a name with a pasted
    # vertical tab made Django's writer raise: the feed answered 500 for everyone).
    feed_type = SafeRss201rev2Feed

    def __init__(self, index_page, rubric=None):
        super().__init__()
        self.index_page = index_page
        self.rubric = rubric

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        site = get_site_name(self.request)
        if self.rubric:
            return f"{site} · {obj.title} · {self.rubric.name}"
        return f"{site} · {obj.title}"

    def link(self, obj):
        return obj.get_url(self.request)

    def description(self, obj):
        return obj.get_meta_description() or _("Les derniers articles")

    def items(self, obj):
        articles = obj.get_articles()
        if self.rubric:
            articles = articles.filter(rubric=self.rubric)
        return articles[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        """The article's own date, as on its card and page (not the day it was loaded).

        When that date is the day of first publication the exact time is kept; an
        editor-set earlier date is given at midnight, Paris time.
        """
        day = item.get_content_date()
        if day is None:
            return None
        published = item.first_published_at
        if published and timezone.localdate(published) == day:
            return published
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(person.name for person in item.get_authors()) or None

    def item_categories(self, item):
        return [item.rubric.name] if item.rubric else []

    def item_enclosures(self, item):
        from django.utils.feedgenerator import Enclosure

        image = item.get_listing_image()
        if not image:
            return []
        rendition = image.get_rendition("fill-1200x630")
        size = getattr(rendition.file, "size", 0) or 0
        return [Enclosure(rendition.full_url, str(size), "image/" + _mime(rendition))]


def _mime(rendition) -> str:
    extension = rendition.file.name.rsplit(".", 1)[-1].lower()
    return {"jpg": "jpeg"}.get(extension, extension)


def purge_urls(article) -> list[str]:
    """The feeds that list ``article``: the section's, and its rubric's (front-end cache)."""
    index = article.get_parent().specific
    if not hasattr(index, "reverse_subpage"):
        return []
    base = index.get_full_url()
    urls = [base + index.reverse_subpage("feed")]
    if article.rubric_id:
        urls.append(base + index.reverse_subpage("rubric_feed", args=[article.rubric.slug]))
    return urls
