"""Privacy-first video embeds: recognise a provider's URL and build its player address.

One facade for every place a video appears (the ``VideoEmbedBlock`` of any body, the
video pages, an event's live stream): ``parse_video_url`` reads the URL offline (no
oEmbed call, nothing fetched when a page renders) and the page shows a link, loading the
provider's player only when the reader asks for it. Players come from the provider's
privacy-enhanced domain where it has one (youtube-nocookie.com, Vimeo's ``dnt=1``).

``validate_video_url`` is what editors meet: a French message for an unknown or
malformed URL, or for a player the site's Content-Security-Policy does not allow.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PROVIDERS_LABEL = "YouTube, Vimeo, Dailymotion, PeerTube ou Twitch"

_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
_ID = re.compile(r"^[\w-]{6,64}$")
_PLAYLIST_ID = re.compile(r"^[\w-]{10,64}$")
_DAILYMOTION_ID = re.compile(r"^x[0-9a-z]{4,12}$", re.I)
_TWITCH_NAME = re.compile(r"^[a-z0-9_]{3,25}$", re.I)
_TWITCH_CLIP = re.compile(r"^[\w-]{4,100}$")
# Paths of twitch.tv that are pages of the site, not channels.
_TWITCH_RESERVED = {
    "directory",
    "downloads",
    "jobs",
    "login",
    "p",
    "search",
    "settings",
    "signup",
    "subscriptions",
    "turbo",
    "videos",
    "wallet",
}
# « 90 », « 90s », « 1m30s », « 1h02m03s », « 01:02:03 »
_TIMECODE = re.compile(r"^(?:(?P<h>\d{1,2})h)?(?:(?P<m>\d{1,3})m)?(?:(?P<s>\d{1,6})s?)?$")


def parse_timecode(value: str) -> int | None:
    """Seconds from a URL's start time (« 90 », « 1m30s », « 1:30 »), None when unreadable."""
    value = (value or "").strip().lower()
    if not value:
        return None
    if ":" in value:
        parts = value.split(":")
        if len(parts) > 3 or not all(part.isdigit() for part in parts):
            return None
        seconds = 0
        for part in parts:
            seconds = seconds * 60 + int(part)
        return seconds
    match = _TIMECODE.match(value)
    if not match or not any(match.groupdict().values()):
        return None
    return int(match["h"] or 0) * 3600 + int(match["m"] or 0) * 60 + int(match["s"] or 0)


def format_twitch_time(seconds: int) -> str:
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s"


def _with_query(url: str, **params) -> str:
    params = {key: value for key, value in params.items() if value not in (None, "")}
    if not params:
        return url
    separator = "&" if "?" in url else "?"
    return url + separator + urlencode(params)


@dataclass(frozen=True)
class VideoEmbed:
    """A recognised video URL: who hosts it and how to play it here.

    ``player_url`` is the player's address ready to load, or "" when it needs the
    embedding site's host (Twitch): ``player_url_for(host)`` answers for every provider.
    """

    provider: str
    url: str
    player_url: str
    kind: str = "video"  # video, playlist, clip, channel
    video_id: str = ""
    start: int = 0
    # The player's address without the start time nor Twitch's parent, and its origin.
    base_player_url: str = field(default="", compare=False)
    # Twitch refuses to play unless it is told the embedding site's domain.
    needs_parent: bool = False

    @property
    def origin(self) -> str:
        """Scheme and host of the player, what the Content-Security-Policy must allow."""
        parts = urlsplit(self.base_player_url or self.player_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""

    @property
    def can_seek(self) -> bool:
        """Whether a time can be given to the player (chapters): single videos only."""
        return self.kind == "video"

    @property
    def seek_api(self) -> str:
        """The provider whose loaded player the page can seek by message ("" to reload)."""
        return {"YouTube": "youtube", "Vimeo": "vimeo"}.get(self.provider, "")

    def player_url_for(
        self, host: str = "", start: int | None = None, *, site_params: bool = True
    ) -> str:
        """The player to load on this site (``host``: the page's domain), at ``start`` s.

        ``site_params`` adds what this site's own script needs (YouTube's ``enablejsapi``,
        with which chapters seek the loaded player); ``player_url`` is without them.
        """
        base = self.base_player_url
        if not base:
            return ""
        if site_params and self.provider == "YouTube" and self.kind == "video":
            base = _with_query(base, enablejsapi=1)
        if self.needs_parent:
            if not host:
                return ""
            base = _with_query(base, parent=host.split(":")[0].strip("[]"))
        seconds = self.start if start is None else start
        if not seconds or not self.can_seek:
            return base
        if self.provider == "YouTube":
            return _with_query(base, start=int(seconds))
        if self.provider == "Vimeo":
            return f"{base}#t={int(seconds)}s"
        if self.provider == "Dailymotion":
            return _with_query(base, start=int(seconds))
        if self.provider == "PeerTube":
            return _with_query(base, start=f"{int(seconds)}s")
        if self.provider == "Twitch":
            return _with_query(base, time=format_twitch_time(seconds))
        return base

    def watch_url(self, start: int | None = None) -> str:
        """The provider's own page for this video, at ``start`` seconds when it can seek."""
        if not start or not self.can_seek:
            return self.url
        seconds = int(start)
        if self.provider == "YouTube":
            return f"https://www.youtube.com/watch?v={self.video_id}&t={seconds}s"
        if self.provider == "Vimeo":
            return f"https://vimeo.com/{self.video_id}#t={seconds}s"
        if self.provider == "Dailymotion":
            return f"https://www.dailymotion.com/video/{self.video_id}?start={seconds}"
        if self.provider == "PeerTube":
            host = urlsplit(self.base_player_url).netloc
            return f"https://{host}/w/{self.video_id}?start={seconds}s"
        if self.provider == "Twitch":
            return f"https://www.twitch.tv/videos/{self.video_id}?t={format_twitch_time(seconds)}"
        return self.url


def _youtube(parts, query) -> tuple[str, str, str] | None:
    """(kind, id, list) of a YouTube URL, else None."""
    host = parts.hostname or ""
    path = parts.path.strip("/")
    playlist = query.get("list", [""])[0]
    if host == "youtu.be":
        return ("video", path.split("/")[0], playlist)
    if host in _YOUTUBE_HOSTS or host in ("www.youtube-nocookie.com", "youtube-nocookie.com"):
        if path == "watch":
            return ("video", query.get("v", [""])[0], playlist)
        if path == "playlist":
            return ("playlist", "", playlist)
        if path == "embed/videoseries":
            return ("playlist", "", playlist)
        for prefix in ("embed/", "live/", "shorts/", "v/"):
            if path.startswith(prefix):
                return ("video", path[len(prefix) :].split("/")[0], playlist)
        return ("unknown", "", "")
    return None


def _start(query, fragment: str) -> int:
    for key in ("t", "start", "time"):
        if key in query:
            return parse_timecode(query[key][0]) or 0
    fragment_query = parse_qs(fragment)
    if "t" in fragment_query:
        return parse_timecode(fragment_query["t"][0]) or 0
    return 0


def _embed(provider, url, base, *, kind="video", video_id="", start=0, needs_parent=False):
    embed = VideoEmbed(
        provider,
        url,
        "",
        kind=kind,
        video_id=video_id,
        start=start if kind == "video" else 0,
        base_player_url=base,
        needs_parent=needs_parent,
    )
    # ``player_url``: the provider's plain player (Twitch, which needs the host, answers "").
    return VideoEmbed(
        provider,
        url,
        embed.player_url_for(site_params=False),
        kind=embed.kind,
        video_id=video_id,
        start=embed.start,
        base_player_url=base,
        needs_parent=needs_parent,
    )


def parse_video_url(url: str) -> VideoEmbed | None:
    """The provider and player of a YouTube, Vimeo, Dailymotion, PeerTube or Twitch URL.

    None for anything else (another site, a malformed address, a provider's page that is
    not a video). Nothing is fetched: this reads the URL only.
    """
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    path = parts.path.strip("/")
    query = parse_qs(parts.query)
    start = _start(query, parts.fragment)

    youtube = _youtube(parts, query)
    if youtube is not None:
        kind, video_id, playlist = youtube
        if kind == "video" and _ID.match(video_id or ""):
            base = f"https://www.youtube-nocookie.com/embed/{video_id}"
            if playlist and _PLAYLIST_ID.match(playlist):
                base = _with_query(base, list=playlist)
            return _embed("YouTube", url, base, video_id=video_id, start=start)
        if kind == "playlist" and _PLAYLIST_ID.match(playlist or ""):
            base = f"https://www.youtube-nocookie.com/embed/videoseries?list={playlist}"
            return _embed("YouTube", url, base, kind="playlist", video_id=playlist)
        return None

    if host in ("vimeo.com", "www.vimeo.com", "player.vimeo.com"):
        segments = [s for s in path.split("/") if s]
        if segments[:1] == ["video"]:
            segments = segments[1:]
        numeric = [s for s in segments if s.isdigit()]
        if not numeric or len(segments) > 3:
            return None
        video_id = numeric[0]
        return _embed(
            "Vimeo",
            url,
            f"https://player.vimeo.com/video/{video_id}?dnt=1",
            video_id=video_id,
            start=start,
        )

    if host in ("dailymotion.com", "www.dailymotion.com", "dai.ly"):
        if host == "dai.ly":
            video_id = path
        else:
            match = re.match(r"^(?:embed/)?video/([^/_]+)", path)
            video_id = match.group(1) if match else ""
        if not _DAILYMOTION_ID.match(video_id):
            return None
        return _embed(
            "Dailymotion",
            url,
            f"https://www.dailymotion.com/embed/video/{video_id}",
            video_id=video_id,
            start=start,
        )

    if host == "clips.twitch.tv":
        slug = query.get("clip", [""])[0] if path == "embed" else path.split("/")[0]
        if not _TWITCH_CLIP.match(slug):
            return None
        base = f"https://clips.twitch.tv/embed?clip={quote(slug)}"
        return _embed("Twitch", url, base, kind="clip", video_id=slug, needs_parent=True)
    if host in ("twitch.tv", "www.twitch.tv", "m.twitch.tv", "player.twitch.tv"):
        segments = [s for s in path.split("/") if s]
        if host == "player.twitch.tv":
            if query.get("video"):
                segments = ["videos", query["video"][0].lstrip("v")]
            elif query.get("channel"):
                segments = [query["channel"][0]]
        if len(segments) == 2 and segments[0] == "videos" and segments[1].isdigit():
            video_id = segments[1]
            base = f"https://player.twitch.tv/?video=v{video_id}&autoplay=false"
            return _embed("Twitch", url, base, video_id=video_id, start=start, needs_parent=True)
        if len(segments) == 3 and segments[1] == "clip" and _TWITCH_CLIP.match(segments[2]):
            base = f"https://clips.twitch.tv/embed?clip={quote(segments[2])}"
            return _embed("Twitch", url, base, kind="clip", video_id=segments[2], needs_parent=True)
        if (
            len(segments) == 1
            and _TWITCH_NAME.match(segments[0])
            and segments[0].lower() not in _TWITCH_RESERVED
        ):
            name = segments[0].lower()
            base = f"https://player.twitch.tv/?channel={name}&autoplay=false"
            return _embed("Twitch", url, base, kind="channel", video_id=name, needs_parent=True)
        return None

    # PeerTube, on any instance: /w/<id>, /videos/watch/<id>, /videos/embed/<id>,
    # playlists at /w/p/<id> or /videos/watch/playlist/<id>.
    match = re.match(r"^(?:w/p|videos/watch/playlist|video-playlists/embed)/([\w-]{6,64})$", path)
    if match:
        base = f"https://{host}/video-playlists/embed/{match.group(1)}"
        return _embed("PeerTube", url, base, kind="playlist", video_id=match.group(1))
    match = re.match(r"^(?:w|videos/watch|videos/embed)/([\w-]{6,64})$", path)
    if match:
        return _embed(
            "PeerTube",
            url,
            f"https://{host}/videos/embed/{match.group(1)}",
            video_id=match.group(1),
            start=start,
        )
    return None


def allowed_player_origins() -> list[str]:
    """The players' origins the site's Content-Security-Policy lets pages frame."""
    from django.conf import settings

    return list(getattr(settings, "FABRIQUE_VIDEO_PLAYER_ORIGINS", []))


def validate_video_url(url: str) -> VideoEmbed:
    """The parsed video, or a ``ValidationError`` in French an editor can act on."""
    video = parse_video_url(url)
    if video is None:
        raise ValidationError(
            _(
                "Adresse non reconnue : collez le lien d'une vidéo %(providers)s "
                "(par exemple https://www.youtube.com/watch?v=…)."
            )
            % {"providers": PROVIDERS_LABEL},
            code="unknown_video",
        )
    if video.origin not in allowed_player_origins():
        raise ValidationError(
            _(
                "Le lecteur %(origin)s n'est pas autorisé par la politique de sécurité du "
                "site : demandez à l'équipe technique d'ajouter ce serveur PeerTube "
                "(réglage FABRIQUE_PEERTUBE_HOSTS)."
            )
            % {"origin": video.origin},
            code="player_not_allowed",
        )
    return video


def request_host(request=None) -> str:
    """The domain the page is served under (Twitch's ``parent``), without the port."""
    from django.conf import settings
    from django.http.request import split_domain_port

    if request is not None:
        try:
            domain, _port = split_domain_port(request.get_host())
        except Exception:  # DisallowedHost: Django answers 400 before a template renders
            domain = ""
        if domain:
            return domain.strip("[]")
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or ""


def duration_display(seconds: int | None) -> str:
    """« 1 h 02 min », « 12 min 30 s », « 45 s »: how long a video lasts, in French."""
    if not seconds:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s" if secs else f"{minutes} min"
    return f"{secs} s"


def iso_duration(seconds: int | None) -> str:
    """ISO 8601 duration (« PT1H2M3S »), for ``<time datetime>`` and JSON-LD."""
    if not seconds:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{secs}S" if secs or text == "PT" else "")


def video_player_context(
    video: VideoEmbed | None,
    *,
    title: str,
    request=None,
    caption: str = "",
    poster=None,
    poster_alt: str = "",
    duration: int | None = None,
    dom_id: str = "",
) -> dict:
    """What ``templates/includes/video_player.html`` shows: one player for every page.

    The player's address is computed here, with this request's host for Twitch; the
    page shows it only in a ``data-`` attribute that ``static/js/video.js`` reads on click.
    """
    host = request_host(request)
    player_url = video.player_url_for(host) if video else ""
    slug = re.sub(r"[^\w-]", "", f"{video.provider}-{video.video_id}" if video else "")
    return {
        "video": video,
        "title": title,
        "caption": caption,
        "poster": poster,
        "poster_alt": poster_alt,
        "duration": duration_display(duration),
        "iso_duration": iso_duration(duration),
        "player_url": player_url,
        "player_host": urlsplit(player_url).hostname or "",
        "dom_id": dom_id or f"video-{slug.lower() or 'lecteur'}",
        "seek_api": video.seek_api if video else "",
        "host": host,
    }
