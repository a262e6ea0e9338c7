"""Checks on what editors upload for a video."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_CAPTIONS_BYTES = 2 * 1024 * 1024


def validate_webvtt(file) -> None:
    """A WebVTT file checked by its content, not its name: UTF-8 text starting with WEBVTT.

    A browser refuses a ``<track>`` that is not WebVTT; an editor learns it here, not
    from a reader.
    """
    if file.size > MAX_CAPTIONS_BYTES:
        raise ValidationError(_("Le fichier de sous-titres dépasse 2 Mo."), code="too_big")
    file.seek(0)
    content = file.read()
    file.seek(0)
    if isinstance(content, str):
        content = content.encode("utf-8")
    content = content.removeprefix(b"\xef\xbb\xbf")
    try:
        content.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    if not (
        utf8 and content.startswith(b"WEBVTT") and content[6:7] in (b"", b"\n", b"\r", b" ", b"\t")
    ):
        raise ValidationError(
            _(
                "Ce fichier n'est pas au format WebVTT : du texte UTF-8 dont la première ligne "
                "est « WEBVTT ». Exportez les sous-titres en .vtt depuis votre outil."
            ),
            code="not_webvtt",
        )
