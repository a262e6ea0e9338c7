"""The events' calendar files as a browser downloads them from the live server."""

from icalendar import Calendar

from .pages import event_on_site


def test_event_calendar_link_gives_an_ics_a_calendar_can_read(site, page):
    page.goto(site + event_on_site())
    link = page.get_by_role("link", name="Fichier .ics (Apple, Thunderbird…)")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "rencontre-lyon-refaconner-le-soin.ics"
    calendar = Calendar.from_ical(open(download.path(), "rb").read())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Rencontre à Lyon : refaçonner le soin ensemble"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event["DTSTART"].dt.hour == 18
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    # The subscribable feed is announced in the listing's head.
    page.goto(site + "/evenements/")
    feed = page.locator('link[rel="alternate"][type="text/calendar"]').first.get_attribute("href")
    response = page.request.get(site + feed)
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    titles = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.body()).walk("VEVENT")]
    assert "Rencontre à Lyon : refaçonner le soin ensemble" in titles
