"""« Programmer » in the page editor, as an Éditeur uses it: one calendar, minutes to the
five, and « Enregistrer la programmation » visible and clickable while the calendar is open."""

import pytest

from articles.models import ArticlePage

from .test_editor_journey import log_in, make_editor

pytestmark = pytest.mark.browser

OPEN_PICKERS = """() => Array.from(document.querySelectorAll('.xdsoft_datetimepicker'))
    .filter((e) => getComputedStyle(e).display !== 'none').length"""
COVERED = """(button) => {
    const box = button.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return !(hit === button || button.contains(hit));
}"""


def wait_for_a_picker(page):
    """Until a calendar is open (the admin's CSP forbids Playwright's wait_for_function)."""
    for _ in range(50):
        if page.evaluate(OPEN_PICKERS):
            return
        page.wait_for_timeout(100)
    raise AssertionError("no calendar opened")


def test_scheduling_offers_minutes_and_keeps_the_save_button_reachable(site, page, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    make_editor("camille")
    article = ArticlePage.objects.live().first()
    log_in(page, site, "camille")
    page.goto(f"{site}/admin/pages/{article.pk}/edit/")
    page.locator("[data-side-panel-toggle='status']").first.click()
    page.locator("[data-side-panel='status'] button", has_text="Programmer").first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    save = dialog.get_by_role("button", name="Enregistrer la programmation")

    dialog.locator("[name=go_live_at]").click()
    wait_for_a_picker(page)
    picker = page.locator(".fabrique-picker-in-dialog").nth(0)
    assert page.evaluate(OPEN_PICKERS) == 1  # one calendar, not one per field
    times = picker.locator(".xdsoft_time").all_inner_texts()
    assert "18:35" in times and "18:00" in times
    save.scroll_into_view_if_needed()
    assert save.is_visible()
    assert not save.evaluate(COVERED)

    picker.locator("td.xdsoft_date:not(.xdsoft_disabled):not(.xdsoft_other_month)").last.click()
    if not page.evaluate(OPEN_PICKERS):  # the day chosen closes it: back to the field
        dialog.locator("[name=expire_at]").focus()
        dialog.locator("[name=go_live_at]").focus()
        wait_for_a_picker(page)
    picker.locator(".xdsoft_time", has_text="18:35").click()
    typed = dialog.locator("[name=go_live_at]").input_value()
    assert typed.endswith(" 18:35"), typed
    assert page.evaluate(OPEN_PICKERS) <= 1

    with page.expect_navigation():
        save.click()
    revision = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert revision.go_live_at is not None
    assert revision.go_live_at.astimezone().strftime("%H:%M") == "18:35"
