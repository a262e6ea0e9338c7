"""The Événements section as declared to ``fabrique.core.sections`` (index, demo, home
block), and its « En direct » banner declared to ``fabrique.core.banners``."""

from django.utils.translation import gettext_lazy as _

from fabrique.core.banners import register_banner
from fabrique.core.sections import Section, register_section

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
