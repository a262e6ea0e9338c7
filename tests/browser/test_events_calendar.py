"""The events' calendar files as a browser downloads them from the live server."""

from pathlib import Path
from urllib.parse import urljoin

from icalendar import Calendar

from .harness import axe_violations, nu_errors
from .pages import event_on_site


def test_event_calendar_link_gives_an_ics_a_calendar_can_read(site, page):
    page.goto(site + event_on_site())
    link = page.get_by_role("link", name="Fichier .ics (Apple, Thunderbird…)")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "rencontre-lyon-refaconner-le-soin.ics"
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Rencontre à Lyon : refaçonner le soin ensemble"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event["DTSTART"].dt.hour == 18
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    # The subscribable feed is announced in the listing's head.
    page.goto(site + "/evenements/")
    feed = page.locator('link[rel="alternate"][type="text/calendar"]').first.get_attribute("href")
    # An absolute address (the site's public one), or a path on the site.
    response = page.request.get(urljoin(site + "/", feed))
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    titles = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.body()).walk("VEVENT")]
    assert "Rencontre à Lyon : refaçonner le soin ensemble" in titles


def test_live_banner_and_live_event_pass_axe_and_the_nu_checker(site, page):
    """While a live show is on, every page carries the banner: checked on two pages."""
    import datetime

    from django.utils import timezone

    from events.factories import EventPageFactory
    from events.models import EventIndexPage
    from fabrique.demo.site import publish

    now = timezone.now()
    live = publish(
        EventPageFactory(
            parent=EventIndexPage.objects.get(),
            title="Le direct en cours",
            start=now - datetime.timedelta(hours=1),
            end=now + datetime.timedelta(hours=1),
            live_url="https://www.youtube.com/watch?v=abcdefghijk",
        )
    )
    documents, problems = {}, []
    for name, path in (("accueil en direct", "/"), ("événement en direct", live.get_url())):
        response = page.goto(site + path)
        assert (
            page.locator("aside.live-banner")
            .get_by_role("link", name="Le direct en cours")
            .is_visible()
        )
        problems += axe_violations(page, name)
        documents[name.replace(" ", "-")] = response.text()
    problems += nu_errors(documents)
    assert not problems, "\n".join(problems)
