"""Files sent with an answer: PDF, DOCX or ODT, recognised by their content, never by name.

A name says nothing: an executable renamed « fiche.pdf » must be refused. PDF is known by
its ``%PDF-`` header; DOCX and ODT are zip archives, recognised by their inner structure
(``word/document.xml``; the ``mimetype`` entry of OpenDocument). Nothing is extracted. A
Word file with macros (``vbaProject.bin``) is refused. Stored files get a random name in
the private storage; the sender's file name is kept apart, for moderators only.

Checking costs in two steps. The field's own ``clean`` only counts the files and compares
their sizes (known without reading them). Reading what a file is (``inspect_uploads``) is
left to the form's ``inspect_files``, which the sending flow calls once the cheap checks
passed (call open, rate limit, start token): a robot's or a replayed request never gets a
file opened. That reading is bounded: a few bytes of the head, an archive's directory and
declared sizes checked before any entry is read, and a few bytes of one entry.
"""

import os
import uuid

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from fabrique.web.uploads import PublicUploadLimit, UnsafeUpload, open_zip, read_head, read_member

KINDS = {"pdf": "PDF", "docx": "DOCX", "odt": "ODT"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def max_count() -> int:
    return int(getattr(settings, "FABRIQUE_ATTACHMENT_MAX_COUNT", 3))


def max_bytes() -> int:
    return int(getattr(settings, "FABRIQUE_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def public_limit() -> PublicUploadLimit:
    """What the answer form accepts, declared to the site's upload handler (apps.py)."""
    return PublicUploadLimit(files=max_count(), file_bytes=max_bytes())


def detect_kind(upload: UploadedFile) -> str | None:
    """ "pdf", "docx", "odt" from the bytes themselves, or None; a few KB read at most."""
    head = read_head(upload, 8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with open_zip(upload) as archive:
            names = set(archive.namelist())
            if (
                "mimetype" in names
                and read_member(archive, "mimetype", len(ODT_MIMETYPE) + 16).strip() == ODT_MIMETYPE
            ):
                return "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                if any(name.lower().endswith("vbaproject.bin") for name in names):
                    return None
                return "docx"
    except UnsafeUpload:
        return None
    return None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",").replace(",0", "")


def check_size(upload: UploadedFile) -> None:
    """Cheap: the size is known without reading the file (the upload handler counted it)."""
    if upload.size > max_bytes():
        name = os.path.basename(upload.name or "")
        raise forms.ValidationError(
            _("« %(name)s » pèse %(size)s Mo : la limite est de %(max)s Mo par fichier.")
            % {"name": name, "size": _megabytes(upload.size), "max": _megabytes(max_bytes())},
            code="too_big",
        )


def check_attachment(upload: UploadedFile) -> str:
    """The file's kind, or a French ValidationError that names the file."""
    check_size(upload)
    name = os.path.basename(upload.name or "")
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    kind = detect_kind(upload)
    if kind is None or extension != kind:
        raise forms.ValidationError(
            _(
                "« %(name)s » n'est pas un document PDF, DOCX ou ODT lisible. Envoyez votre "
                "fichier dans l'un de ces formats."
            )
            % {"name": name},
            code="bad_type",
        )
    return kind


def check_count(uploads: list) -> None:
    if len(uploads) > max_count():
        raise forms.ValidationError(
            ngettext(
                "Vous pouvez joindre %(max)d fichier au plus.",
                "Vous pouvez joindre %(max)d fichiers au plus.",
                max_count(),
            )
            % {"max": max_count()},
            code="too_many",
        )


def stored_name(kind: str) -> str:
    return f"{uuid.uuid4().hex}.{kind}"


def clean_original_name(name: str) -> str:
    base = os.path.basename(name or "")
    try:
        return get_valid_filename(base)[:200] or "fichier"
    except Exception:  # get_valid_filename refuses names that reduce to nothing
        return "fichier"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def inspect_uploads(uploads: list) -> tuple[list, list]:
    """(accepted, errors): each file's kind read from its content (``detected_kind``)."""
    accepted, errors = [], []
    for upload in uploads:
        try:
            upload.detected_kind = check_attachment(upload)
        except forms.ValidationError as error:
            errors.append(error)
            continue
        accepted.append(upload)
    return accepted, errors


class MultipleFileField(forms.FileField):
    """Several files in one input; counted and sized here, never read (see the module)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            files = [file for file in data if file]
        else:
            files = [data] if data else []
        check_count(files)
        errors = []
        cleaned = []
        for upload in files:
            upload = super().clean(upload, initial)
            try:
                check_size(upload)
            except forms.ValidationError as error:
                errors.append(error)
                continue
            cleaned.append(upload)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned
