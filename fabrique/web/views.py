"""Site-wide views that are not pages: robots.txt, health check, error pages.

The search page lives with the search (fabrique/search/views.py)."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from fabrique.web.database_deadline import database_deadline
from fabrique.web.middleware import (
    RETRY_AFTER_SECONDS,
    bad_request_response,
    database_error_in,
    outage_response,
)
from fabrique.web.site_url import public_url


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /recherche/",
        # The sitemap's own address is the site's public one, as every link it lists.
        f"Sitemap: {public_url(reverse('sitemap'), request=request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def healthz(request):
    """For the load balancer: 200 when the database answers, 503 (not 500) when it does not.

    With a deadline of its own (``DATABASE_HEALTHZ_TIMEOUT``), shorter than the pages': a
    probe expects its answer quickly, and a database that hangs must read as down.
    """
    try:
        with database_deadline(settings.DATABASE_HEALTHZ_TIMEOUT), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        response = JsonResponse({"status": "database unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok"})


def bad_request(request, exception=None):
    """handler400: a French page instead of Django's English one."""
    return bad_request_response(too_large=isinstance(exception, RequestDataTooBig))


def server_error(request):
    """handler500: a lost database raised outside a view still answers 503, not 500."""
    if database_error_in(sys.exc_info()[1]):
        return outage_response(request)
    return HttpResponseServerError(render_to_string("500.html"))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: French, says how to keep what was typed; makes no query."""
    content = render_to_string("403_csrf.html", {"static_url": settings.STATIC_URL})
    return HttpResponseForbidden(content)


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a French page that says for how long.

    429, so that tools and proxies read it as throttling; the page names neither the
    account nor the address, and points to the password reset.
    """
    cool_off = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "axes/lockout.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0,
        },
        status=429,
    )
