"""The calls section as declared to ``fabrique.core.sections`` (index, demo, home block)."""

from django.utils.translation import gettext_lazy as _

from fabrique.core.sections import Section, register_section
from fabrique.search.kinds import SearchKind, register_search_kind

register_section(
    Section(
        key="contributions",
        label=_("Appels à contributions"),
        index_factory="contributions.factories.CallIndexPageFactory",
        title="Appels à contributions",
        slug="appels-a-contributions",
        intro=(
            "<p>Associations, centres de santé, collectivités : partagez vos actions locales. "
            "Les actions retenues sont publiées sous forme d'Inspir'actions.</p>"
        ),
        menu_order=70,
        demo="contributions.demo.seed",
        home="contributions.templatetags.contributions_home.render_home",
    )
)

# What the site's search lists of this section, under which label (fabrique/search/kinds.py).
register_search_kind(
    SearchKind(key="appels", label=_("Appels"), page_models=("contributions.CallPage",), order=60)
)
register_search_kind(
    SearchKind(
        key="inspir-actions",
        label=_("Inspir'actions"),
        page_models=("contributions.InspirActionPage",),
        order=65,
    )
)
