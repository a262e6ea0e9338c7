"""The dossiers section as declared to ``fabrique.core.sections`` (index, demo, home block)."""

from django.utils.translation import gettext_lazy as _

from fabrique.core.sections import Section, register_section
from fabrique.search.kinds import SearchKind, register_search_kind

register_section(
    Section(
        key="dossiers",
        label=_("Dossiers"),
        index_factory="dossiers.factories.DossierIndexPageFactory",
        title="Dossiers",
        slug="dossiers",
        intro=(
            "<p>Un sujet, tous nos contenus pour le comprendre : articles, vidéos, podcasts, "
            "témoignages et une bibliographie à citer.</p>"
        ),
        menu_order=60,
        demo="dossiers.demo.seed",
        home="dossiers.templatetags.dossiers_home.render_home",
    )
)

# What the site's search lists of this section, under which label (fabrique/search/kinds.py).
register_search_kind(
    SearchKind(key="dossiers", label=_("Dossiers"), page_models=("dossiers.DossierPage",), order=70)
)
