"""The Événements section as declared to ``fabrique.core.sections`` (index, demo, home
block), and its « En direct » banner declared to ``fabrique.core.banners``."""

from django.utils.translation import gettext_lazy as _

from fabrique.core.banners import register_banner
from fabrique.core.sections import Section, register_section
from fabrique.search.kinds import SearchKind, register_search_kind

register_section(
    Section(
        key="events",
        label=_("Événements"),
        index_factory="events.factories.EventIndexPageFactory",
        title="Événements",
        slug="evenements",
        intro="<p>Nos directs, rencontres et conférences, en ligne ou près de chez vous.</p>",
        menu_order=50,
        demo="events.demo.seed",
        home="events.templatetags.events_home.render_home",
    )
)

register_banner("events-live", "events.banner.render")

# What the site's search lists of this section, under which label (fabrique/search/kinds.py).
register_search_kind(
    SearchKind(key="evenements", label=_("Événements"), page_models=("events.EventPage",), order=50)
)
