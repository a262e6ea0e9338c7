"""The Vidéos section as declared to ``fabrique.core.sections`` (index, demo, home block)."""

from django.utils.translation import gettext_lazy as _

from fabrique.core.sections import Section, register_section
from fabrique.search.kinds import SearchKind, register_search_kind

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

# What the site's search lists of this section, under which label (fabrique/search/kinds.py).
register_search_kind(
    SearchKind(key="videos", label=_("Vidéos"), page_models=("videos.VideoPage",), order=20)
)
