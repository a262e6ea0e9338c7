"""Bringing a show from another host: its RSS feed read into a show page and its episodes.

Subscribers must see no duplicate, so each episode keeps its original ``<guid>`` (and the
show its ``podcast:guid``); running the import again adds only what is new. The site's
Content-Security-Policy allows media from its own origin only, so each episode's sound is
copied into the site's media storage; keeping it at the old host is an explicit choice
that needs the host in ``FABRIQUE_EXTRA_MEDIA_ORIGINS``.

Every address inside a feed (sounds, pictures, transcripts, chapters) was chosen by
whoever wrote the feed: it is fetched through ``fabrique.web.remote_fetch`` (public
http(s) addresses only, bounded reads), pictures are checked by their bytes and pixel
count, and each refusal is reported while the import goes on. Only the feed itself may
be a local file, named by the operator on the command line.
"""

import datetime
import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from fabrique.core.factories import ImageFactory
from fabrique.core.mixins import ascii_slug
from fabrique.core.models import Person
from fabrique.web import remote_fetch

from .audio import max_audio_bytes
from .categories import find_category
from .choices import EpisodeType, PersonRole, TranscriptFormat
from .models import AudioFile, EpisodePage, PodcastIndexPage, PodcastShowPage, ShowHost

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
MAX_IMAGE_BYTES = 20 * 1024 * 1024
# A sound may be hundreds of megabytes: it gets more time than a picture, read by read.
AUDIO_SECONDS = 15 * 60
MAX_TEXT_BYTES = 5 * 1024 * 1024
TRANSCRIPT_TYPES = {
    "text/vtt": TranscriptFormat.VTT,
    "application/srt": TranscriptFormat.SRT,
    "application/x-subrip": TranscriptFormat.SRT,
    "text/srt": TranscriptFormat.SRT,
    "text/plain": TranscriptFormat.TEXT,
    "text/html": TranscriptFormat.TEXT,
}


class FeedImportError(Exception):
    """A feed that cannot be imported at all; the message is for the person running it."""


@dataclass
class Report:
    show: PodcastShowPage | None = None
    show_created: bool = False
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_feed(location: str, limit: int) -> bytes:
    """The feed the operator named on the command line: an http(s) address, fetched like
    any remote file (public addresses only), or a local path (``file://`` or not), which
    the operator chose. Addresses found inside a feed never come here: see ``fetch``."""
    if urlsplit(location).scheme in ("http", "https"):
        return remote_fetch.fetch(location, limit)
    if location.startswith("file://"):
        location = url2pathname(urlsplit(location).path)
    with open(location, "rb") as feed:
        data = feed.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"plus de {limit} octets")
    return data


def fetch(url: str, limit: int) -> bytes:
    """A file named inside a feed (picture, transcript, chapters): whoever wrote the feed
    chose the address, so only public http(s) addresses are fetched, in bounded pieces
    (``file://`` and the server's own network are refused, with the reason)."""
    return remote_fetch.fetch(url, limit)


def _text(element, path: str, default: str = "") -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None and found.text else default


def _flag(value: str) -> bool:
    return value.strip().lower() in ("yes", "true", "explicit")


def _duration(value: str) -> int | None:
    """itunes:duration as seconds: « 1234 », « 20:34 » or « 1:20:34 »."""
    value = value.strip()
    if not value:
        return None
    try:
        parts = [float(part) for part in value.split(":")]
    except ValueError:
        return None
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return round(seconds)


def _int(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


def safe_rich_text(html: str) -> str:
    """Feed HTML reduced to what the site's rich text allows (no script, no handlers)."""
    if "<" not in html:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
        return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    converter = EditorHTMLConverter(features=["bold", "italic", "link", "ol", "ul"])
    return converter.to_database_format(html)


def allowed_remote(url: str) -> bool:
    """Whether the URL's origin (or host) is in FABRIQUE_EXTRA_MEDIA_ORIGINS."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    allowed = {value.rstrip("/") for value in getattr(settings, "FABRIQUE_EXTRA_MEDIA_ORIGINS", [])}
    return origin in allowed or parts.netloc in allowed


class FeedImporter:
    def __init__(self, location: str, keep_remote_audio: bool = False):
        self.location = location
        self.keep_remote_audio = keep_remote_audio
        self.report = Report()

    def run(self) -> Report:
        try:
            raw = read_feed(self.location, MAX_TEXT_BYTES * 4)
        except (OSError, ValueError) as error:
            raise FeedImportError(f"Flux illisible ({self.location}) : {error}") from error
        try:
            root = ET.fromstring(raw)
        except ET.ParseError as error:
            raise FeedImportError(f"Ce fichier n'est pas un flux RSS valide : {error}") from error
        channel = root.find("channel")
        if root.tag != "rss" or channel is None:
            raise FeedImportError(
                "Ce fichier n'est pas un flux RSS (élément <rss><channel> absent)."
            )
        items = channel.findall("item")
        if self.keep_remote_audio:
            refused = sorted(
                {
                    urlsplit(enclosure.get("url", "")).netloc
                    for item in items
                    if (enclosure := item.find("enclosure")) is not None
                    and not allowed_remote(enclosure.get("url", ""))
                }
            )
            if refused:
                raise FeedImportError(
                    "Sons laissés chez leur hébergeur : ajoutez ces origines à "
                    "FABRIQUE_EXTRA_MEDIA_ORIGINS (la politique de sécurité du site les "
                    f"bloquerait sinon) : {', '.join(refused)}. Ou importez sans "
                    "--keep-remote-audio pour copier les sons sur le site."
                )
        show = self._show(channel)
        for item in reversed(items):  # oldest first, as they were published
            self._episode(show, item)
        return self.report

    # The show ------------------------------------------------------------------

    def _feed_url(self, channel) -> str:
        for link in channel.findall("atom:link", NS):
            if link.get("rel") == "self" and link.get("href"):
                return link.get("href")
        return self.location if urlsplit(self.location).scheme in ("http", "https") else ""

    def _show(self, channel) -> PodcastShowPage:
        feed_url = self._feed_url(channel)
        guid = _text(channel, "podcast:guid")
        show = None
        if guid and re.fullmatch(r"[0-9a-fA-F-]{32,36}", guid):
            show = PodcastShowPage.objects.filter(podcast_guid=guid).first()
        if show is None and feed_url:
            show = PodcastShowPage.objects.filter(previous_feed_url=feed_url).first()
        if show is not None:
            self.report.show = show
            return show
        index = PodcastIndexPage.objects.first()
        if index is None:
            raise FeedImportError(
                "Créez d'abord la page « Podcasts » (seed_demo ou l'administration)."
            )
        title = _text(channel, "title") or "Podcast importé"
        category_element = channel.find("itunes:category", NS)
        category = ""
        if category_element is not None:
            sub = category_element.find("itunes:category", NS)
            category = find_category(
                category_element.get("text", ""), sub.get("text", "") if sub is not None else ""
            )
        owner = channel.find("itunes:owner", NS)
        show = PodcastShowPage(
            title=title,
            slug=self._unique_slug(index, title),
            description=strip_tags(
                _text(channel, "itunes:summary") or _text(channel, "description")
            ).strip()
            or title,
            author=_text(channel, "itunes:author") or title,
            owner_name=(_text(owner, "itunes:name") if owner is not None else "")
            or _text(channel, "itunes:author")
            or title,
            owner_email=_text(owner, "itunes:email") if owner is not None else "",
            explicit=_flag(_text(channel, "itunes:explicit")),
            language=(_text(channel, "language") or "fr")[:10],
            copyright=_text(channel, "copyright")[:200],
            show_type="serial" if _text(channel, "itunes:type") == "serial" else "episodic",
            feed_locked=_text(channel, "podcast:locked").lower() != "no",
            previous_feed_url=feed_url,
        )
        if category:
            show.category = category
        if guid:
            try:
                show.podcast_guid = uuid.UUID(guid)
            except ValueError:
                self.report.warnings.append(
                    f"podcast:guid illisible ({guid}) : un nouveau est calculé"
                )
        image = channel.find("itunes:image", NS)
        if image is not None and image.get("href"):
            show.cover_image = self._image(image.get("href"), title)
        with transaction.atomic():
            index.add_child(instance=show)
            for person in channel.findall("podcast:person", NS):
                if person.text and person.text.strip():
                    ShowHost.objects.create(page=show, person=self._person(person))
            show.save_revision().publish()
        show.refresh_from_db()
        self.report.show, self.report.show_created = show, True
        return show

    def _image(self, url: str, title: str):
        try:
            data = fetch(url, MAX_IMAGE_BYTES)
            # The type from the bytes, the size in pixels from the header, before any
            # decoding: the same limit as the admin's upload form and the video import.
            extension = remote_fetch.checked_image(data)
        except (OSError, ValueError) as error:
            self.report.warnings.append(f"Pochette non récupérée ({url}) : {error}")
            return None
        name = f"{Path(urlsplit(url).path).stem or 'pochette'}.{extension}"
        try:
            image = ImageFactory(title=title, description=title, file=ContentFile(data, name=name))
        except Exception as error:  # Pillow refuses what is not an image
            self.report.warnings.append(f"Pochette illisible ({url}) : {error}")
            return None
        if image.width != image.height or not 1400 <= image.width <= 3000:
            self.report.warnings.append(
                f"La pochette fait {image.width} × {image.height} px : Apple demande un carré "
                "de 1400 à 3000 px, remplacez-la dans l'administration."
            )
        return image

    def _person(self, element) -> Person:
        name = element.text.strip()[:150]
        person = Person.objects.filter(name=name).first()
        if person is None:
            href = element.get("href", "")
            person = Person.objects.create(
                name=name, website=href if href.startswith(("http://", "https://")) else ""
            )
        return person

    @staticmethod
    def _unique_slug(parent, title: str) -> str:
        base = ascii_slug(title, 76) or "podcast"
        taken = set(parent.get_children().values_list("slug", flat=True))
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug

    # The episodes --------------------------------------------------------------

    def _episode(self, show, item) -> None:
        title = _text(item, "title") or _text(item, "itunes:title") or "Épisode"
        enclosure = item.find("enclosure")
        audio_url = enclosure.get("url", "").strip() if enclosure is not None else ""
        guid = _text(item, "guid") or audio_url
        if not guid:
            self.report.skipped.append(f"{title} : ni guid ni son")
            return
        if EpisodePage.objects.child_of(show).filter(guid=guid).exists():
            self.report.existing.append(title)
            return
        if not audio_url:
            self.report.skipped.append(f"{title} : pas de son (enclosure)")
            return
        try:
            audio = self._audio(item, enclosure, title)
        except (OSError, ValueError, ValidationError) as error:
            message = "; ".join(getattr(error, "messages", [str(error)]))
            self.report.skipped.append(
                f"{title} : son non copié ({audio_url}) : {message}. Relancez l'import plus "
                "tard, ou gardez le son chez son hébergeur avec --keep-remote-audio."
            )
            return
        published = None
        if pub_date := _text(item, "pubDate"):
            try:
                published = parsedate_to_datetime(pub_date)
            except (TypeError, ValueError):
                self.report.warnings.append(f"{title} : date illisible ({pub_date})")
        if published is not None and timezone.is_naive(published):
            published = timezone.make_aware(published, datetime.UTC)
        notes_html = _text(item, "content:encoded") or _text(item, "description")
        episode_type = _text(item, "itunes:episodeType")
        episode = EpisodePage(
            title=title[:255],
            slug=self._unique_slug(show, title),
            summary=strip_tags(_text(item, "itunes:summary") or _text(item, "description")).strip()[
                :2000
            ]
            or title,
            show_notes=json.dumps([{"type": "paragraph", "value": safe_rich_text(notes_html)}])
            if notes_html
            else "[]",
            audio=audio,
            guid=guid[:500],
            publication_date=published,
            season=_int(_text(item, "itunes:season")),
            episode_number=_int(_text(item, "itunes:episode")),
            episode_type=episode_type if episode_type in EpisodeType.values else EpisodeType.FULL,
            explicit=_flag(_text(item, "itunes:explicit")),
        )
        self._transcript(item, episode)
        chapters = self._chapters(item, title)
        with transaction.atomic():
            show.add_child(instance=episode)
            for person in item.findall("podcast:person", NS):
                if person.text and person.text.strip():
                    role = (person.get("role") or "guest").lower()
                    episode.guests.create(
                        person=self._person(person),
                        role=role if role in PersonRole.values else PersonRole.GUEST,
                    )
            for position, chapter in enumerate(chapters):
                episode.chapters.create(sort_order=position, **chapter)
            if published is not None:
                # The episode keeps the day it first came out, in listings and the feed.
                episode.first_published_at = published
            episode.save()
            episode.save_revision().publish()
        self.report.created.append(title)

    def _audio(self, item, enclosure, title) -> AudioFile:
        url = enclosure.get("url", "").strip()
        existing = AudioFile.objects.filter(source_url=url).first()
        if existing:
            return existing
        if self.keep_remote_audio:
            return AudioFile.objects.create(
                title=title[:255],
                external_url=url,
                source_url=url,
                mime_type=(enclosure.get("type") or "audio/mpeg")[:50],
                size=_int(enclosure.get("length", "")) or None,
                duration=_duration(_text(item, "itunes:duration")),
            )
        name = Path(urlsplit(url).path).name or "son.mp3"
        # Read in pieces into a temporary file: a sound may not fit in memory.
        with remote_fetch.fetch_to_file(url, max_audio_bytes(), seconds=AUDIO_SECONDS) as data:
            audio = AudioFile(title=title[:255], source_url=url, file=File(data, name=name))
            audio.full_clean(exclude=["source_url"])  # fetched above: a public http(s) address
            audio.save()
        return audio

    def _transcript(self, item, episode) -> None:
        for element in item.findall("podcast:transcript", NS):
            kind = TRANSCRIPT_TYPES.get((element.get("type") or "").lower())
            url = element.get("url", "")
            if not kind or not url:
                continue
            try:
                text = fetch(url, MAX_TEXT_BYTES).decode("utf-8-sig", errors="replace")
            except (OSError, ValueError) as error:
                self.report.warnings.append(
                    f"{episode.title} : transcription non récupérée ({error})"
                )
                continue
            if (element.get("type") or "").lower() == "text/html":
                text = "\n".join(
                    line.strip()
                    for line in strip_tags(re.sub(r"</p>|<br\s*/?>", "\n", text)).splitlines()
                )
            episode.transcript, episode.transcript_format = text, kind
            return

    def _chapters(self, item, title) -> list[dict]:
        element = item.find("podcast:chapters", NS)
        if element is None or not element.get("url"):
            return []
        try:
            data = json.loads(fetch(element.get("url"), MAX_TEXT_BYTES))
        except (OSError, ValueError) as error:
            self.report.warnings.append(f"{title} : chapitres non récupérés ({error})")
            return []
        chapters = []
        for chapter in data.get("chapters", []) if isinstance(data, dict) else []:
            if not isinstance(chapter, dict) or chapter.get("toc") is False:
                continue
            try:
                seconds = int(float(chapter.get("startTime", 0)))
            except (TypeError, ValueError):
                continue
            hours, rest = divmod(seconds, 3600)
            minutes, secs = divmod(rest, 60)
            link = str(chapter.get("url") or "")
            chapters.append(
                {
                    "start": f"{hours}:{minutes:02d}:{secs:02d}"
                    if hours
                    else f"{minutes}:{secs:02d}",
                    "title": str(chapter.get("title") or "Chapitre")[:200],
                    "url": link if link.startswith(("http://", "https://")) else "",
                }
            )
        return chapters
