"""Inspir'actions: a listing filterable by département, kind of actor and theme with flat
queries, a page with structured facts and JSON-LD Article (about, spatialCoverage)."""

import json

from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from contributions.demo import INSPIR_ACTIONS, seed
from contributions.factories import InspirActionPageFactory
from contributions.models import CallPage, InspirActionPage
from fabrique.core.models import Theme
from fabrique.demo.site import publish
from tests.a11y import assert_accessible


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".card__title a")]


def make(index, theme=None, **kwargs):
    page = InspirActionPageFactory(parent=index, **kwargs)
    if theme is not None:
        page.themes.add(theme)
    return publish(page)


def test_listing_filters(inspir_index):
    care = Theme.objects.create(name="Accès aux soins")
    food = Theme.objects.create(name="Alimentation")
    make(inspir_index, care, title="Bus santé", actor_kind="association", department="23")
    make(inspir_index, food, title="Jardin", actor_kind="collectif", department="93")
    make(inspir_index, care, title="Médiatrices", actor_kind="cms", department="93")
    client = Client()
    assert sorted(titles(client.get(inspir_index.url))) == ["Bus santé", "Jardin", "Médiatrices"]
    assert sorted(titles(client.get(inspir_index.url, {"departement": "93"}))) == [
        "Jardin",
        "Médiatrices",
    ]
    assert titles(client.get(inspir_index.url, {"acteur": "cms"})) == ["Médiatrices"]
    by_theme = client.get(inspir_index.url, {"theme": care.slug, "departement": "93"})
    assert titles(by_theme) == ["Médiatrices"]
    assert_accessible(by_theme)
    # Unknown values are ignored, never a 500.
    assert client.get(inspir_index.url, {"acteur": "x' OR 1=1", "theme": "<b>é"}).status_code == 200


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_listing_queries_stay_flat(inspir_index):
    themes = [Theme.objects.create(name=f"Thème {n}") for n in range(3)]
    client = Client()
    for n in range(5):
        make(inspir_index, themes[n % 3])
    client.get(inspir_index.url)
    five = _queries(client, inspir_index.url)
    for n in range(7):
        make(inspir_index, themes[n % 3])
    client.get(inspir_index.url)  # publishing cleared the footer's cached feeds: warm again
    assert _queries(client, inspir_index.url) == five


def test_page_shows_the_case_study_and_its_json_ld(calls_index):
    seed({"sections": {"appels-a-contributions": calls_index}})
    spec = INSPIR_ACTIONS[0]
    page = InspirActionPage.objects.get(title=spec["title"])
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(page.url)
    assert response.status_code == 200
    assert len(captured) <= 25
    assert_accessible(response)
    soup = BeautifulSoup(response.content, "html.parser")
    text = " ".join(soup.get_text().split())
    assert "Felletin (23)" in text
    assert spec["target_public"] in text
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Article"
    assert {"@type": "Thing", "name": "Accès aux soins"} in data["about"]
    assert {"@type": "Organization", "name": spec["organisation"]} in data["about"]
    assert data["spatialCoverage"]["name"] == "Felletin (23)"
    assert data["spatialCoverage"]["address"]["addressRegion"] == "23"
    assert data["datePublished"]


def test_demo_builds_the_seed_call_an_open_call_and_three_inspir_actions(calls_index):
    context = {"sections": {"appels-a-contributions": calls_index}}
    seed(context)
    seed(context)  # idempotent
    calls = CallPage.objects.live()
    assert calls.count() == 2
    assert [call.current_state for call in calls.order_by("closes_at")] == ["closed", "open"]
    assert InspirActionPage.objects.live().count() == 3
    assert all(
        p.themes.filter(name="Accès aux soins").exists() for p in InspirActionPage.objects.all()
    )
