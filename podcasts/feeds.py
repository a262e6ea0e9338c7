"""One RSS 2.0 feed per show, with the iTunes and Podcasting 2.0 namespaces.

Built with ElementTree rather than Django's feed generator: the nested iTunes category,
the owner block and the podcast:* attributes do not fit its item model. ElementTree
escapes text and attributes; characters XML 1.0 forbids (U+0000–U+001F but tab and
newlines, U+FFFE, U+FFFF, lone surrogates) are removed from every string first, by the
site's one helper (``fabrique.core.xml_text``), or a single pasted control character
would make the whole feed unreadable to every app; so are the characters no reader sees
(soft hyphens, zero-width spaces) in text stored before pages were normalised on save.
"""

import xml.etree.ElementTree as ET
from email.utils import format_datetime

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Site

from fabrique.core.models import SiteSettings, get_site_name
from fabrique.core.xml_text import feed_text as clean_xml_text
from fabrique.web.site_url import public_url

from .choices import EpisodeType

NAMESPACES = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)

FEED_LENGTH = 300


def _tag(name: str) -> str:
    prefix, _sep, local = name.rpartition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}" if prefix else name


def sub(parent, name: str, content=None, **attributes):
    """A child element, every text and attribute cleaned (escaping is ElementTree's)."""
    element = ET.SubElement(
        parent,
        _tag(name),
        {
            _tag(key.replace("__", ":")): clean_xml_text(v)
            for key, v in attributes.items()
            if v is not None
        },
    )
    if content is not None:
        element.text = clean_xml_text(content)
    return element


def rfc2822(moment) -> str:
    return format_datetime(timezone.localtime(moment)) if moment else ""


def last_build(show, episodes):
    """The latest publication of the show or of one of its episodes listed in the feed."""
    moments = [show.last_published_at, *(episode.last_published_at for episode in episodes)]
    moments = [moment for moment in moments if moment]
    return max(moments) if moments else show.first_published_at


def owner_email_for(show, settings) -> str:
    """itunes:owner's e-mail: the show's own when the editors publish it, else the site's.

    Directories check ownership through it and ``podcast:locked`` names it; the site's
    address (« e-mail des podcasts », else the contact address) keeps a private one out.
    """
    if show.owner_email and show.publish_owner_email:
        return show.owner_email
    if settings is None:
        return ""
    return settings.podcast_email or settings.contact_email


def _yes_no(flag: bool) -> str:
    return "true" if flag else "false"


def render_feed(show, request) -> bytes:
    """The show's feed as UTF-8 bytes."""
    site = Site.find_for_request(request)
    feed_url = show.feed_url(request)
    page_url = show.get_full_url(request)
    episodes = list(
        show.get_episodes().prefetch_related("guests__person__photo__renditions", "chapters")[
            :FEED_LENGTH
        ]
    )

    rss = ET.Element("rss", {"version": "2.0"})
    channel = sub(rss, "channel")
    sub(channel, "title", show.title)
    sub(channel, "link", page_url)
    sub(channel, "description", show.description)
    sub(channel, "language", show.language)
    if show.copyright:
        sub(channel, "copyright", show.copyright)
    sub(channel, "generator", get_site_name(request))
    # From the content, never the clock: two polls between publications get the same
    # bytes, so the ETag matches and the app downloads nothing (304).
    sub(channel, "lastBuildDate", rfc2822(last_build(show, episodes)))
    sub(channel, "atom:link", href=feed_url, rel="self", type="application/rss+xml")
    sub(channel, "itunes:author", show.author)
    sub(channel, "itunes:summary", show.description)
    sub(channel, "itunes:type", show.show_type)
    sub(channel, "itunes:explicit", _yes_no(show.explicit))
    sub(channel, "itunes:block", "No")
    settings = SiteSettings.for_site(site) if site else None
    owner_email = owner_email_for(show, settings)
    owner = sub(channel, "itunes:owner")
    sub(owner, "itunes:name", show.owner_name or get_site_name(request))
    if owner_email:
        sub(owner, "itunes:email", owner_email)
    category, subcategory = show.category_pair
    category_element = sub(channel, "itunes:category", text=category)
    if subcategory:
        sub(category_element, "itunes:category", text=subcategory)
    if show.cover_image:
        cover = show.cover_image.get_rendition("fill-1400x1400|format-jpeg")
        art = public_url(cover.url, request=request)
        sub(channel, "itunes:image", href=art)
        image = sub(channel, "image")
        sub(image, "url", art)
        sub(image, "title", show.title)
        sub(image, "link", page_url)
    if show.new_feed_url:
        sub(channel, "itunes:new-feed-url", show.new_feed_url)
    if show.podcast_guid:
        sub(channel, "podcast:guid", str(show.podcast_guid))
    sub(
        channel,
        "podcast:locked",
        "yes" if show.feed_locked else "no",
        owner=owner_email or None,
    )
    if settings and settings.donate_page_id and settings.donate_page:
        sub(
            channel,
            "podcast:funding",
            _("Soutenir %(name)s") % {"name": get_site_name(request)},
            url=settings.donate_page.get_full_url(request),
        )
    hosts = show.get_hosts()
    for person in hosts:
        _person(channel, person, "host", request)
    for episode in episodes:
        if episode.episode_type == EpisodeType.TRAILER and episode.audio:
            sub(
                channel,
                "podcast:trailer",
                episode.title,
                pubdate=rfc2822(episode.publication_date),
                url=episode.audio.get_full_url(request),
                length=str(episode.audio.size or 0),
                type=episode.audio.mime_type or None,
                season=str(episode.season) if episode.season else None,
            )
    for episode in episodes:
        _item(channel, show, episode, hosts, request)

    ET.indent(rss)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="utf-8")


def _person(parent, person, role: str, request) -> None:
    photo = None
    if person.photo_id:
        photo = public_url(person.photo.get_rendition("fill-400x400").url, request=request)
    sub(
        parent,
        "podcast:person",
        person.name,
        role=role,
        href=person.website or person.social_url or None,
        img=photo,
    )


def _item(channel, show, episode, hosts, request) -> None:
    item = sub(channel, "item")
    url = episode.get_full_url(request)
    sub(item, "title", episode.title)
    sub(item, "link", url)
    sub(item, "guid", episode.guid, isPermaLink="false")
    sub(item, "pubDate", rfc2822(episode.publication_date or episode.first_published_at))
    sub(item, "description", episode.summary)
    notes = str(episode.show_notes)
    if strip_tags(notes).strip():
        sub(item, "content:encoded", notes)
    sub(item, "itunes:title", episode.title)
    sub(item, "itunes:summary", episode.summary)
    sub(item, "itunes:episodeType", episode.episode_type)
    sub(item, "itunes:explicit", _yes_no(episode.explicit))
    if episode.season:
        sub(item, "itunes:season", str(episode.season))
    if episode.episode_number:
        sub(item, "itunes:episode", str(episode.episode_number))
    audio = episode.audio
    if audio:
        sub(
            item,
            "enclosure",
            url=audio.get_full_url(request),
            length=str(audio.size or 0),
            type=audio.mime_type or "audio/mpeg",
        )
        if audio.duration:
            sub(item, "itunes:duration", str(audio.duration))
    if episode.cover_image:
        cover = episode.cover_image.get_rendition("fill-1400x1400|format-jpeg")
        sub(item, "itunes:image", href=public_url(cover.url, request=request))
    if episode.transcript.strip():
        sub(
            item,
            "podcast:transcript",
            url=url + episode.reverse_subpage("transcript_file"),
            type=episode.transcript_mime,
            language=show.language,
        )
    if episode.chapters.all():
        sub(
            item,
            "podcast:chapters",
            url=url + episode.reverse_subpage("chapters_file"),
            type="application/json+chapters",
        )
    if episode.season:
        sub(item, "podcast:season", str(episode.season))
    if episode.episode_number:
        sub(item, "podcast:episode", str(episode.episode_number))
    # An episode's podcast:person list replaces the show's in the apps: the host(s) are
    # named again beside the guests, or the episode would seem to have no host.
    guests = episode.get_guests()
    guest_ids = {guest.person.pk for guest in guests}
    for person in hosts:
        if person.pk not in guest_ids:
            _person(item, person, "host", request)
    for guest in guests:
        _person(item, guest.person, guest.role, request)


def purge_urls(page) -> list[str]:
    """The show's feed, for a show or one of its episodes (front-end cache)."""
    show = page if hasattr(page, "feed_url") else page.get_parent().specific
    return [show.feed_url()] if hasattr(show, "feed_url") else []
