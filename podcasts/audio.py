"""Reading an uploaded sound by its content: its kind, duration and size, or a French refusal.

A file is judged by its bytes, never by its name: mutagen recognises the container from
its header. ``mutagen.File()`` returns None for anything it does not know, and a falsy
(empty-tags) object for a perfectly good MP3 without tags, so the test is ``is None``.
A name ending in ``.mp3`` makes mutagen try MP3 and raise on a text file: also a refusal.
mutagen reads what headers declare (an ID3 tag may claim 256 MB): it is given a file that
refuses more than ``FABRIQUE_PODCAST_INSPECT_MAX_BYTES`` in total, and a file that needs more
to be understood is refused like any unknown sound.
"""

from dataclasses import dataclass

import mutagen
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from fabrique.web.uploads import MB, BudgetedReader

# mutagen's class name → (MIME type podcast apps expect, file extension we store).
KNOWN_KINDS = {
    "MP3": ("audio/mpeg", "mp3"),
    "MP4": ("audio/mp4", "m4a"),
    "OggVorbis": ("audio/ogg", "ogg"),
    "OggOpus": ("audio/ogg", "opus"),
    "FLAC": ("audio/flac", "flac"),
    "WAVE": ("audio/wav", "wav"),
}

DEFAULT_MAX_BYTES = 300 * 1024 * 1024
# Tags, cover art and index tables that mutagen reads; a cover of a few MB fits.
DEFAULT_INSPECT_MAX_BYTES = 32 * MB


@dataclass(frozen=True)
class AudioInfo:
    mime_type: str
    extension: str
    duration: int  # whole seconds, rounded
    size: int


def max_audio_bytes() -> int:
    return getattr(settings, "FABRIQUE_PODCAST_MAX_AUDIO_BYTES", DEFAULT_MAX_BYTES)


def max_inspect_bytes() -> int:
    return int(getattr(settings, "FABRIQUE_PODCAST_INSPECT_MAX_BYTES", DEFAULT_INSPECT_MAX_BYTES))


def inspect_audio(file) -> AudioInfo:
    """What the file is, read from its bytes; ValidationError (in French) for anything else."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    limit = max_audio_bytes()
    if size > limit:
        raise ValidationError(
            _("Ce fichier pèse %(size)s : la limite est de %(limit)s.")
            % {"size": format_size(size), "limit": format_size(limit)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("Ce fichier est vide."), code="empty")
    refusal = ValidationError(
        _(
            "Ce fichier n'est pas un son que nous savons lire : envoyez un fichier MP3, "
            "M4A (AAC), Ogg, Opus, FLAC ou WAV."
        ),
        code="not_audio",
    )
    file.seek(0)
    try:
        audio = mutagen.File(BudgetedReader(file, max_inspect_bytes()))
    except (mutagen.MutagenError, ValueError, OSError, EOFError, IndexError):
        raise refusal from None
    finally:
        file.seek(0)
    if audio is None:
        raise refusal
    kind = KNOWN_KINDS.get(type(audio).__name__)
    info = getattr(audio, "info", None)
    length = getattr(info, "length", 0) or 0
    if kind is None or length <= 0 or getattr(info, "sketchy", False):
        raise refusal
    return AudioInfo(mime_type=kind[0], extension=kind[1], duration=round(length), size=size)


def format_size(size: int | None) -> str:
    """« 12,3 Mo », « 850 ko »: decimal units, as French readers and podcast apps count."""
    if not size:
        return ""
    for unit, factor in (("Go", 10**9), ("Mo", 10**6), ("ko", 10**3)):
        if size >= factor:
            value = f"{size / factor:.1f}".replace(".", ",").removesuffix(",0")
            return f"{value}\u00a0{unit}"
    return f"{size}\u00a0octets"


def format_duration(seconds: int | None) -> str:
    """« 1 h 02 min 05 s », « 4 min 10 s », « 45 s »: how a French reader says a duration."""
    if not seconds:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        text = f"{hours} h {minutes:02d} min {secs:02d} s"
    elif minutes:
        text = f"{minutes} min {secs:02d} s"
    else:
        text = f"{secs} s"
    return text.replace(" ", "\u00a0")  # never a number alone at the end of a line


def format_clock(seconds: int) -> str:
    """« 1:02:05 » or « 04:10 »: a chapter's start as players show it."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def iso_duration(seconds: int | None) -> str:
    """ISO 8601 duration for schema.org (``PT4M10S``)."""
    if not seconds:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"
