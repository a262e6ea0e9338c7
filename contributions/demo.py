"""Demo content: the seed's call (closed, text as published), an open call, three
Inspir'actions on access to care.

The seed call's context, notes, questions and contact are those of Fabrique Territoires
Santé's call (``shared/seeds/fabrique-territoires-sante-appel-contributions.txt``). The open
call and the three Inspir'actions are invented for the demo: no real structure is named.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from fabrique.core.models import Theme
from fabrique.demo.site import child_by_slug, publish

from .choices import ActorKind
from .factories import CallPageFactory, InspirActionIndexPageFactory, InspirActionPageFactory
from .models import CallNote, CallQuestion

PARIS = ZoneInfo("Europe/Paris")

SEED_CONTEXT = (
    "<p>La santé est une préoccupation majeure, après le logement/cadre de vie et l'emploi, "
    'pour les habitant-es des quartiers populaires<a href="#note-1">¹</a> et également des '
    'territoires ruraux<a href="#note-2">²</a>. La question de l\'accès aux soins se pose avec '
    "force : déserts médicaux, difficultés à trouver un médecin traitant, délais d'attente pour "
    "obtenir un rendez-vous, coût de la santé, etc. Face à ces difficultés, de nombreuses "
    "personnes se retrouvent dans des situations de non-recours et de renoncement aux soins, qui "
    "ont des effets délétères sur la santé. Leur droit à la santé est compromis"
    '<a href="#note-3">³</a>.</p>'
    "<p>L'accès aux droits et aux soins et l'accès à la prévention sont des déterminants majeurs "
    "de la santé. Il s'agit donc là d'un enjeu fort de lutte contre les inégalités sociales et "
    "territoriales de santé.</p>"
    "<p>Cette problématique de l'accès aux soins prend place dans un contexte d'évolution des "
    "pratiques, attentes et motivations des professionnel·les de soin (modes d'organisation, "
    "temps de travail, développement de la télémédecine, etc.).</p>"
    "<p>Fabrique Territoires Santé recherche des exemples de dynamiques/processus et d'actions "
    "locales, en préparation d'un Dossier ressources à paraître, destiné aux acteur·rices "
    "impliqué·es dans des dynamiques territoriales de santé.</p>"
    "<p>Votre action pourra être valorisée sous la forme d'une Inspir'action et être publiée "
    "sur notre site.</p>"
)

SEED_NOTES = [
    (
        "Cf. Le Manifeste de la coordination Pas Sans Nous, résultat d'un tour de France des "
        "quartiers populaires",
        "https://passansnous.org/wp-content/uploads/2022/03/"
        "Manifeste-NQOG-synthe%CC%80se-du-12-mars-3.pdf",
    ),
    ("", "https://drees.solidarites-sante.gouv.fr/sites/default/files/2021-09/ER1206.pdf"),
    (
        "Selon l'OMS « Le droit à la santé comprend l'accès, en temps utile, à des soins de "
        "santé acceptables, d'une qualité satisfaisante et d'un coût abordable »",
        "https://www.who.int/fr/news-room/fact-sheets/detail/human-rights-and-health",
    ),
]

SEED_QUESTIONS = [
    "Quel travail d'animation, de coordination, de plaidoyer mettez-vous en place et avec "
    "quel·les acteur·trices (associations, collectifs d'habitant-es, Maison de santé "
    "pluriprofessionnelle (MSP), Centre municipal de santé (CMS), Communauté professionnelle "
    "territoriale de santé (CPTS), etc.) pour améliorer l'accès aux soins ? Si vous êtes une "
    "association, quelles relations avez-vous avec les collectivités territoriales ? Si vous "
    "êtes une collectivité territoriale, quelles relations avez-vous avec les associations et "
    "les institutions (Agence Régionale de Santé (ARS), Caisse primaire d'assurance maladie "
    "(CPAM), etc.) ?",
    "Quel type de dynamiques partenariales développez-vous et à quelle fin (diagnostics "
    "territoriaux/expertise territoriale, déploiement de nouvelles structures de santé, "
    "développement de l'interconnaissance entre acteur-rices, etc.) ?",
    "Quelles actions sont déployées auprès ou avec les habitant-es (littératie, médiation, "
    "accompagnement, etc.) ?",
]

SEED_ORGANISATION_ABOUT = (
    "<p>Fabrique Territoires Santé est une association loi 1901 tête-de-réseau nationale créée "
    "en 2012 (anciennement Plateforme nationale de ressources des Ateliers santé ville). Elle "
    "vise à :</p><ul>"
    "<li><i>soutenir le développement des démarches territoriales de santé (ASV, CLS, CLSM, "
    "etc.), dans une perspective de réduction des inégalités sociales, environnementales et "
    "territoriales de santé ;</i></li>"
    "<li><i>outiller leurs acteur-rices des démarches territoriales de santé, via des "
    "capitalisations thématiques et d'expériences et nos outils de communication ;</i></li>"
    "<li><i>mettre en réseau ces professionnel-les et favoriser les échanges et réflexions lors "
    "de rencontres nationales et régionales.</i></li></ul>"
    "<p>Parmi ses missions, Fabrique Territoires Santé réalise des Dossiers ressources "
    "condensant sur des thématiques de promotion de la santé des ressources bibliographiques, "
    "un état des lieux des enjeux et politiques publiques et une capitalisation d'actions "
    "locales.</p>"
    "<p>Six Dossiers ressources sont déjà parus : dématérialisation et accès aux droits ; "
    "alimentation et territoires ; santé mentale et isolement social ; précarité et "
    "santé-environnement ; école, promotion de la santé et territoires ; transformations "
    "urbaines, habitant-es et santé ; habiter et promotion de la santé.</p>"
    "<p>Fabrique Territoires Santé est soutenue par l'Agence nationale de cohésion des "
    "territoires et la Direction générale de la santé.</p>"
)

SEED_CALL = {
    "title": "Réduire les inégalités sociales et territoriales d'accès aux soins",
    "slug": "reduire-les-inegalites-d-acces-aux-soins",
    "standfirst": "Partagez vos actions locales & réflexions.",
    "context": SEED_CONTEXT,
    # The seed gives no opening day; the deadline is the end of 19 September 2022 in Paris.
    "opens_at": datetime.datetime(2022, 6, 1, 9, 0, tzinfo=PARIS),
    "closes_at": datetime.datetime(2022, 9, 19, 23, 59, 59, tzinfo=PARIS),
    "organisation": "Fabrique Territoires Santé",
    "organisation_about": SEED_ORGANISATION_ABOUT,
    "contact_name": "Romain Talvas",
    "contact_email": "romain.talvas@fabrique-territoires-sante.org",
    "contact_phone": "07 78 13 56 37",
    "form_intro": (
        "<p>Pour partager votre expérience, vous pouvez nous transmettre tout document écrit "
        "utile (un article, une note de travail, etc.) ou compléter cette fiche-type.</p>"
    ),
    "after_close": (
        "<p>Les réponses reçues nourrissent le Dossier ressources à paraître ; les actions "
        "retenues sont publiées sous forme d'Inspir'actions.</p>"
    ),
}

OPEN_CALL = {
    "title": "Aller vers : la santé au plus près des habitant·es",
    "slug": "aller-vers-la-sante",
    "standfirst": (
        "Bus santé, permanences de quartier, médiation : racontez comment vous allez à la "
        "rencontre des personnes éloignées du soin. (Appel fictif de démonstration.)"
    ),
    "context": (
        "<p>Les démarches d'« aller vers » se multiplient. Nous cherchons des exemples "
        'd\'actions locales pour un prochain dossier.<a href="#note-1">¹</a></p>'
    ),
    "organisation": "La Fabrique des Soignants",
    "contact_name": "Équipe éditoriale",
    "contact_email": "contact@example.org",
}

INSPIR_ACTIONS = [
    {
        "title": "Un bus de santé dans les villages du plateau",
        "standfirst": "Une consultation itinérante une fois par semaine dans six communes "
        "sans médecin. (Exemple fictif de démonstration.)",
        "organisation": "Association Santé Plateau",
        "actor_kind": ActorKind.ASSOCIATION,
        "commune": "Felletin",
        "department": "23",
        "partners": "Communauté de communes, infirmières libérales, CPAM",
        "target_public": "Habitant·es âgé·es sans moyen de transport",
        "actions": "<p>Un médecin salarié et une infirmière tiennent consultation dans un bus "
        "aménagé, sur la place de chaque village.</p>",
        "results": "<p>Plus de 400 consultations la première année.</p>",
        "since": "2021",
    },
    {
        "title": "Des médiatrices santé au centre municipal",
        "standfirst": "Deux médiatrices accompagnent l'ouverture des droits et la prise de "
        "rendez-vous. (Exemple fictif de démonstration.)",
        "organisation": "Centre municipal de santé des Hauts",
        "actor_kind": ActorKind.CMS,
        "commune": "Saint-Denis",
        "department": "93",
        "partners": "CPAM, centre communal d'action sociale",
        "target_public": "Personnes sans complémentaire santé",
        "actions": "<p>Permanences sans rendez-vous, aide à la complémentaire santé solidaire.</p>",
        "results": "<p>Deux fois moins de rendez-vous manqués.</p>",
        "since": "2020",
    },
    {
        "title": "Une CPTS qui trouve un médecin traitant aux patient·es en ALD",
        "standfirst": "Une cellule de coordination attribue un médecin traitant aux patient·es "
        "qui n'en ont plus. (Exemple fictif de démonstration.)",
        "organisation": "CPTS du Val de Loire",
        "actor_kind": ActorKind.CPTS,
        "commune": "Blois",
        "department": "41",
        "partners": "ARS, médecins généralistes du territoire",
        "target_public": "Patient·es en affection de longue durée sans médecin traitant",
        "actions": "<p>Une liste partagée et un tour de rôle entre cabinets.</p>",
        "results": "<p>300 patient·es ont retrouvé un médecin traitant.</p>",
        "since": "2022",
    },
]


def _call(index, spec, notes, questions, themes=()):
    page = child_by_slug(index, spec["slug"])
    if page is not None:
        return page
    page = CallPageFactory(parent=index, **spec)
    page.themes.set(themes)
    for position, (text, url) in enumerate(notes):
        CallNote.objects.create(page=page, sort_order=position, text=text, url=url)
    for position, text in enumerate(questions):
        CallQuestion.objects.create(page=page, sort_order=position, text=text)
    return publish(page)


@transaction.atomic
def seed(context: dict) -> None:
    index = context["sections"]["appels-a-contributions"]
    theme, _ = Theme.objects.get_or_create(name="Accès aux soins")
    seed_call = _call(index, SEED_CALL, SEED_NOTES, SEED_QUESTIONS, [theme])
    now = timezone.now()
    open_spec = {
        **OPEN_CALL,
        "opens_at": now - datetime.timedelta(days=7),
        "closes_at": (now + datetime.timedelta(days=60)).replace(hour=22, minute=59, second=59),
    }
    _call(
        index,
        open_spec,
        [("Exemple de note numérotée (démonstration).", "")],
        ["Comment allez-vous vers les personnes éloignées du soin ?"],
        [theme],
    )
    inspir_index = child_by_slug(index, "inspir-actions")
    if inspir_index is None:
        inspir_index = publish(
            InspirActionIndexPageFactory(
                parent=index,
                intro="<p>Des actions locales pour l'accès aux soins, à reprendre chez vous.</p>",
            )
        )
    existing = set(inspir_index.get_children().values_list("title", flat=True))
    for spec in INSPIR_ACTIONS:
        if spec["title"] in existing:
            continue
        page = InspirActionPageFactory(parent=inspir_index, call=seed_call, **spec)
        page.themes.add(theme)
        publish(page)
