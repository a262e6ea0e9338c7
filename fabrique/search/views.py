"""The search page: one result list over every registered kind, ranked together.

The query goes through the one cleaner of every search box (``clean_search_query``), then
through the same normalisation as the indexed text (``fabrique/search/text.py``). Pages
(live and public) and the other kinds (published testimonies) are each searched by the
backend, their scores merged, and the list paginated. A reader's GET writes nothing: no
search statistics, no promotion hit counts.
"""

import datetime
import logging
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, PlainText

from fabrique.search.kinds import get_search_kind, get_search_kinds, kind_of_page_model
from fabrique.search.text import highlight, query_terms
from fabrique.web.querystring import clean_filter_value, clean_search_query

logger = logging.getLogger(__name__)

SEARCH_PAGE_SIZE = 10
# The best results of each search (pages, then each other kind) merged into the list.
RESULTS_PER_SEARCH = 100


def unavailable_errors() -> tuple[type[BaseException], ...]:
    """What a search backend raises when it cannot be reached (a connection, a timeout).

    The database's own errors are the outage middleware's (a 503 too). Elasticsearch's
    client is optional: its errors are added when it is installed.
    """
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError]
    try:
        from elastic_transport import TransportError

        errors.append(TransportError)
    except ImportError:
        pass
    try:
        from elasticsearch import ApiError

        errors.append(ApiError)
    except ImportError:
        pass
    return tuple(errors)


@dataclass
class Result:
    """One line of the list, whatever its kind."""

    obj: object
    score: float
    kind: str = ""
    url: str = ""
    title: str = ""
    excerpt: str = ""
    date: datetime.date | None = None


def backend_query(terms: list[tuple[str, ...]]):
    """Every term must match; a term in inclusive writing matches by any of its forms."""
    parts = [PlainText(" ".join(forms), operator="or") for forms in terms]
    return parts[0] if len(parts) == 1 else And(parts)


def _scored(results) -> list[Result]:
    return [Result(obj=obj, score=float(getattr(obj, "_score", 0) or 0)) for obj in results]


def find(query, kind) -> list[Result]:
    """Every match over the chosen kind (or all), best first."""
    backend = get_search_backend()
    found: list[Result] = []
    if kind is None or kind.page_models:
        pages = Page.objects.live().public().exclude(depth__lte=1)
        if kind is not None:
            pages = pages.type(*kind.get_page_models())
        found += _scored(
            backend.search(query, pages.specific()).annotate_score("_score")[:RESULTS_PER_SEARCH]
        )
    for other in [kind] if kind is not None else get_search_kinds():
        queryset = other.get_queryset()
        if queryset is not None:
            hits = _scored(
                backend.search(query, queryset).annotate_score("_score")[:RESULTS_PER_SEARCH]
            )
            for hit in hits:
                hit.kind = str(other.label)
            found += hits
    # Scores of one backend compare across models (same formula over the same index
    # table); on SQLite, FTS5's bm25 is lower for better matches.
    reverse = not _lower_is_better()
    return sorted(found, key=lambda result: result.score, reverse=reverse)


def _lower_is_better() -> bool:
    from django.conf import settings
    from django.db import connection

    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return connection.vendor == "sqlite" and "elasticsearch" not in backend


def readable_text(obj) -> str:
    """The plain text readers see of an object: its own search fields but the title."""
    texts = []
    for field in type(obj).search_fields:
        if type(field) is not index.SearchField or field.field_name == "title":
            continue
        value = index.SearchField.get_value(field, obj)
        if isinstance(value, list | tuple):
            value = " ".join(str(item) for item in value if item)
        if value:
            texts.append(str(value))
    return " ".join(texts)


def describe(result: Result, terms, request=None) -> Result:
    """Title, address, kind label, date and the highlighted passage of one result."""
    obj = result.obj
    if isinstance(obj, Page):
        known = kind_of_page_model(type(obj))
        result.kind = str(known.label) if known else _("Pages")
        result.url = obj.get_url(request)
        content_date = getattr(obj, "get_content_date", None)
        result.date = content_date() if content_date else None
    else:
        result.url = obj.get_url()
        result.date = getattr(obj, "published_at", None)
    if isinstance(result.date, datetime.datetime):
        result.date = result.date.date()
    result.title = obj.title
    result.excerpt = highlight(readable_text(obj), terms)
    return result


@require_safe
def search(request):
    """The search page (``/recherche/``); a French 503 when the search backend is away."""
    query = clean_search_query(request.GET.get("q"))
    kinds = get_search_kinds()
    kind = get_search_kind(clean_filter_value(request.GET.get("type")))
    context = {"query": query, "results": None, "kinds": kinds, "kind": kind}
    terms = query_terms(query) if query else []
    if terms:
        try:
            found = find(backend_query(terms), kind)
            results = Paginator(found, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
            for result in results.object_list:
                describe(result, terms, request)
        except unavailable_errors():
            logger.warning("search backend unavailable", exc_info=True)
            return render(request, "search/unavailable.html", {"query": query}, status=503)
        context["results"] = results
    return render(request, "search/search.html", context)
