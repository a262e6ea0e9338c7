"""Every admin listing that exports to CSV or XLSX writes its text cells as text.

A stranger's text reaches the exports through the public forms; one listing exporting
without ``FormulaSafeExportMixin`` would let a cell starting with ``=`` run in the
moderator's spreadsheet. A new export fails here until it uses the mixin.
"""

import pytest
from wagtail.snippets.models import get_snippet_models

from fabrique.core.spreadsheets import FormulaSafeExportMixin, neutralise_formula


def test_every_export_neutralises_formulas():
    exporting = [
        model
        for model in get_snippet_models()
        if getattr(model.snippet_viewset, "list_export", None)
    ]
    assert exporting, "no listing exports: the check checks nothing"
    for model in exporting:
        view_class = model.snippet_viewset.index_view_class
        assert issubclass(view_class, FormulaSafeExportMixin), model._meta.label


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+33 6", "'+33 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Maison de santé", "Maison de santé"),
        ("a=1", "a=1"),
        (None, ""),
    ],
)
def test_neutralise_formula(value, written):
    assert neutralise_formula(value) == written
