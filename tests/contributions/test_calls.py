"""Calls: state from the clock, the deadline in French, listings open first, queries flat."""

import datetime
import json
from zoneinfo import ZoneInfo

import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from contributions.demo import SEED_CALL, SEED_NOTES, SEED_QUESTIONS, seed
from contributions.factories import CallPageFactory
from contributions.models import CallPage, CallState
from fabrique.demo.site import publish
from tests.a11y import assert_accessible
from tests.html import plain

PARIS = ZoneInfo("Europe/Paris")


def seed_call(index):
    seed({"sections": {"appels-a-contributions": index}})
    return CallPage.objects.get(slug=SEED_CALL["slug"])


def page_text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def test_states_follow_the_clock(calls_index):
    call = seed_call(calls_index)
    client = Client()
    with time_machine.travel(datetime.datetime(2022, 5, 20, 12, tzinfo=PARIS), tick=False):
        assert call.state() == CallState.UPCOMING
        response = client.get(call.url)
        text = page_text(response)
        assert "Cet appel ouvrira le 1 juin 2022" in text
        assert 'name="organisation"' not in response.content.decode()
        assert_accessible(response)
    with time_machine.travel(datetime.datetime(2022, 9, 19, 23, 0, tzinfo=PARIS), tick=False):
        assert call.state() == CallState.OPEN
        response = client.get(call.url)
        assert "Ouvert jusqu'au 19 septembre 2022 (23 h 59, heure de Paris)" in page_text(response)
        assert 'name="organisation"' in response.content.decode()
        # The form's one-use token must never be served from a shared cache.
        assert "no-store" in response["Cache-Control"]
        assert_accessible(response)
    # One second after the deadline (midnight in Paris, 22:00 UTC) the form has gone.
    with time_machine.travel(datetime.datetime(2022, 9, 20, 0, 0, 0, tzinfo=PARIS), tick=False):
        assert call.state() == CallState.CLOSED
        response = client.get(call.url)
        text = page_text(response)
        assert "Clos le 19 septembre 2022" in text
        assert "Cet appel est clos depuis le 19 septembre 2022" in text
        assert "Dossier ressources à paraître" in text  # what happens next
        assert 'name="organisation"' not in response.content.decode()
        assert_accessible(response)


def test_the_seed_call_shows_its_context_notes_questions_and_contact(calls_index):
    call = seed_call(calls_index)
    response = Client().get(call.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    notes = soup.select("ol.call-notes li")
    assert [li["id"] for li in notes] == ["note-1", "note-2", "note-3"]
    for li, (text, url) in zip(notes, SEED_NOTES, strict=True):
        assert li.find("a")["href"] == url
        assert text in plain(li.get_text())
    # The context's note calls lead to the notes.
    assert {a["href"] for a in soup.select(".prose a[href^='#note-']")} == {
        "#note-1",
        "#note-2",
        "#note-3",
    }
    questions = [plain(li.get_text(strip=True)) for li in soup.select("ol.call-questions li")]
    assert questions == SEED_QUESTIONS
    text = page_text(response)
    assert "romain.talvas@fabrique-territoires-sante.org" in text
    assert "07 78 13 56 37" in text
    assert soup.find("a", href="tel:0778135637")
    assert "Fabrique Territoires Santé est une association loi 1901" in text
    assert soup.find("time", attrs={"datetime": "2022-09-19T23:59:59+02:00"})


def test_index_lists_open_calls_before_closed_ones(calls_index):
    now = datetime.datetime.now(tz=datetime.UTC)
    for title, opens, closes in [
        ("Clos il y a longtemps", -400, -300),
        ("Ouvert", -5, 30),
        ("Clos récemment", -60, -2),
        ("Bientôt", 5, 40),
    ]:
        publish(
            CallPageFactory(
                parent=calls_index,
                title=title,
                opens_at=now + datetime.timedelta(days=opens),
                closes_at=now + datetime.timedelta(days=closes),
            )
        )
    response = Client().get(calls_index.url)
    soup = BeautifulSoup(response.content, "html.parser")
    sections = {
        plain(section.h2.get_text(strip=True)): [
            plain(a.get_text(strip=True)) for a in section.select("h3 a")
        ]
        for section in soup.select("main section")
    }
    assert list(sections) == ["Appels ouverts", "Bientôt ouverts", "Appels clos"]
    assert sections["Appels ouverts"] == ["Ouvert"]
    assert sections["Appels clos"] == ["Clos récemment", "Clos il y a longtemps"]
    assert_accessible(response)


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_queries_stay_flat(calls_index):
    client = Client()
    now = datetime.datetime.now(tz=datetime.UTC)

    def add(count):
        for n in range(count):
            publish(
                CallPageFactory(
                    parent=calls_index,
                    opens_at=now - datetime.timedelta(days=n + 1),
                    closes_at=now + datetime.timedelta(days=(-1) ** n * (n + 2)),
                )
            )

    add(5)
    client.get(calls_index.url)  # warm the site and settings caches
    five = _count_queries(client, calls_index.url)
    add(15)
    client.get(calls_index.url)  # publishing cleared the footer's cached feeds: warm again
    assert _count_queries(client, calls_index.url) == five


def test_call_page_json_ld_names_the_organisation(calls_index):
    call = seed_call(calls_index)
    soup = BeautifulSoup(Client().get(call.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["publisher"]["name"] == "Fabrique Territoires Santé"
    assert call.get_content_date() == datetime.date(2022, 6, 1)


def test_a_call_page_costs_at_most_25_queries(calls_index):
    call = seed_call(calls_index)
    client = Client()
    with time_machine.travel(datetime.datetime(2022, 9, 1, 12, tzinfo=PARIS), tick=False):
        client.get(call.url)
        assert _count_queries(client, call.url) <= 25
