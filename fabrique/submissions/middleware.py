"""A public form's body a little over the limit comes back cut, with the form, not a 400.

Django refuses a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB) the first time anything
reads ``request.POST``, and the CSRF middleware does that before any view runs: the person
gets Django's English "Bad Request (400)" and loses everything they wrote. A subclass of
this middleware, placed before ``CsrfViewMiddleware``, names the form paths it guards
(``form_paths``); for a urlencoded POST to one of them a little over the limit it keeps the
first ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes (the CSRF token and the short fields come first,
so they stay whole), reads and drops the rest so the browser receives the answer, and marks
the request (``BODY_CUT_ATTRIBUTE``) so the view says what happened in French and shows the
text cut at the limit. Bodies larger than ``FABRIQUE_FORM_OVERSIZE_FACTOR`` times the limit
(4 by default, 10 MB) are left to Django's refusal.
"""

from io import BytesIO
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

BODY_CUT_ATTRIBUTE = "testimony_body_cut"
DRAIN_CHUNK = 64 * 1024


def cut_body(raw: bytes) -> bytes:
    """Re-encode the complete fields of a body cut anywhere (even inside an escape or a
    multi-byte character): the last field keeps what arrived, nothing invented."""
    text = raw.decode("ascii", errors="ignore")
    if "%" in text[-2:]:
        text = text[: text.rindex("%", len(text) - 2)]
    pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="ignore")
    return urlencode(pairs).encode("ascii")


class OversizedFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def form_paths(self) -> list[str]:
        """The paths of the forms this middleware guards (override)."""
        return []

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        factor = int(getattr(settings, "FABRIQUE_FORM_OVERSIZE_FACTOR", 4))
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if (
            request.method == "POST"
            and limit is not None
            and limit < length <= limit * factor
            and request.content_type == "application/x-www-form-urlencoded"
            and request.path_info in self.form_paths()
        ):
            raw = request.read(limit)
            remaining = length - len(raw)
            while remaining > 0:
                chunk = request.read(min(DRAIN_CHUNK, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
            body = cut_body(raw)
            request._body = body
            request._stream = BytesIO(body)
            setattr(request, BODY_CUT_ATTRIBUTE, True)
        return self.get_response(request)
