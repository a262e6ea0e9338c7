"""The Vidéos section as declared to ``fabrique.core.sections`` (index, demo, home block)."""

from django.utils.translation import gettext_lazy as _

from fabrique.core.sections import Section, register_section

register_section(
    Section(
        key="videos",
        label=_("Vidéos"),
        index_factory="videos.factories.VideoIndexPageFactory",
        title="Vidéos",
        slug="videos",
        intro="<p>Les replays de nos émissions en direct et nos entretiens.</p>",
        menu_order=10,
        demo="videos.demo.seed",
        home="videos.templatetags.videos_home.render_home",
    )
)
