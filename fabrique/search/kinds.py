"""The registry of the kinds of content the search lists (« registration, not lists »).

``fabrique/`` never imports a content app: each app registers its kinds from its
``sections.py`` (imported at start-up by ``CoreConfig.ready()``). A kind is either a set
of page models (« Articles » is ``articles.ArticlePage``), searched among the live public
pages, or a model that is not a page (« Témoignages »), searched through the queryset its
app says is public. Models and querysets are given as strings, resolved when searching.

Each kind has a ``key`` readers see in the address (``?type=articles``) and a French
``label`` shown on each result and in the filter.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string

_registry: dict[str, "SearchKind"] = {}


@dataclass(frozen=True)
class SearchKind:
    """One kind of result.

    - ``key``: the value of ``?type=``, ASCII, stable.
    - ``label``: its French name in the filter and on each result (plural: « Articles »).
    - ``page_models``: ``"app_label.ModelName"`` of the page types it covers.
    - ``queryset``: for content that is not a page, dotted path of a callable returning
      the public objects to search (published, redacted: only what readers may read).
      Their model must be indexed (``index.Indexed``) and have ``get_url()``.
    - ``order``: position in the filter (lower comes first).
    """

    key: str
    label: str
    page_models: tuple[str, ...] = field(default_factory=tuple)
    queryset: str = ""
    order: int = 100

    def get_page_models(self) -> list[type]:
        return [apps.get_model(name) for name in self.page_models]

    def get_queryset(self):
        return import_string(self.queryset)() if self.queryset else None


def register_search_kind(kind: SearchKind) -> SearchKind:
    """Declare (or replace) a kind of result."""
    _registry[kind.key] = kind
    return kind


def unregister_search_kind(key: str) -> None:
    _registry.pop(key, None)


def get_search_kinds() -> list[SearchKind]:
    """Every registered kind, in the filter's order."""
    return sorted(_registry.values(), key=lambda kind: (kind.order, kind.key))


def get_search_kind(key: str) -> SearchKind | None:
    return _registry.get(key)


def kind_of_page_model(model: type) -> SearchKind | None:
    """The kind a page type belongs to, if any registered it."""
    label = model._meta.label
    for kind in _registry.values():
        if label in kind.page_models:
            return kind
    return None
