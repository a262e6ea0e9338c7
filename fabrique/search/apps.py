from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The site's search: one result list over every registered kind of content.

    Second layer, right after ``fabrique.web``: the shared pages (``fabrique.core``) index
    their text through it, and the content apps register their kinds with it
    (``fabrique/search/kinds.py``); it imports none of them. Its migration prepares
    PostgreSQL's accent-blind French search (docs/search.md).
    """

    name = "fabrique.search"
    label = "fabrique_search"
    verbose_name = _("Recherche")
