"""A story too long for one request comes back cut, with the form, instead of a bare 400.

The shared ``fabrique.submissions.middleware.OversizedFormMiddleware`` does the work; this
subclass names the testimony form's path. It stays at this dotted path in ``MIDDLEWARE``.
"""

from fabrique.submissions.middleware import (  # noqa: F401  (kept importable from here)
    BODY_CUT_ATTRIBUTE,
    OversizedFormMiddleware,
)

from .models import TestimonyIndexPage


def _form_path() -> str | None:
    page = TestimonyIndexPage.objects.live().first()
    if page is None:
        return None
    return page.url + page.reverse_subpage("form")


class OversizedStoryMiddleware(OversizedFormMiddleware):
    def form_paths(self) -> list[str]:
        path = _form_path()
        return [path] if path else []
