"""``manage.py import_videos FEED``: draft video pages from a YouTube channel's Atom feed.

FEED is a file path or the channel's public feed address
(``https://www.youtube.com/feeds/videos.xml?channel_id=…``). Each video not yet on the
site becomes a draft ``VideoPage`` (title, description, date, source URL) for editors to
complete and publish; a video already imported, draft or live, is left alone, so the
command can run again. The thumbnail is copied into the site's media at import time,
server-side (a reader's browser never asks YouTube for it); when it cannot be fetched
(offline, refused) the page is created without it, and the command says why.

The feed names the thumbnails' addresses, so they are fetched with
``fabrique.web.remote_fetch``: http(s) only, public addresses only (checked after name
resolution, then connected to), redirects checked again, a bounded read, and the file
kept only when its bytes are an image of at most ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``.
"""

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from fabrique.core.mixins import ascii_slug
from fabrique.web.remote_fetch import FetchRefused, checked_image, fetch

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "yt": "http://www.youtube.com/xml/schemas/2015",
    "media": "http://search.yahoo.com/mrss/",
}
MAX_FEED_BYTES = 5 * 1024 * 1024
MAX_THUMBNAIL_BYTES = 5 * 1024 * 1024


def _printable(text: str, limit: int = 200) -> str:
    """Text from the feed as the terminal may show it: no control sequences."""
    return "".join(ch if ch.isprintable() else "?" for ch in text[:limit])


def read_feed(source: str) -> list[dict]:
    """The feed's videos, oldest first: id, title, description, published, url, thumbnail."""
    if source.startswith(("https://", "http://")):
        data = fetch(source, MAX_FEED_BYTES)
    else:
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {source}")
        data = path.read_bytes()
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise CommandError(f"Ce flux n'est pas un fichier Atom lisible : {error}") from None
    entries = []
    for entry in root.findall("atom:entry", NS):
        video_id = (entry.findtext("yt:videoId", "", NS) or "").strip()
        title = (entry.findtext("atom:title", "", NS) or "").strip()
        if not video_id or not title:
            continue
        published = entry.findtext("atom:published", "", NS)
        try:
            published_at = datetime.datetime.fromisoformat(published.strip())
        except (AttributeError, ValueError):
            published_at = None
        thumbnail = entry.find("media:group/media:thumbnail", NS)
        entries.append(
            {
                "id": video_id,
                "title": title[:255],
                "description": (
                    entry.findtext("media:group/media:description", "", NS) or ""
                ).strip(),
                "published": published_at,
                "url": f"https://www.youtube.com/watch?v={video_id}",
                "thumbnail": thumbnail.get("url", "") if thumbnail is not None else "",
            }
        )
    entries.sort(key=lambda e: e["published"] or datetime.datetime.min.replace(tzinfo=datetime.UTC))
    return entries


class Command(BaseCommand):
    help = "Crée des vidéos en brouillon depuis le flux Atom d'une chaîne YouTube."

    def add_arguments(self, parser):
        parser.add_argument("feed", help="Chemin d'un fichier ou adresse du flux de la chaîne.")
        parser.add_argument(
            "--sans-vignettes",
            action="store_true",
            dest="no_thumbnails",
            help="Ne pas copier les vignettes des vidéos.",
        )

    def handle(self, *args, feed, no_thumbnails=False, **options):
        from fabrique.core.embeds import parse_video_url
        from videos.models import VideoIndexPage, VideoPage

        index = VideoIndexPage.objects.first()
        if index is None:
            raise CommandError("Créez d'abord la page « Vidéos » (VideoIndexPage).")
        try:
            entries = read_feed(feed)
        except (OSError, ValueError) as error:
            raise CommandError(f"Flux illisible ({feed}) : {error}") from None

        known = {
            video.video_id
            for url in VideoPage.objects.filter(source_url__contains="youtu").values_list(
                "source_url", flat=True
            )
            if (video := parse_video_url(url))
        }
        slugs = set(index.get_children().values_list("slug", flat=True))
        created = skipped = 0
        for entry in entries:
            if entry["id"] in known:
                skipped += 1
                continue
            poster = None if no_thumbnails else self.copy_thumbnail(entry)
            with transaction.atomic():
                page = VideoPage(
                    title=entry["title"],
                    slug=self.unique_slug(entry["title"], slugs),
                    source_url=entry["url"],
                    summary=entry["description"],
                    recorded_on=(
                        timezone.localdate(entry["published"]) if entry["published"] else None
                    ),
                    poster=poster,
                    live=False,
                )
                index.add_child(instance=page)
                page.save_revision()
            known.add(entry["id"])
            created += 1
        self.stdout.write(f"{created} vidéo(s) créée(s) en brouillon, {skipped} déjà présente(s).")

    @staticmethod
    def unique_slug(title: str, taken: set) -> str:
        base = ascii_slug(title, 70) or "video"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return slug

    def copy_thumbnail(self, entry):
        """The video's thumbnail copied into the media library, or None (said, not fatal)."""
        from io import BytesIO

        from wagtail.images import get_image_model

        if not entry["thumbnail"]:
            return None
        try:
            data = fetch(entry["thumbnail"], MAX_THUMBNAIL_BYTES)
            extension = checked_image(data)
        except FetchRefused as error:
            self.stdout.write(
                f"Vignette ignorée pour « {_printable(entry['title'])} » "
                f"({_printable(entry['thumbnail'])}) : {_printable(str(error), 500)}"
            )
            return None
        image_model = get_image_model()
        try:
            return image_model.objects.create(
                title=f"Vignette : {entry['title'][:200]}",
                description=entry["title"],
                file=ImageFile(BytesIO(data), name=f"youtube-{entry['id']}.{extension}"),
            )
        except Exception as error:  # an unreadable image must not stop the import
            self.stdout.write(f"Vignette illisible pour « {entry['title']} » : {error}")
            return None
