"""Site-wide banners that content apps register, as sections are registered.

A banner is a message shown on every page for a while (the « En direct » of a live
broadcast, for instance). ``fabrique/`` knows none of them: an app calls
``register_banner()`` from its ``sections.py`` with the dotted path of a
``render(request) -> str`` callable, and ``templates/base.html`` renders whatever is
registered with ``{% site_banners %}``. A banner returns "" when it has nothing to say.
"""

from django.utils.module_loading import import_string

_registry: dict[str, str] = {}


def register_banner(key: str, render: str) -> None:
    """Declare (or replace) a banner by the dotted path of its ``render(request)``."""
    _registry[key] = render


def render_banners(request) -> str:
    """Every registered banner's HTML, in registration order (empty ones left out)."""
    return "".join(import_string(path)(request) or "" for path in _registry.values())
