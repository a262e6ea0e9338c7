"""Podcasts: shows, their episodes, and the audio library the episodes draw from.

The audio library is a small model of the project's own (``AudioFile``, a snippet with
Wagtail's chooser) rather than wagtailmedia: an episode needs exactly one sound, checked
by its content, with its duration, size and MIME type read from the file for the feed;
wagtailmedia's extension-based checks, thumbnails and video fields would be more to
carry and still leave that work to do (README, « Podcasts »).
"""

from .audio_files import AudioFile
from .episodes import EpisodeChapter, EpisodeGuest, EpisodePage, new_guid, validate_clock
from .index import PodcastIndexPage
from .shows import PODCAST_GUID_NAMESPACE, PodcastShowPage, ShowHost, podcast_guid_for

# ``new_guid`` and ``validate_clock`` are named by the migrations as ``podcasts.models.…``.
__all__ = [
    "PODCAST_GUID_NAMESPACE",
    "AudioFile",
    "EpisodeChapter",
    "EpisodeGuest",
    "EpisodePage",
    "PodcastIndexPage",
    "PodcastShowPage",
    "ShowHost",
    "new_guid",
    "podcast_guid_for",
    "validate_clock",
]
