"""Answers to and from spreadsheets: the export's columns and the import that reads them back.

The export (CSV and XLSX) is Wagtail's own, on the answers' admin listing (filtered by
call); its headings are the ones the import recognises, so a file exported, completed on
paper or at a meeting, and imported again lands in the same queue. An import is all or
nothing: one bad row and nothing is stored, every problem named with its line.
"""

import csv
import io

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fabrique.core.spreadsheets import FORMULA_STARTS
from fabrique.submissions.guards import reject_control_characters
from fabrique.web.uploads import MB, UnsafeUpload, ZipLimits, open_zip

from .choices import ActorKind, AnswerSource, department_validator
from .models import CallAnswer

# (attribute exported, heading, field imported); the heading is the column's name both ways.
COLUMNS = [
    ("organisation", "Organisation", "organisation"),
    ("get_actor_kind_display", "Type d'acteur", "actor_kind"),
    ("commune", "Commune", "commune"),
    ("department", "Département", "department"),
    ("partners", "Partenaires", "partners"),
    ("action_what", "Action", "action_what"),
    ("action_with", "Avec qui", "action_with"),
    ("action_for", "Pour qui", "action_for"),
    ("action_since", "Depuis quand", "action_since"),
    ("results", "Résultats", "results"),
    ("helped", "Ce qui a aidé", "helped"),
    ("difficulties", "Ce qui a été difficile", "difficulties"),
    ("contact_name", "Personne à contacter", "contact_name"),
    ("email", "E-mail", "email"),
    ("phone", "Téléphone", "phone"),
    ("status_label", "Statut", None),
    ("submitted_at", "Reçue le", None),
    ("call", "Appel", None),
]
LIST_EXPORT = [attribute for attribute, _heading, _field in COLUMNS]
EXPORT_HEADINGS = {attribute: heading for attribute, heading, _field in COLUMNS}
IMPORT_FIELDS = {
    key.casefold(): field
    for attribute, heading, field in COLUMNS
    if field
    for key in (heading, field)
}
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
# Rows read in all, blank ones included, and columns read per row: a sheet may declare
# a million rows of 16,384 columns that openpyxl would otherwise fill with empty cells.
MAX_SHEET_ROWS = 10 * MAX_ROWS
MAX_COLUMNS = 100
# What an XLSX of 5 MB may declare once inflated: 2000 rows of long texts fit many times.
XLSX_LIMITS = ZipLimits(max_entries=500, max_entry_bytes=50 * MB, max_total_bytes=80 * MB)


def _from_cell(value) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        text = text[1:]
    return text


class ImportedAnswerForm(forms.ModelForm):
    """One row, checked like the model says (required fields, lengths, département)."""

    class Meta:
        model = CallAnswer
        fields = [field for _a, _h, field in COLUMNS if field]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(reject_control_characters)

    def clean_actor_kind(self):
        return self.cleaned_data["actor_kind"]

    def clean_department(self):
        value = self.cleaned_data.get("department", "").upper()
        department_validator(value)
        return value


def _actor_value(text: str) -> str:
    """An actor kind by its value or its label, as the export writes it."""
    folded = text.casefold()
    for value, label in ActorKind.choices:
        if folded in (value, str(label).casefold()):
            return value
    return text


class TooManyRows(ValueError):
    pass


def _too_many_rows() -> TooManyRows:
    return TooManyRows(_("Le fichier compte plus de %(max)d lignes.") % {"max": MAX_ROWS})


def _kept_rows(rows) -> list[list[str]]:
    """The non-empty rows, stopped as soon as there are more than the import takes, and
    after ``MAX_SHEET_ROWS`` rows read in all (blank ones included): never the whole of a
    sheet that claims a million rows."""
    kept = []
    for index, row in enumerate(rows):
        if index >= MAX_SHEET_ROWS:
            raise _too_many_rows()
        cells = [_from_cell(cell) for cell in row[:MAX_COLUMNS]]
        if any(cells):
            kept.append(cells)
            if len(kept) > MAX_ROWS + 1:  # the headings, then MAX_ROWS answers
                raise _too_many_rows()
    return kept


def _xlsx_rows(upload) -> list[list[str]]:
    """An XLSX is a zip that openpyxl inflates: its directory and declared sizes are
    checked before openpyxl opens it (zipfile never inflates an entry past its declared
    size), then rows and columns are read up to the import's own limits."""
    # Imported here, not at module level: openpyxl is heavy and only a moderator's XLSX
    # import needs it, while the admin loads this module at every start.
    from openpyxl import load_workbook

    unreadable = ValueError(_("Ce fichier XLSX est illisible."))
    try:
        with open_zip(upload, XLSX_LIMITS):
            pass
    except UnsafeUpload as error:
        raise unreadable from error
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return _kept_rows(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
        finally:
            book.close()
    except TooManyRows:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise unreadable from error


def _csv_rows(upload) -> list[list[str]]:
    upload.seek(0)
    raw = upload.read(MAX_BYTES + 1)  # the size was checked; never more than the limit
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return _kept_rows(csv.reader(io.StringIO(text), delimiter=delimiter))


def read_rows(upload) -> list[dict]:
    """The rows of a CSV or XLSX file as {heading: text}; a French ValueError otherwise."""
    name = (upload.name or "").lower()
    if upload.size > MAX_BYTES:
        raise ValueError(_("Le fichier dépasse 5 Mo."))
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(upload)
    elif name.endswith(".csv"):
        rows = _csv_rows(upload)
    else:
        raise ValueError(_("Choisissez un fichier CSV ou XLSX."))
    if not rows:
        raise ValueError(_("Le fichier est vide."))
    headings, *data = rows
    if len(data) > MAX_ROWS:
        raise _too_many_rows()
    return [dict(zip(headings, row, strict=False)) for row in data]


def import_answers(call, rows: list[dict], user=None) -> tuple[int, list[str]]:
    """(created, errors). With any error, nothing is stored."""
    errors = []
    forms_ok = []
    for number, row in enumerate(rows, start=2):  # line 1 holds the headings
        data = {}
        for heading, value in row.items():
            field = IMPORT_FIELDS.get(str(heading or "").strip().casefold())
            if field:
                data[field] = value
        if "actor_kind" in data:
            data["actor_kind"] = _actor_value(data["actor_kind"])
        form = ImportedAnswerForm(data)
        if form.is_valid():
            forms_ok.append(form)
            continue
        for field, messages in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for message in messages:
                errors.append(
                    _("Ligne %(line)d, %(field)s : %(message)s")
                    % {"line": number, "field": label, "message": message}
                )
    if errors:
        return 0, errors
    now = timezone.now()
    with transaction.atomic():
        for form in forms_ok:
            answer = form.save(commit=False)
            answer.call = call
            answer.source = AnswerSource.IMPORT
            answer.submitted_at = now
            # Collected on paper or at a meeting: the team says when to write to them.
            answer.notify_contact = False
            answer.save()
    return len(forms_ok), []
