"""An episode in a real browser: the native player plays the sound and a chapter seeks it."""

from .pages import first_podcast_episode


def _current_time(page) -> float:
    return page.evaluate("document.getElementById('episode-audio').currentTime")


def test_episode_plays_and_a_chapter_seeks_the_player(site, page):
    page.goto(site + first_podcast_episode())
    audio = page.locator("#episode-audio")
    assert audio.get_attribute("preload") == "none"
    # The script turned each chapter's time into a button.
    buttons = page.locator("ol.chapters button.chapters__seek")
    assert buttons.count() == 3
    assert buttons.nth(1).get_attribute("aria-label") == "Écouter à partir de 00:01 : Témoignage"

    # The first chapter starts playback from the beginning: the sound loads and plays.
    buttons.nth(0).click()
    page.wait_for_function(
        "() => { const a = document.getElementById('episode-audio');"
        " return a.readyState >= 2 && !a.paused && a.currentTime > 0.2; }"
    )
    duration = page.evaluate("document.getElementById('episode-audio').duration")
    assert 2.5 < duration < 3.5

    # Another chapter moves the player to its start (served with Range by the media view).
    buttons.nth(2).click()
    page.wait_for_function("() => document.getElementById('episode-audio').currentTime >= 2")
    assert _current_time(page) >= 2

    # The download link names the sound's size and duration.
    download = page.locator(".episode__download").inner_text()
    assert "MP3" in download and "\u00a0ko" in download and "3\u00a0s" in download
