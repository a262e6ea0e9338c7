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

from wagtail.contrib.routable_page.models import RoutablePageMixin


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
