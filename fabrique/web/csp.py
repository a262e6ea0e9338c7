"""The Content-Security-Policy header: the public site's strict policy, the admin's own.

django-csp's middleware sends ``CONTENT_SECURITY_POLICY`` (settings/base.py). The Wagtail
admin, and the previews it frames, need inline scripts and styles and to be framed by the
admin itself: under ``FABRIQUE_ADMIN_PATH_PREFIX`` the policy is
``FABRIQUE_ADMIN_CONTENT_SECURITY_POLICY`` instead. A public page never gets the looser one.

A preview is the public page rendered by Wagtail through a dummy request
(``request.is_dummy``) with the page's own path: it keeps the public policy, so an editor
sees what readers will, except that the admin may frame it (``frame-ancestors 'self'``).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        prefix = getattr(settings, "FABRIQUE_ADMIN_PATH_PREFIX", "/admin/")
        if not report_only and parts.config is None and request.path_info.startswith(prefix):
            parts.config = dict(settings.FABRIQUE_ADMIN_CONTENT_SECURITY_POLICY)
        elif getattr(request, "is_dummy", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts
