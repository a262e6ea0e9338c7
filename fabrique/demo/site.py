"""Demo content for the site frame: home, section indexes, about, donate and legal pages.

Texts come from the association's own home page. Every step is
idempotent: an existing page (matched by its slug under its parent) is left as editors
made it, so ``seed_demo`` can run on every ``make run``.
"""

import json

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from wagtail.models import Page, Site

from fabrique.core.factories import DEMO_COLOURS, DEMO_LAYOUTS, ImageFactory, make_image_file
from fabrique.core.listing import latest_content
from fabrique.core.models import SiteSettings
from fabrique.core.sections import get_sections
from fabrique.home.factories import HomePageFactory
from fabrique.home.models import HomePage, HomePageFeaturedItem
from fabrique.standard.factories import StandardPageFactory
from fabrique.web.site_url import public_address, sync_default_site

HOME_INTRO = (
    "<p>La Fabrique des Soignants est un média associatif d’intérêt général, numérique, créé en "
    "2023 et géré par des soignant·es et des patient·es pour décrypter le fonctionnement du "
    "système de santé.</p>"
)
HOME_WELCOME = (
    "<p>Au coeur de cette initiative, réside une conviction : il est encore possible de préserver "
    "notre système de santé, malgré les nombreux défis politiques, écologiques et "
    "socio-économiques.</p>"
    "<p>Bienvenue sur la nouvelle plateforme de La Fabrique des Soignants ! Après Twitch, "
    "Instagram, YouTube et LinkedIn, notre média se déploie désormais sur son propre site. Vous "
    "retrouverez ici toutes nos vidéos, nos podcasts, des articles et une section témoignages pour "
    "nous parler de votre relation au soin.</p>"
    "<p>Nous voulions vous offrir une interface claire et simple où accéder facilement à nos "
    "contenus. Mais aussi préserver notre indépendance et notre liberté de ton, et sauver nos "
    "réflexions de la censure des algorithmes qui, de plus en plus, visent à passer sous silence "
    "les idées que nous portons.</p>"
    "<p>Nous nous réjouissons de prolonger ici avec vous nos échanges autour de la solidarité, de "
    "la coopération et de la diversité dans le soin. Le site de La Fabrique des Soignants est "
    "aussi le vôtre.</p>"
)


def _stream(*blocks) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _paragraphs(*texts) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def _heading(text: str) -> tuple[str, dict]:
    return ("heading", {"text": text, "level": "h2"})


STANDARD_PAGES = [
    {
        "slug": "a-propos",
        "title": "À propos",
        "show_in_menus": True,
        "intro": "<p>Le média pour refaçonner le soin, fait par celles et ceux qui le vivent.</p>",
        "body": _stream(
            *_paragraphs(
                "La Fabrique des Soignants est un média associatif d’intérêt général, numérique, "
                "créé en 2023 et géré par des soignant·es et des patient·es pour décrypter le "
                "fonctionnement du système de santé.",
                "Au coeur de cette initiative, réside une conviction : il est encore possible de "
                "préserver notre système de santé, malgré les nombreux défis politiques, "
                "écologiques et socio-économiques.",
            ),
            _heading("Notre indépendance"),
            *_paragraphs(
                "Nous avons choisi d’avoir notre propre site pour préserver notre indépendance et "
                "notre liberté de ton, loin des algorithmes des grandes plateformes. Nous "
                "continuons d’être présents sur Twitch, YouTube, Instagram et LinkedIn.",
            ),
        ),
    },
    {
        "slug": "faire-un-don",
        "title": "Faire un don",
        "show_in_menus": True,
        "show_donate_button": True,
        "intro": "<p>Un média indépendant ne vit que grâce à celles et ceux qui le lisent.</p>",
        "body": _stream(
            *_paragraphs(
                "La Fabrique des Soignants est une association d’intérêt général. Vos dons "
                "financent l’hébergement du site, le matériel de nos émissions en direct et le "
                "temps passé à enquêter.",
                "Le paiement se fait sur la page sécurisée de notre prestataire : nous ne "
                "recevons jamais vos coordonnées bancaires.",
            ),
        ),
    },
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "show_in_footer": True,
        "intro": "<p>Informations sur l’éditeur et l’hébergeur du site.</p>",
        "body": _stream(
            _heading("Éditeur"),
            *_paragraphs(
                "Le site est édité par l’association La Fabrique des Soignants, association loi "
                "1901. Directeur ou directrice de la publication : la présidence de l’association.",
            ),
            _heading("Hébergement"),
            *_paragraphs("Les coordonnées de l’hébergeur sont tenues à jour par l’association."),
        ),
    },
    {
        "slug": "politique-de-confidentialite",
        "title": "Politique de confidentialité",
        "show_in_footer": True,
        "intro": "<p>Ce que nous collectons, pourquoi, combien de temps, et comment exercer vos droits.</p>",
        "body": _stream(
            _heading("Lecture du site"),
            *_paragraphs(
                "La lecture du site ne dépose aucun cookie de mesure d’audience ni de publicité. "
                "Aucune police, aucun script ni aucun lecteur vidéo d’un autre site n’est chargé "
                "avant que vous le demandiez.",
            ),
            _heading("Vos témoignages"),
            *_paragraphs(
                "Ce que nous recueillons : un pseudonyme (facultatif), votre rôle (patient·e, "
                "soignant·e, aidant·e…), un département (facultatif), le titre et le récit de votre "
                "histoire, ses thèmes, une adresse e-mail (facultative) et la date et la version des "
                "deux consentements que vous donnez. Nous n’enregistrons ni votre adresse IP ni votre "
                "navigateur.",
                "Pourquoi : publier votre témoignage après relecture par notre équipe de modération, "
                "et, si vous avez laissé une adresse e-mail, vous prévenir de sa publication. Un "
                "témoignage pouvant contenir des données de santé, nous le traitons sur la base de "
                "votre consentement explicite (article 9.2.a du RGPD), que vous pouvez retirer à tout "
                "moment.",
                "Qui y a accès : seule l’équipe de modération. Votre adresse e-mail n’est jamais "
                "publiée ni montrée dans l’administration du site.",
                "Combien de temps : un témoignage refusé ou jamais publié est supprimé au bout de six "
                "mois ; votre adresse e-mail est effacée trente jours après la publication.",
                "Retirer votre témoignage : le lien privé affiché après l’envoi vous permet à tout "
                "moment de consulter son statut et de le retirer ; il est alors effacé, avec vos "
                "consentements et votre adresse.",
            ),
            _heading("Vos droits"),
            *_paragraphs(
                "Vous disposez d’un droit d’accès, de rectification, d’effacement et d’opposition. "
                "Écrivez-nous à l’adresse de contact indiquée en bas de page. Vous pouvez aussi "
                "saisir la CNIL.",
            ),
        ),
    },
    {
        "slug": "accessibilite",
        "title": "Déclaration d’accessibilité",
        "show_in_footer": True,
        "intro": "<p>La Fabrique des Soignants s’engage à rendre son site accessible à toutes et tous.</p>",
        "body": _stream(
            _heading("État de conformité"),
            *_paragraphs(
                "Le site vise la conformité au RGAA 4.1 (niveau AA des WCAG 2.1). Il n’a pas "
                "encore fait l’objet d’un audit externe : il est donc non conforme à ce jour, au "
                "sens du RGAA.",
            ),
            _heading("Signaler un problème"),
            *_paragraphs(
                "Si vous ne parvenez pas à accéder à un contenu, écrivez-nous : nous vous "
                "répondrons et vous fournirons le contenu sous une autre forme.",
            ),
        ),
    },
]


def get_or_create_image(title: str, colour_index: int = 0, label: str | None = None):
    """A demo illustration named ``title``, drawn once; ``label`` is the text drawn on it
    (the whole title of the content, when ``title`` had to be cut to name the image).

    Colour and layout both follow ``colour_index``, so neighbouring cards differ."""
    image_model = ImageFactory._meta.model
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    colour = DEMO_COLOURS[colour_index % len(DEMO_COLOURS)]
    file = make_image_file(label or title, colour, layout=colour_index % DEMO_LAYOUTS)
    return ImageFactory(title=title, description=title, file=file)


def publish(page: Page) -> Page:
    """Publish through a revision, as an editor would (sets first publication date)."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def child_by_slug(parent: Page, slug: str) -> Page | None:
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def ensure_home_page() -> HomePage:
    """The site's root page is a HomePage; Wagtail's placeholder welcome page is removed."""
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        placeholder = (
            root.get_children().exclude(content_type__model="homepage").filter(slug="home")
        )
        home = publish(
            HomePageFactory(
                parent=root,
                title="Accueil",
                slug="accueil",
                intro=HOME_INTRO,
                welcome=HOME_WELCOME,
                donate_text=(
                    "La Fabrique des Soignants est un média associatif : sans publicité, il "
                    "vit grâce à vos dons."
                ),
            )
        )
        if site is None:
            site = Site(is_default_site=True)
        # The public address editors and feeds see; WAGTAILADMIN_BASE_URL names it.
        site.hostname, site.port = public_address()
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        for page in placeholder:
            page.delete()
    elif site and site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


@transaction.atomic
def seed_site(stdout=None) -> dict:
    """Build the page tree of docs/architecture.md « Arborescence du site »; returns what each
    section's demo loader builds on."""
    home = ensure_home_page()
    sync_default_site()
    site = Site.objects.get(root_page=home)
    sections = {}
    # Each content app registers its section (fabrique.core.sections); menu order first.
    for section in sorted(get_sections(), key=lambda section: section.menu_order):
        page = child_by_slug(home, section.slug)
        if page is None:
            factory_class = import_string(section.index_factory)
            page = publish(
                factory_class(
                    parent=home,
                    title=section.title,
                    slug=section.slug,
                    intro=section.intro,
                    show_in_menus=True,
                )
            )
        sections[section.slug] = page

    pages = {}
    for spec in STANDARD_PAGES:
        page = child_by_slug(home, spec["slug"])
        if page is None:
            page = publish(StandardPageFactory(parent=home, **spec))
        pages[spec["slug"]] = page

    site_settings = SiteSettings.for_site(site)
    if not site_settings.donate_page_id:
        # Placeholders for the demo: editors replace them in "Réglages du site".
        site_settings.donate_page = pages["faire-un-don"]
        site_settings.contact_email = "contact@example.org"
        # On an accepted payment host (FABRIQUE_DONATION_HOSTS), as the settings form requires.
        site_settings.donation_url = (
            "https://www.helloasso.com/associations/la-fabrique-des-soignants"
        )
        site_settings.twitch_url = "https://www.twitch.tv/lafabriquedessoignants"
        site_settings.youtube_url = "https://www.youtube.com/@lafabriquedessoignants"
        site_settings.instagram_url = "https://www.instagram.com/lafabriquedessoignants/"
        site_settings.linkedin_url = "https://www.linkedin.com/company/la-fabrique-des-soignants/"
        site_settings.save()

    return {"home": home, "site": site, "sections": sections, "pages": pages, "stdout": stdout}


DEMO_PICKS = 4


def seed_home_picks(context: dict) -> list[Page]:
    """ "À la une" and "À voir" for the demo, once every section has its content.

    As on the association's site: something to play (a video) leads when there is one,
    then the newest pieces of any kind. Chosen generically (no content app is imported);
    a home page whose editors already chose is left alone.
    """
    home = context["home"]
    if home.featured_items.exists():
        return []
    newest = latest_content(12)
    playable = [page for page in newest if page.get_card_badge()]
    lead = playable[:1] or newest[:1]
    # Then one piece of each other kind first, newest first: a media's mix, not a list
    # of upcoming events (whose date is in the future).
    chosen, kinds = list(lead), {type(page) for page in lead}
    for page in newest:
        if page not in chosen and type(page) not in kinds:
            chosen.append(page)
            kinds.add(type(page))
    chosen += [page for page in newest if page not in chosen]
    chosen = chosen[:DEMO_PICKS]
    if not chosen:
        return []
    home = HomePage.objects.get(pk=home.pk)
    home.featured_items = [HomePageFeaturedItem(page=page) for page in chosen]
    publish(home)
    return chosen
