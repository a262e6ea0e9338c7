"""Every page type and every snippet an Éditeur makes, made as a person makes it.

An Éditeur (not a superuser) opens « Ajouter une page » under the right parent, fills
each required field through its own widget — dates typed or clicked in the date picker,
choosers opened and clicked, rich text typed in Draftail, an image sent through the image
chooser's upload tab — looks at the preview panel, publishes, and a reader who never
logged in (a fresh browser context) reads what was typed. Tests that post form data only
see what the test writer thought a browser sends; these see what it really sends.

The tables are the one place to add a type: a page type the tree allows, or a snippet the
Éditeurs may create, without a row fails ``test_every_type_an_editor_makes_has_a_journey``.
"""

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from fabrique.accounts.roles import EDITORS

from .harness import settle
from .test_editor_journey import log_in, make_editor


def small_png(title: str, size: tuple[int, int] = (320, 180)) -> bytes:
    """A plain PNG of a colour of its own: Wagtail offers to reuse an identical image."""
    digest = hashlib.sha256(title.encode()).digest()
    buffer = io.BytesIO()
    Image.new("RGB", size, tuple(digest[:3])).save(buffer, "PNG")
    return buffer.getvalue()


class Form:
    """The admin's edit form, driven through its widgets as an editor's hands would."""

    def __init__(self, page):
        self.page = page

    def field(self, name: str):
        return self.page.locator(f"form [name='{name}']").first

    def text(self, name: str, value: str):
        self.field(name).fill(value)

    def select(self, name: str, value: str):
        self.field(name).select_option(value)

    def rich_text(self, name: str, text: str):
        """Draftail: click in the editor and type; its hidden input follows."""
        editor = (
            self.page.locator(f"#id_{name}").locator("xpath=..").locator("[contenteditable=true]")
        )
        editor.click()
        editor.press_sequentially(text)
        self.page.wait_for_function(
            "([id, text]) => document.getElementById(id).value.includes(text)",
            arg=[f"id_{name}", text],
        )

    def type_date(self, name: str, typed: str):
        """Typed in the date field as the picker shows dates, then the field is left."""
        field = self.field(name)
        field.click()
        field.press("Control+a")
        field.press_sequentially(typed)
        field.press("Tab")
        expect(field).to_have_value(typed)

    def pick_day(self, name: str, day: int) -> str:
        """Open the date picker and click a day of the month it shows; returns the value."""
        field = self.field(name)
        field.click()
        picker = self.page.locator(".xdsoft_datetimepicker:visible")
        picker.locator("td.xdsoft_date:not(.xdsoft_other_month)").filter(
            has_text=re.compile(rf"^{day}$")
        ).first.click()
        expect(field).not_to_have_value("")
        value = field.input_value()
        self.page.keyboard.press("Escape")
        return value

    def upload_image(
        self, name: str, title: str, button: str = "Choisir une image", size=(320, 180)
    ):
        """The image chooser's « Transférer » tab, with a small PNG made here."""
        self.chooser_button(name, button).click()
        modal = self.page.locator(".modal:visible")
        modal.get_by_role("tab", name="Transférer").click()
        upload = modal.locator("#tab-upload")
        upload.locator("input[type=file]").set_input_files(
            files=[{"name": "image.png", "mimeType": "image/png", "buffer": small_png(title, size)}]
        )
        upload.locator("[name$='-title']").fill(title)
        upload.get_by_role("button", name="Transférer").click()
        self.wait_for_choice(name)

    def choose(self, name: str, button: str, item: str | None = None):
        """Open a chooser modal and click the item's link (the first one listed if none is
        named), as an editor does."""
        self.chooser_button(name, button).click()
        results = self.page.locator(".modal:visible [data-chooser-results], .modal:visible table")
        links = results.first.get_by_role("link")
        if item is not None:
            links = links.filter(has_text=item)
        links.first.click()
        self.wait_for_choice(name)

    def chooser_button(self, name: str, label: str):
        """The chooser button of field ``name`` (several choosers may share a label)."""
        wrapper = self.page.locator(f"[data-field-wrapper]:has([name='{name}'])").first
        return wrapper.get_by_role("button", name=label)

    def wait_for_choice(self, name: str):
        self.page.wait_for_selector(
            f"form [name='{name}'][value]:not([value=''])", state="attached"
        )


@dataclass(frozen=True)
class PageJourney:
    """One page type: its title, how an editor fills its form, what a reader then sees."""

    model: str
    title: str
    fill: Callable[[Form], None]
    shown: tuple[str, ...] = field(default=())


def fill_standard(form: Form):
    form.rich_text("intro", "Qui nous sommes, en quelques mots.")


def fill_article(form: Form):
    form.text("standfirst", "Ce que voient les soignant·es entre minuit et six heures.")
    form.pick_day("date", 15)
    form.upload_image("hero_image", "Couloir la nuit")


def fill_video(form: Form):
    form.text("source_url", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    form.select("kind", "entretien")
    form.text("summary", "Un entretien sur le soin de proximité.")
    form.type_date("recorded_on", "14/02/2026")


def fill_show(form: Form):
    form.text("description", "Des voix de soignant·es, chaque mois.")
    # Apple's smallest square cover.
    form.upload_image("cover_image", "Pochette de Paroles de garde", size=(1400, 1400))
    form.select("category", "Health & Fitness/Medicine")
    form.text("author", "La Fabrique des Soignants")
    form.text("owner_name", "La Fabrique des Soignants")


def fill_episode(form: Form):
    form.text("summary", "Une infirmière raconte sa première garde.")
    form.choose("audio", "Choisir un son")
    form.type_date("publication_date", "03/02/2026 06:00")


def fill_event(form: Form):
    form.text("summary", "Une soirée d'échanges entre soignant·es et patient·es.")
    form.type_date("start", "12/02/2027 18:30")
    # Some editors type ISO by hand: the picker must leave it, the form must read it.
    form.type_date("end", "2027-02-12 20:30")
    form.select("format", "sur-place")
    form.text("venue_name", "Maison des associations")
    form.text("venue_city", "Nantes")
    form.text("organiser_name", "La Fabrique des Soignants")


def fill_call(form: Form):
    form.text("standfirst", "Racontez ce que vous avez fait pour aller vers les patients.")
    form.rich_text("context", "Les déserts médicaux avancent.")
    form.type_date("opens_at", "01/01/2026 09:00")
    form.type_date("closes_at", "31/12/2030 18:00")
    form.text("organisation", "La Fabrique des Soignants")


def fill_inspir_action(form: Form):
    form.text("standfirst", "Un bus de santé dans les villages.")
    form.text("organisation", "Maison de santé de Saint-Amand")
    form.select("actor_kind", "msp")


def fill_dossier(form: Form):
    form.rich_text("introduction", "Tout ce que nous avons publié sur l'accès aux soins.")
    form.choose("theme", "Choisir un thème")
    form.pick_day("updated_on", 10)


PAGE_JOURNEYS = [
    PageJourney(
        "standard.StandardPage",
        "Nous contacter",
        fill_standard,
        ("Qui nous sommes, en quelques mots.",),
    ),
    PageJourney(
        "articles.ArticlePage",
        "Les urgences la nuit",
        fill_article,
        ("Ce que voient les soignant·es entre minuit et six heures.",),
    ),
    PageJourney(
        "videos.VideoPage",
        "Soigner au village",
        fill_video,
        ("Un entretien sur le soin de proximité.",),
    ),
    PageJourney(
        "podcasts.PodcastShowPage",
        "Paroles de garde",
        fill_show,
        ("Des voix de soignant·es, chaque mois.",),
    ),
    PageJourney(
        "podcasts.EpisodePage",
        "Première garde",
        fill_episode,
        ("Une infirmière raconte sa première garde.",),
    ),
    PageJourney(
        "events.EventPage",
        "Rencontre à Nantes",
        fill_event,
        ("Maison des associations", "vendredi 12 février 2027, de 18 h 30 à 20 h 30"),
    ),
    PageJourney(
        "contributions.CallPage",
        "Aller vers les patients",
        fill_call,
        ("Les déserts médicaux avancent.",),
    ),
    PageJourney(
        "contributions.InspirActionPage",
        "Le bus de santé",
        fill_inspir_action,
        ("Maison de santé de Saint-Amand",),
    ),
    PageJourney(
        "dossiers.DossierPage",
        "L'accès aux soins",
        fill_dossier,
        ("Tout ce que nous avons publié sur l'accès aux soins.",),
    ),
]


def parent_for(model) -> Page:
    """The first page of the tree (shallowest first) an editor may add ``model`` under."""
    for page in Page.objects.order_by("depth", "path").specific():
        if model in page.specific_class.creatable_subpage_models() and model.can_create_at(page):
            return page
    raise AssertionError(f"aucun parent possible pour {model.__name__}")


def open_preview(page, title: str):
    """The preview panel shows the page being written, with its title."""
    toggle = page.get_by_role("button", name=re.compile("prévisualisation", re.I)).first
    # The admin remembers an open side panel from one page to the next: open, not toggle.
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    preview = page.frame_locator("iframe[id*=preview]").first
    try:
        preview.get_by_role("heading", name=title).first.wait_for()
    except PlaywrightTimeout:
        shown = preview.locator("body").inner_text(timeout=2_000)[:300]
        raise AssertionError(f"la prévisualisation ne montre pas « {title} » : {shown}") from None


def publish(page):
    """« Plus d'actions » → « Publier », and the admin says it is published."""
    page.get_by_role("button", name="Plus d'actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Publier")).click()
    if "/add/" in page.url or "/edit/" in page.url:
        refused = page.locator("[data-field-wrapper]:has(.error-message)").all_inner_texts()
        raise AssertionError(f"la page n'est pas publiée : {refused}")


def read_as_a_reader(browser, url: str, texts: tuple[str, ...]):
    """A reader who never logged in opens ``url`` and reads each text in the main area."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    reader = context.new_page()
    reader.set_default_timeout(10_000)
    try:
        response = reader.goto(url)
        assert response.status == 200, url
        main = reader.locator("main")
        for text in texts:
            expect(main).to_contain_text(text)
    finally:
        settle(reader)
        context.close()


def build_journeys_site():
    """The site's page tree and the few things the forms point to, not the whole demo
    (seconds saved on the first journey): a show for episodes, the Inspir'actions' index,
    a sound and a theme to choose."""
    from contributions.factories import InspirActionIndexPageFactory
    from fabrique.core.models import Theme
    from fabrique.demo.site import publish, seed_site
    from podcasts.factories import AudioFileFactory, PodcastShowPageFactory, make_cover_image

    sections = seed_site()["sections"]
    publish(
        PodcastShowPageFactory(
            parent=sections["podcasts"], cover_image=make_cover_image("Les voix du soin")
        )
    )
    publish(InspirActionIndexPageFactory(parent=sections["appels-a-contributions"]))
    AudioFileFactory(title="Générique des voix du soin")
    Theme.objects.create(name="Accès aux soins")


@pytest.fixture
def site(start_from, served):
    """The journeys' site, built once a run and put back before each journey."""
    start_from("journeys", build=build_journeys_site)
    return served


@pytest.fixture
def editor_tab(site, page, settings):
    """An Éditeur, not a superuser, logged in."""
    # Wagtail's autosave could create the page while the test submits the same creation.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    editor = make_editor("sacha")
    assert not editor.is_superuser and editor.groups.filter(name=EDITORS).exists()
    log_in(page, site, editor.username)
    return page


@pytest.mark.parametrize("journey", PAGE_JOURNEYS, ids=lambda journey: journey.model)
def test_an_editor_makes_each_page_type_and_a_reader_reads_it(site, editor_tab, browser, journey):
    page = editor_tab
    model = apps.get_model(journey.model)
    parent = parent_for(model)
    add = reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )
    page.goto(site + add)
    form = Form(page)
    form.text("title", journey.title)
    journey.fill(form)
    open_preview(page, journey.title)
    publish(page)

    made = model.objects.child_of(parent).get(title=journey.title)
    assert made.live and not made.has_unpublished_changes
    read_as_a_reader(browser, site + made.url, (journey.title, *journey.shown))


def test_every_type_an_editor_makes_has_a_journey(db):
    """A page type the tree lets editors add, or a snippet the Éditeurs may create, has
    its row: the day a type lands, this fails until its journey is written."""
    from tests.core.test_every_page_type_in_admin import project_page_models

    # Types allowed once (the home page, each section's index) exist in every site already.
    addable = {model._meta.label for model in project_page_models() if model.max_count != 1}
    assert addable == {journey.model for journey in PAGE_JOURNEYS}

    editors = Group.objects.get(name=EDITORS)
    granted = set(editors.permissions.values_list("content_type__app_label", "codename"))
    creatable = {
        model._meta.label
        for model in get_snippet_models()
        if (model._meta.app_label, f"add_{model._meta.model_name}") in granted
    }
    assert creatable == {journey.model for journey in SNIPPET_JOURNEYS}


@dataclass(frozen=True)
class SnippetJourney:
    """One snippet: the field that names it, how an editor fills the rest, and where a
    reader meets it (``public_url`` of the saved object; None when only pages show it)."""

    model: str
    name_field: str
    name: str
    fill: Callable[[Form], None]
    public_url: Callable[[object], str] | None = None
    public_type: str = "text/html"


def fill_person(form: Form):
    form.text("role", "infirmière de nuit")
    form.rich_text("bio", "Vingt ans aux urgences de Rennes.")
    form.upload_image("photo", "Portrait de Nadia Benali")


def fill_nothing(form: Form):
    """Only the name: the slug follows it."""


def fill_series(form: Form):
    form.text("description", "Des entretiens avec celles et ceux qui soignent.")


def fill_sound(form: Form):
    from podcasts.factories import make_tone_mp3

    form.field("file").set_input_files(
        files=[{"name": "garde.mp3", "mimeType": "audio/mpeg", "buffer": make_tone_mp3(1.0)}]
    )


SNIPPET_JOURNEYS = [
    SnippetJourney("core.Person", "name", "Nadia Benali", fill_person),
    SnippetJourney("core.Theme", "name", "Santé des soignant·es", fill_nothing),
    SnippetJourney("videos.VideoSeries", "name", "Paroles de soignant·es", fill_series),
    SnippetJourney(
        "podcasts.AudioFile",
        "title",
        "Générique de garde",
        fill_sound,
        public_url=lambda sound: sound.url,
        public_type="audio/mpeg",
    ),
]


def save_snippet(page):
    """Publish when the snippet has drafts (people), otherwise save."""
    more = page.get_by_role("button", name="Plus d'actions")
    with page.expect_navigation():
        if more.count():
            more.first.click()
            page.get_by_role("button", name=re.compile("^Publier")).click()
        else:
            page.get_by_role("button", name=re.compile("^Enregistrer")).first.click()
    if page.url.endswith("/add/"):
        refused = page.locator("[data-field-wrapper]:has(.error-message)").all_inner_texts()
        raise AssertionError(f"le fragment n'est pas enregistré : {refused}")


@pytest.mark.parametrize("journey", SNIPPET_JOURNEYS, ids=lambda journey: journey.model)
def test_an_editor_makes_each_snippet(site, editor_tab, browser, journey):
    page = editor_tab
    model = apps.get_model(journey.model)
    page.goto(site + reverse(model.snippet_viewset.get_url_name("add")))
    form = Form(page)
    form.text(journey.name_field, journey.name)
    journey.fill(form)
    save_snippet(page)

    made = model.objects.get(**{journey.name_field: journey.name})
    assert getattr(made, "live", True) and not getattr(made, "has_unpublished_changes", False)
    # The editor finds it in its list, by the name typed.
    page.goto(site + reverse(model.snippet_viewset.get_url_name("list")))
    expect(page.locator("main")).to_contain_text(journey.name)
    if journey.public_url is not None:
        reader = browser.new_context()
        try:
            response = reader.request.get(site + journey.public_url(made))
            assert response.status == 200
            assert response.headers["content-type"].startswith(journey.public_type)
        finally:
            reader.close()
