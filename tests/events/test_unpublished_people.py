"""A speaker waiting for review (docs/accounts-and-rights.md « Rien de public sans relecture »)
is shown neither on the page nor in its JSON-LD."""

import json

import pytest

from fabrique.core.factories import PersonFactory
from tests.html import soup_of

from .conftest import paris

pytestmark = pytest.mark.django_db


def test_a_speaker_waits_for_the_person_to_be_published(client, make_event):
    waiting = PersonFactory(name="Oratrice En Attente", live=False)
    known = PersonFactory(name="Awa Diallo")
    event = make_event(title="Soirée", start=paris(2030, 5, 1, 19), speakers=[waiting, known])

    def seen():
        page = soup_of(client.get(event.url))
        data = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
        performers = [p["name"] for d in data for p in d.get("performer", [])]
        names = [h.get_text(strip=True) for h in page.select(".event-speakers .person__name")]
        # Speakers made here carry no sort order: compare without order.
        return sorted(names), sorted(performers)

    assert seen() == (["Awa Diallo"], ["Awa Diallo"])
    waiting.save_revision().publish()
    both = ["Awa Diallo", "Oratrice En Attente"]
    assert seen() == (both, both)
