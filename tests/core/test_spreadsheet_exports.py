"""Every admin listing that exports to CSV or XLSX writes its text cells as text.

A stranger's text reaches the exports through the public forms; one listing exporting
without ``FormulaSafeExportMixin`` would let a cell starting with ``=`` run in the
moderator's spreadsheet. A new export fails here until it uses the mixin.
"""

import pytest
from wagtail.snippets.models import get_snippet_models

from fabrique.core.spreadsheets import FormulaSafeExportMixin, neutralise_formula


def test_every_export_neutralises_formulas():
    exporting = []
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        # Built as the viewset builds it (Wagtail drops the options a viewset leaves unset).
        view_func = viewset.construct_view(
            viewset.index_view_class, **viewset.get_index_view_kwargs()
        )
        view = view_func.view_class(**view_func.view_initkwargs)
        if view.list_export:
            exporting.append(model._meta.label)
            assert isinstance(view, FormulaSafeExportMixin), model._meta.label
    assert exporting, "no listing exports: the check checks nothing"


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
