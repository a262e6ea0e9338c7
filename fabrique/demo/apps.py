from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demonstration site: the page tree every content app's section hangs on, and its seed.

    It stands right of the shared pages (home, standard) because it builds them; content apps
    bring their own demo content through their section (docs/architecture.md).
    """

    name = "fabrique.demo"
    label = "demo"
    verbose_name = _("Démonstration")
