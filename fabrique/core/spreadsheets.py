"""Spreadsheet exports that never run what a stranger wrote.

Public forms feed the admin's listings, and the listings export to CSV and XLSX. A cell
that starts with ``=``, ``+``, ``-`` or ``@`` is read as a formula by Excel and
LibreOffice (``=HYPERLINK(…)`` sends data away when clicked), and so is one starting with
a tab or a carriage return followed by one of them. Every text cell of every export is
written with a leading apostrophe in those cases, which spreadsheets show as text.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A cell starting like a formula is shown as text by spreadsheets, never run."""
    value = "" if value is None else str(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For an admin listing with ``list_export``: every text cell, whatever its column,
    goes through ``neutralise_formula`` after Wagtail's own preparation (dates and
    numbers stay dates and numbers)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str):
            return neutralise_formula(value)
        return value
