"""The registry through which each content app declares its section of the site.

``fabrique/`` never imports a content app: an app (articles, videos, testimonies…)
calls ``register_section()`` from its own ``sections.py``, which Django imports at
start-up (``CoreConfig.ready()`` autodiscovers that module in every installed app).
The demo seeder builds each registered section's index page and runs its demo loader,
and the home page renders each registered home block, so adding an app changes no
file here.

Callables are given as dotted paths and imported only when used: registering a
section at start-up loads no factory, demo text or template code.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules, import_string

_registry: dict[str, "Section"] = {}


@dataclass(frozen=True)
class Section:
    """One section of the site, as its app declares it.

    - ``key``: stable identifier stored by the home page's section order (the app label).
    - ``label``: what editors read when they order the home page's sections.
    - ``index_factory``: dotted path of the factory building the section's index page in
      the demo; ``title``, ``slug`` and ``intro`` are that page's demo values.
    - ``menu_order``: position of the index page in the demo's menu (lower comes first).
    - ``demo``: dotted path of ``seed(context)``, the app's demo content (optional).
    - ``home``: dotted path of ``render(request, page) -> str``, the app's home block
      (optional); it returns "" when it has nothing to show.

    A section's feeds are declared apart, to ``fabrique.core.feeds.register_feeds()``.
    """

    key: str
    label: str
    index_factory: str
    title: str
    slug: str
    intro: str = ""
    menu_order: int = 100
    demo: str = ""
    home: str = ""

    def load(self, attribute: str) -> Callable | None:
        path = getattr(self, attribute)
        return import_string(path) if path else None

    def render_home(self, request, page) -> str:
        render = self.load("home")
        return render(request, page) if render else ""


def register_section(section: Section) -> Section:
    """Declare (or replace) a section; registration order is the home page's default order."""
    _registry[section.key] = section
    return section


def unregister_section(key: str) -> None:
    _registry.pop(key, None)


def get_sections() -> list[Section]:
    """Every registered section, in registration order."""
    return list(_registry.values())


def get_section(key: str) -> Section | None:
    return _registry.get(key)


def section_choices() -> list[tuple[str, str]]:
    """Choices for the home page's section order: whatever is registered right now."""
    return [(section.key, section.label) for section in _registry.values()]


def autodiscover() -> None:
    autodiscover_modules("sections")
