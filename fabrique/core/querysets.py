"""The page queryset every page type of the site uses: Wagtail's, with ``public()`` free.

Wagtail's ``PageQuerySet.private_q()`` reads every view restriction each time it is
called: one query per ``.public()``, so one per listing and per home block. The
restricted paths are known for the whole publication generation (``core/frame.py``),
so the same condition is built from memory. Only ``private_q`` is overridden: Wagtail's
``public()``, ``not_public()`` and ``private()`` all call it. ``tests/core/test_frame.py``
fails if an upgrade makes ``public()`` stop calling it.
"""

from django.db.models import Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from fabrique.core.frame import get_frame


def private_q() -> Q:
    """Pages in a restricted section (the restricted page and its descendants)."""
    condition = Q()
    for path in get_frame().restricted_paths:
        condition |= Q(path__startswith=path)
    return condition if condition else Q(pk__in=[])


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        return private_q()


# A subclass of Wagtail's manager, which Wagtail checks every page type's ``objects`` against.
SitePageManager = PageManager.from_queryset(SitePageQuerySet)
