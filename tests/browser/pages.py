"""What the browser tests visit: the one place to add a page type or a form as it lands.

Each entry is a name (used in failure messages and screenshot file names) and how to
reach it: a path, or a function of the seeded database returning one, or a "flow" that
drives the browser to a page only reachable by acting (e.g. the page after sending a
story).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import slugify


@dataclass(frozen=True)
class Target:
    name: str
    # A path ("/articles/"), or a function of the database returning one.
    path: str | Callable[[], str] = ""
    # A function (playwright page, base URL) driving the browser to a page reached by acting.
    flow: Callable | None = None
    status: int = 200

    @property
    def slug(self) -> str:
        return slugify(self.name)

    def open(self, page, base_url: str):
        """Show the target in ``page``; returns the HTTP response of the document shown."""
        documents = []

        def remember(response):
            if response.request.resource_type == "document" and response.frame == page.main_frame:
                documents.append(response)

        page.on("response", remember)
        try:
            if self.flow is not None:
                self.flow(page, base_url)
            else:
                path = self.path() if callable(self.path) else self.path
                page.goto(base_url + path)
            page.wait_for_load_state("load")
        finally:
            page.remove_listener("response", remember)
        return documents[-1]


def first_article() -> str:
    from articles.models import ArticlePage

    return ArticlePage.objects.live().order_by("pk").first().get_url()


def published_testimony() -> str:
    from testimonies.models import Testimony, TestimonyIndexPage

    index = TestimonyIndexPage.objects.get()
    testimony = Testimony.objects.published().order_by("pk").first()
    return index.get_url() + index.reverse_subpage("detail", args=[str(testimony.uuid)])


def first_podcast_show() -> str:
    from podcasts.models import PodcastShowPage

    return PodcastShowPage.objects.live().order_by("pk").first().get_url()


def first_podcast_episode() -> str:
    from podcasts.models import EpisodePage

    return EpisodePage.objects.live().order_by("pk").first().get_url()


def first_video() -> str:
    from videos.models import VideoPage

    return VideoPage.objects.live().order_by("pk").first().get_url()


def event_on_site() -> str:
    from events.models import EventPage

    return EventPage.objects.live().get(slug="rencontre-lyon-refaconner-le-soin").get_url()


def past_event_with_replay() -> str:
    from events.models import EventPage

    return EventPage.objects.live().get(slug="direct-deserts-medicaux").get_url()


def first_dossier() -> str:
    from dossiers.models import DossierPage

    return DossierPage.objects.live().order_by("pk").first().get_url()


def send_story(page, base_url: str) -> None:
    """Tell a story through the public form, as a person would; ends on the thank-you page."""
    page.goto(base_url + "/vos-histoires/temoigner/")
    page.select_option("[name=role]", index=1)
    page.fill("[name=title]", "Une nuit aux urgences")
    page.fill("[name=story]", "J'ai attendu toute la nuit, puis une infirmière m'a écouté.")
    page.check("[name=consent_publication]")
    page.check("[name=consent_health_data]")
    with page.expect_navigation():
        page.locator("main form[method=post] [type=submit]").click()


def send_empty_story(page, base_url: str) -> None:
    """The form as it comes back with its error messages."""
    page.goto(base_url + "/vos-histoires/temoigner/")
    with page.expect_navigation():
        page.locator("main form[method=post] [type=submit]").click()


# Every public page type, as a reader reaches it.
PAGE_TYPES = [
    Target("accueil", "/"),
    Target("page simple", "/a-propos/"),
    Target("index des articles", "/articles/"),
    Target("article", first_article),
    Target("index des témoignages", "/vos-histoires/"),
    Target("témoignage publié", published_testimony),
    Target("index des vidéos", "/videos/"),
    Target("index des podcasts", "/podcasts/"),
    Target("index des événements", "/evenements/"),
    Target("résultats de recherche", "/recherche/?q=soin"),
    Target("s'abonner (flux et agendas)", "/s-abonner/"),
    Target("page introuvable", "/cette-page-n-existe-pas/", status=404),
    Target("émission de podcast", first_podcast_show),
    Target("épisode de podcast", first_podcast_episode),
    Target("vidéo", first_video),
    Target("événement sur place", event_on_site),
    Target("événement passé avec rediffusion", past_event_with_replay),
    Target("index des dossiers", "/dossiers/"),
    Target("dossier", first_dossier),
]

# Every public form, empty, with its errors, and what follows sending it.
FORMS = [
    Target("formulaire de témoignage", "/vos-histoires/temoigner/"),
    Target("formulaire de témoignage avec erreurs", flow=send_empty_story),
    Target("après l'envoi d'un témoignage", flow=send_story),
    Target("formulaire de recherche", "/recherche/"),
]

# Calls for contributions and Inspir'actions (contributions app).
OPEN_CALL = "/appels-a-contributions/aller-vers-la-sante/"


def first_inspir_action() -> str:
    from contributions.models import InspirActionPage

    return InspirActionPage.objects.live().order_by("pk").first().get_url()


def send_answer(page, base_url: str) -> None:
    """Answer the open call through the fiche-type; ends on the thank-you page."""
    page.goto(base_url + OPEN_CALL)
    page.fill("[name=organisation]", "Maison de santé des Trois Rivières")
    page.select_option("[name=actor_kind]", "msp")
    page.fill("[name=commune]", "Aubusson")
    page.fill("[name=department]", "23")
    page.fill("[name=action_what]", "Des consultations avancées une fois par mois.")
    page.fill("[name=contact_name]", "Claire Dubois")
    page.fill("[name=email]", "claire@example.org")
    page.check("[name=consent_contact]")
    with page.expect_navigation():
        page.locator("main form[method=post] [type=submit]").click()


def send_empty_answer(page, base_url: str) -> None:
    page.goto(base_url + OPEN_CALL)
    with page.expect_navigation():
        page.locator("main form[method=post] [type=submit]").click()


PAGE_TYPES += [
    Target("index des appels à contributions", "/appels-a-contributions/"),
    Target(
        "appel à contributions clos",
        "/appels-a-contributions/reduire-les-inegalites-d-acces-aux-soins/",
    ),
    Target("index des Inspir'actions", "/appels-a-contributions/inspir-actions/"),
    Target("Inspir'action", first_inspir_action),
]
FORMS += [
    Target("fiche-type d'un appel ouvert", OPEN_CALL),
    Target("fiche-type avec erreurs", flow=send_empty_answer),
    Target("après l'envoi d'une fiche-type", flow=send_answer),
]

ALL = PAGE_TYPES + FORMS
