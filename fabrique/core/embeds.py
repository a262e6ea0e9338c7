"""Privacy-first video embeds: recognise a provider's URL and build its player address.

Nothing is fetched from the provider when a page renders (no oEmbed call): the page
shows a link, and the player is loaded only when the reader asks for it.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class VideoEmbed:
    provider: str
    url: str
    player_url: str  # empty when the provider's player cannot be embedded here


_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com"}
_ID = re.compile(r"^[\w-]{6,64}$")


def _youtube_id(parts) -> str:
    host = parts.hostname or ""
    path = parts.path.strip("/")
    if host == "youtu.be":
        return path.split("/")[0]
    if host in _YOUTUBE_HOSTS:
        if path == "watch":
            return parse_qs(parts.query).get("v", [""])[0]
        for prefix in ("embed/", "live/", "shorts/"):
            if path.startswith(prefix):
                return path[len(prefix) :].split("/")[0]
    return ""


def parse_video_url(url: str) -> VideoEmbed | None:
    """The provider and player address of a YouTube, Vimeo, PeerTube or Twitch URL, else None."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    path = parts.path.strip("/")

    video_id = _youtube_id(parts)
    if video_id and _ID.match(video_id):
        return VideoEmbed("YouTube", url, f"https://www.youtube-nocookie.com/embed/{video_id}")
    if host in ("vimeo.com", "www.vimeo.com") and path.split("/")[0].isdigit():
        return VideoEmbed(
            "Vimeo", url, f"https://player.vimeo.com/video/{path.split('/')[0]}?dnt=1"
        )
    if host in ("twitch.tv", "www.twitch.tv"):
        # Twitch's player needs the embedding site's domain at render time; link only.
        return VideoEmbed("Twitch", url, "")
    match = re.match(r"^(?:w|videos/watch|videos/embed)/([\w-]{6,64})$", path)
    if match:
        return VideoEmbed("PeerTube", url, f"https://{host}/videos/embed/{match.group(1)}")
    return None
