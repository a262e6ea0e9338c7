from .harness import PHONE_WIDTHS, axe_violations, horizontal_overflow, nu_errors
from .pages import ALL

MINE = [t for t in ALL if "appel" in t.name or "Inspir" in t.name or "fiche" in t.name]


def test_mine(site, page):
    problems, documents = [], {}
    assert len(MINE) == 7
    for target in MINE:
        response = target.open(page, site)
        assert response.status == target.status, (target.name, page.url, response.status)
        problems += axe_violations(page, target.name)
        for width in PHONE_WIDTHS:
            if problem := horizontal_overflow(page, target.name, width):
                problems.append(problem)
        documents[target.slug] = response.text()
    problems += nu_errors(documents)
    assert not problems, "\n".join(problems)
