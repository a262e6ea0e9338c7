"""The Événements section as declared to ``fabrique.core.sections`` (index, demo, home
block), and its « En direct » banner declared to ``fabrique.core.banners``."""

from django.utils.translation import gettext_lazy as _

from fabrique.core.banners import register_banner
from fabrique.core.feeds import ICAL, FeedLink, register_feeds
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


def feeds(request) -> list[FeedLink]:
    """The agenda as a calendar to subscribe to (one query)."""
    from .models import EventIndexPage

    index = EventIndexPage.objects.live().public().first()
    if index is None:
        return []
    base = index.get_url(request)
    return [
        FeedLink(
            title=_("Agenda des événements (iCalendar)"),
            url=base + index.reverse_subpage("calendar"),
            kind=ICAL,
            group=_("Événements"),
            description=_(
                "Nos événements à venir et ceux de l'année écoulée, dans votre agenda ; "
                "une annulation y apparaît d'elle-même."
            ),
            scope=base,
            on_home=True,
        )
    ]


register_feeds("events", "events.sections.feeds")

register_banner("events-live", "events.banner.render")

# What the site's search lists of this section, under which label (fabrique/search/kinds.py).
register_search_kind(
    SearchKind(key="evenements", label=_("Événements"), page_models=("events.EventPage",), order=50)
)
