"""The dossiers section as declared to ``fabrique.core.sections`` (index, demo, home block)."""

from django.utils.translation import gettext_lazy as _

from fabrique.core.sections import Section, register_section

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
