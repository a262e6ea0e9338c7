"""The Événements section as declared to ``fabrique.core.sections``.

No home block and no demo content yet: the index page says the section arrives soon.
"""

from django.utils.translation import gettext_lazy as _

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
    )
)
