"""The calls section as declared to ``fabrique.core.sections`` (index, demo, home block)."""

from django.utils.translation import gettext_lazy as _

from fabrique.core.sections import Section, register_section

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
