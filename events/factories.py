"""Factories for events; tests and ``seed_demo`` both build content with them."""

import datetime
from zoneinfo import ZoneInfo

import factory
import wagtail_factories

from .choices import EventFormat
from .models import EventIndexPage, EventPage

PARIS = ZoneInfo("Europe/Paris")


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Événements"
    slug = "evenements"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An online live show next month at 18:00 Paris time, two hours long."""

    title = factory.Sequence(lambda n: f"Événement {n}")
    summary = "Un direct pour parler du soin autrement."
    start = factory.LazyFunction(
        lambda: datetime.datetime.combine(
            datetime.date.today() + datetime.timedelta(days=30), datetime.time(18), PARIS
        )
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    format = EventFormat.ONLINE
    live_url = "https://www.twitch.tv/lafabriquedessoignants"

    class Meta:
        model = EventPage
