"""French plurals through the project's catalogue: 0 and 1 take the singular.

Without the catalogue, gettext falls back to the English rule (n != 1) and writes
« 0 points » ; ``locale/fr`` (``make messages``) carries French's Plural-Forms.
"""

import pytest
from django.utils import translation
from django.utils.translation import ngettext

SINGULAR = "Avant de publier, %(count)d point à vérifier :"
PLURAL = "Avant de publier, %(count)d points à vérifier :"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 point à"), (1, "1 point à"), (2, "2 points à"), (10, "10 points à")],
)
def test_zero_and_one_take_the_singular(count, expected):
    with translation.override("fr"):
        assert expected in ngettext(SINGULAR, PLURAL, count) % {"count": count}
