"""The Podcasts section as declared to ``fabrique.core.sections``.

No home block and no demo content yet: the index page says the section arrives soon.
"""

from django.utils.translation import gettext_lazy as _

from fabrique.core.sections import Section, register_section

register_section(
    Section(
        key="podcasts",
        label=_("Podcasts"),
        index_factory="podcasts.factories.PodcastIndexPageFactory",
        title="Podcasts",
        slug="podcasts",
        intro="<p>Nos émissions à écouter, où vous voulez, quand vous voulez.</p>",
        menu_order=30,
    )
)
