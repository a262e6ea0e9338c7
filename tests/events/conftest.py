"""Fixtures for the events tests: the real section index, a way to publish events, a clock."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest

from events.factories import EventPageFactory
from fabrique.demo.site import publish

PARIS = ZoneInfo("Europe/Paris")


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


@pytest.fixture
def index(site_tree):
    return site_tree["sections"]["evenements"]


@pytest.fixture
def make_event(index):
    """Publish an event under the index, as an editor would."""

    def make(**kwargs):
        kwargs.setdefault("parent", index)
        tags = kwargs.pop("tags", [])
        speakers = kwargs.pop("speakers", [])
        body = kwargs.pop("body", None)
        if body is not None:
            kwargs["body"] = json.dumps(body)
        if "start" in kwargs and "end" not in kwargs:
            kwargs["end"] = kwargs["start"] + datetime.timedelta(hours=2)
        event = EventPageFactory(**kwargs)
        for person in speakers:
            event.speakers.create(person=person)
        if tags:
            event.tags.add(*tags)
        event.save()
        return publish(event)

    return make


@pytest.fixture
def clock(time_machine):
    """A frozen clock: ``clock(paris(2025, 3, 1, 12))`` sets the time; it never ticks."""

    def move_to(moment: datetime.datetime):
        time_machine.move_to(moment, tick=False)
        return moment

    return move_to
