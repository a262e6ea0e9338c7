"""The one way a page answers at addresses below its own: Wagtail's ``RoutablePageMixin``.

A page type declares each extra address as a method decorated with ``@path`` or
``@re_path`` (``wagtail.contrib.routable_page.models``), so Wagtail serves it, reverses it
(``reverse_subpage``) and previews it; no page overrides ``route()`` and no URL pattern in
``urls.py`` points at a page.

When the code behind a route is a view of the app's ``views.py`` (forms, sessions,
e-mail), the model must not import it: views import models, never the other way round.
Such a page extends ``RoutableViewsMixin``; its route methods stay thin
(``return self.serve_route("thanks", request)``) and ``views.py``, imported by the app's
``ready()``, fills the page type's ``route_views`` by name.
"""

from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from fabrique.core import generation


class RoutableViewsMixin(RoutablePageMixin):
    """A routable page whose routes hand over to views registered by name."""

    # Filled by the app's views.py: {route name: view(request, page, *args)}.
    route_views: dict

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Each page type its own registry, so two apps never share one dictionary.
        if "route_views" not in vars(cls):
            cls.route_views = {}

    def serve_route(self, name: str, request, *args):
        # A subclass answers with its own view for a route, else with its parent's: views
        # are registered when the apps are ready, after every class was made.
        for klass in type(self).__mro__:
            view = vars(klass).get("route_views", {}).get(name)
            if view is not None:
                return view(request, self, *args)
        raise LookupError(f"{type(self).__name__}: aucune vue pour la route « {name} »")


def route_in_one_query(root, request, path_components):
    """Wagtail's routing below ``root``, with every page on the way read in one query.

    Wagtail's ``Page.route`` reads one child per path component, then its specific row:
    two queries per level. Here every ancestor is found by its ``url_path`` at once and
    only the page that answers is made specific. The answer is Wagtail's: each routable
    page on the way keeps precedence over its children for the addresses it declares
    (``RoutablePageMixin.route``), and the last page routes what remains (a live check,
    its own sub-addresses, or a 404). The pages found become each other's cached parents,
    so breadcrumbs and ``get_parent()`` cost nothing more.
    """
    if not path_components:
        return None
    prefixes, url_path = [], root.url_path
    for component in path_components:
        url_path += f"{component}/"
        prefixes.append(url_path)
    found = list(
        Page.objects.filter(url_path__in=prefixes, path__startswith=root.path).order_by("depth")
    )
    chain, parent = [], root
    for depth, page in enumerate(found):
        if page.url_path != prefixes[depth] or page.depth != root.depth + depth + 1:
            break
        page._cached_parent_obj = parent
        chain.append(page)
        parent = page
        if _answers_below(page, path_components[depth + 1 :]):
            break
    if not chain:
        raise Http404
    answering = _specific(chain[-1])
    parent = chain[-1]._cached_parent_obj
    if parent is not root:
        # A section's index page, the same for all its pages: kept for the generation.
        parent = generation.memo(f"fabrique:route-parent:{parent.pk}", lambda: parent.specific)
    answering._cached_parent_obj = parent
    answering.route_ancestors = [root, *chain[:-1]]
    return answering.route(request, path_components[len(chain) :])


def _specific(page):
    """The page as its own type, with what its template shows (``get_route_queryset``)."""
    page_class = page.specific_class
    if page_class is None or not hasattr(page_class, "get_route_queryset"):
        return page.specific
    found = page_class.get_route_queryset().filter(pk=page.pk).first()
    return found if found is not None else page.specific


def _answers_below(page, remaining) -> bool:
    """True when ``page`` is a live routable page that declares the ``remaining`` address."""
    page_class = page.specific_class
    if not remaining or not page.live or not issubclass(page_class, RoutablePageMixin):
        return False
    try:
        page_class.get_resolver().resolve("/" + "/".join(remaining) + "/")
    except Resolver404:
        return False
    return True
