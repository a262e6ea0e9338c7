"""Checks on what editors upload for a video."""

import codecs

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_CAPTIONS_BYTES = 2 * 1024 * 1024
READ_PIECE = 64 * 1024
HEAD_BYTES = 16


def validate_webvtt(file) -> None:
    """A WebVTT file checked by its content, not its name: UTF-8 text starting with WEBVTT.

    A browser refuses a ``<track>`` that is not WebVTT; an editor learns it here, not
    from a reader.
    """
    if file.size > MAX_CAPTIONS_BYTES:
        raise ValidationError(_("Le fichier de sous-titres dépasse 2 Mo."), code="too_big")
    if not _is_webvtt(file):
        raise ValidationError(
            _(
                "Ce fichier n'est pas au format WebVTT : du texte UTF-8 dont la première ligne "
                "est « WEBVTT ». Exportez les sous-titres en .vtt depuis votre outil."
            ),
            code="not_webvtt",
        )


def _is_webvtt(file) -> bool:
    """Read in pieces of 64 KB, never more than the size limit: UTF-8 checked as it comes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    file.seek(0)
    try:
        head = b""
        total = 0
        while True:
            piece = file.read(READ_PIECE)
            if isinstance(piece, str):
                piece = piece.encode("utf-8")
            if not piece:
                break
            total += len(piece)
            if total > MAX_CAPTIONS_BYTES:
                return False
            if len(head) < HEAD_BYTES:
                head += piece[: HEAD_BYTES - len(head)]
            decoder.decode(piece)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        file.seek(0)
    head = head.removeprefix(b"\xef\xbb\xbf")
    return head.startswith(b"WEBVTT") and head[6:7] in (b"", b"\n", b"\r", b" ", b"\t")
