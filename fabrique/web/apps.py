from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """Request plumbing: middleware, security headers, redirects, media, uploads. No models.

    It is the first layer: it imports no other package of the project, so any of them may
    rely on it (docs/architecture.md, « Couches »).
    """

    name = "fabrique.web"
    label = "web"
    verbose_name = _("Requêtes et réponses")

    def ready(self):
        from fabrique.web.redirects import install as install_redirect_policy

        install_redirect_policy()
