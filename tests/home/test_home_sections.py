"""The home page renders whatever sections the apps register, in the order editors choose."""

import pytest
from django.core.management import call_command
from django.utils.html import format_html

from fabrique.core.sections import Section, get_sections, register_section, unregister_section
from fabrique.demo.site import publish
from fabrique.home.models import HomePage, HomePageSection
from fabrique.standard.models import StandardPage
from tests.a11y import assert_accessible
from tests.html import soup_of

pytestmark = pytest.mark.django_db

DEMO_SEEDED = []


def render_fake_home(request, page) -> str:
    """A new app's home block; it needs no query."""
    return format_html(
        '<section class="section section--carnets" aria-labelledby="{key}-title">'
        '<h2 id="{key}-title">{label}</h2></section>',
        key=page.slug + "-carnets",
        label="Les carnets",
    )


def seed_fake_demo(context) -> None:
    DEMO_SEEDED.append(context["sections"]["carnets"].title)


def fake_section(key="carnets") -> Section:
    return Section(
        key=key,
        label=f"Carnets {key}",
        index_factory="fabrique.standard.factories.StandardPageFactory",
        title="Carnets",
        slug=key,
        intro="<p>Les carnets de terrain.</p>",
        demo="tests.home.test_home_sections.seed_fake_demo",
        home="tests.home.test_home_sections.render_fake_home",
    )


@pytest.fixture
def carnets():
    """A new app's section, registered the way an app's ``sections.py`` would."""
    section = register_section(fake_section())
    yield section
    unregister_section(section.key)


def home_section_titles(client) -> list[str]:
    soup = soup_of(client.get("/"))
    return [
        section.find("h2").get_text(strip=True)
        for section in soup.select("main section[class*='section--']")
    ]


def test_a_registered_section_appears_on_the_home_page(client, home, carnets):
    titles = home_section_titles(client)
    assert titles == ["Vos histoires", "Les carnets"]  # registration order
    assert_accessible(client.get("/"))


def test_editors_choose_the_order_and_leave_a_section_out(client, home, carnets):
    home.home_sections = [
        HomePageSection(section="carnets"),
        HomePageSection(section="testimonies"),
    ]
    publish(home)
    assert home_section_titles(client) == ["Les carnets", "Vos histoires"]

    home.home_sections = [HomePageSection(section="testimonies")]
    publish(home)
    assert home_section_titles(client) == ["Vos histoires"]


def test_a_section_whose_app_is_gone_is_skipped(client, home):
    home.home_sections = [
        HomePageSection(section="disparue"),
        HomePageSection(section="testimonies"),
    ]
    publish(home)
    assert home_section_titles(client) == ["Vos histoires"]


def test_editors_pick_among_the_registered_sections(home, carnets):
    field = HomePageSection._meta.get_field("section")
    assert [key for key, _ in field.choices] == [section.key for section in get_sections()]
    assert "carnets" in dict(field.choices)


def test_the_home_page_costs_no_query_per_section(client, home):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")  # warm the site and settings caches
    # The blocks' HTML is kept for the generation: each visit measured computes it again.
    caches["reading"].clear()
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    extra = [register_section(fake_section(f"carnets-{n}")) for n in range(5)]
    try:
        caches["reading"].clear()
        with CaptureQueriesContext(connection) as six:
            response = client.get("/")
        assert response.content.decode().count("section--carnets") == 5
    finally:
        for section in extra:
            unregister_section(section.key)
    assert len(six) == len(one)


def test_seed_demo_builds_a_registered_sections_index_and_runs_its_demo(carnets):
    DEMO_SEEDED.clear()
    call_command("seed_demo")
    index = StandardPage.objects.get(slug="carnets")
    assert index.get_parent().specific_class is HomePage
    assert index.live and index.show_in_menus
    assert DEMO_SEEDED == ["Carnets"]


def test_editors_see_the_registered_sections_in_the_home_page_editor(client, home, carnets):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "x")
    client.force_login(admin)
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rubriques de la page d&#x27;accueil" in html or "Rubriques de la page d'accueil" in html
    assert 'value="carnets"' in html and 'value="testimonies"' in html
