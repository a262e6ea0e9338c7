"""The administration's search boxes go through the site's one query cleaner.

Wagtail's admin reads ``q`` in many places (page search, snippet and image listings,
choosers), each with its own form. Rather than override each, this middleware replaces
``q`` in the query string of every administration request with
``clean_search_query(q)`` before any view reads it: the same normalisation, the same
bounds (10 terms, 200 characters) and the same characters as the public search.

One exception: the accounts listing (``/admin/users/``), where administrators look an
account up by its e-mail address, whose ``@`` and dots the cleaner would drop; Wagtail's
user search filters with ``icontains``, no full-text query, so no backend ever sees it.
"""

from django.urls import reverse

from fabrique.web.querystring import clean_search_query


class AdminSearchQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._prefix = None

    def admin_prefix(self) -> str:
        if self._prefix is None:
            self._prefix = reverse("wagtailadmin_home")
        return self._prefix

    def __call__(self, request):
        prefix = self.admin_prefix()
        if (
            "q" in request.GET
            and request.path.startswith(prefix)
            and not request.path.startswith(f"{prefix}users/")
        ):
            cleaned = request.GET.copy()
            cleaned.setlist("q", [clean_search_query(value) for value in request.GET.getlist("q")])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
