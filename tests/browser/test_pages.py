"""Every page type and form in a real browser: axe-core, Nu checker, phone widths, screenshots.

The lists live in ``pages.py``; a new page type or form is added there and gets every
check below. Each check visits the whole list once and reports every failure together.
"""

from .harness import (
    PHONE_WIDTHS,
    SCREENSHOT_WIDTHS,
    axe_violations,
    horizontal_overflow,
    nu_errors,
    screenshot,
)
from .pages import ALL


def _open(target, page, site):
    response = target.open(page, site)
    assert response.status == target.status, (
        f"{target.name} ({page.url}) répond {response.status}, {target.status} attendu"
    )
    return response


def test_no_wcag_violation_on_any_page_or_form(site, page):
    problems = []
    for target in ALL:
        _open(target, page, site)
        problems += axe_violations(page, target.name)
    assert not problems, "axe-core (WCAG 2.1 A/AA):\n" + "\n".join(problems)


def test_no_page_wider_than_a_phone_and_screenshots(site, page):
    problems = []
    for target in ALL:
        _open(target, page, site)
        for width in PHONE_WIDTHS:
            if problem := horizontal_overflow(page, target.name, width):
                problems.append(problem)
        for width in SCREENSHOT_WIDTHS:
            screenshot(page, target.slug, width)
    assert not problems, "Défilement horizontal :\n" + "\n".join(problems)


def test_html_of_every_page_and_form_is_valid(site, page):
    documents = {}
    for target in ALL:
        response = _open(target, page, site)
        documents[target.slug] = response.text()
    problems = nu_errors(documents)
    assert not problems, "Nu HTML checker :\n" + "\n".join(problems)
