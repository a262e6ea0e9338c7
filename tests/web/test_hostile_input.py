"""Hostile query strings and bodies answer 200 or 400 with a French page, never 500.

Run on both databases by the suite (SQLite by default, PostgreSQL with DATABASE_URL):
a NUL byte fails in PostgreSQL lookups, an unbalanced quote in SQLite's search.
"""

from urllib.parse import urlencode

import pytest
from django.test import Client

from fabrique.web.querystring import clean_filter_value, clean_search_query
from testimonies.models import Testimony as StoredTestimony
from tests.testimonies.conftest import FORM_URL, valid_data

pytestmark = pytest.mark.django_db

MANY_TERMS = "+".join(f"mot{n}" for n in range(300))

# (address, expected status): 400 where the request cannot mean anything (a NUL byte).
HOSTILE_GETS = [
    ("/vos-histoires/?q=%00", 400),
    ("/vos-histoires/?theme=%00", 400),
    ("/vos-histoires/?departement=%00", 400),
    ("/vos-histoires/?theme=%ff%fe&departement=%C3%28", 200),
    ("/vos-histoires/?departement=" + "9" * 5000, 200),
    ("/vos-histoires/?theme=%E2%80%AE%1b[31m", 200),
    ("/vos-histoires/%00/", 400),
    # The story route takes 36 hex digits or dashes; not a UUID, so no such story.
    ("/vos-histoires/" + "-" * 36 + "/", 404),
    ("/vos-histoires/0123456789abcdef0123456789abcdef0123/", 404),
    ("/articles/?tag=%00", 400),
    ("/articles/?auteur=%00", 400),
    ("/articles/?rubrique=%00", 400),
    ("/articles/?tag=%ff&auteur=%C3%28&rubrique=%80", 200),
    ("/articles/?auteur=" + "a" * 5000, 200),
    ("/recherche/?q=c'est+%22urgent", 200),
    ("/recherche/?q=%22%22%22+OR+*+NEAR(+-", 200),
    ("/recherche/?q=%00", 400),
    ("/recherche/?q=" + MANY_TERMS, 200),
    ("/recherche/?q=%ff%fe%fd", 200),
    ("/recherche/?q=" + "%C3%A9" * 3000, 200),
]


def assert_french_page(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="fr"' in html
    if status == 400:
        assert "Demande incorrecte" in html


@pytest.mark.parametrize(("url", "status"), HOSTILE_GETS)
def test_hostile_query_strings(site_tree, url, status):
    assert_french_page(Client().get(url), status)


def test_a_form_declared_in_latin_1_is_read_or_refused_in_french(site_tree):
    data = {**valid_data(title="Été à l'hôpital", story="Être soignée, enfin."), "started": ""}
    body = urlencode(data, encoding="iso-8859-1")
    response = Client().post(
        FORM_URL, body, content_type="application/x-www-form-urlencoded; charset=iso-8859-1"
    )
    assert response.status_code in (200, 302, 400)
    if response.status_code == 302:
        # Read as what it declares: the accents arrive intact.
        assert StoredTestimony.objects.get().title == "Été à l'hôpital"
    else:
        assert_french_page(response, response.status_code)


@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_body_in_an_unknown_charset_gets_a_french_400(site_tree, content_type):
    """Django raised LookupError (500) on the first read of request.POST."""
    response = Client().generic(
        "POST",
        FORM_URL,
        urlencode(valid_data()).encode(),
        content_type=f"{content_type}; boundary=x; charset=n-importe-quoi",
    )
    assert_french_page(response, 400)
    assert not StoredTestimony.objects.exists()


def test_search_with_an_unbalanced_quote_finds_the_words(site_tree):
    response = Client().get("/recherche/", {"q": "c'est \"urgent"})
    assert response.status_code == 200
    assert "c&#x27;est urgent" in response.content.decode()


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("c'est \"urgent", "c'est urgent"),
        ("l’hôpital\x00de jour", "l'hôpital de jour"),
        ("soignant·es -- ; DROP", "soignant·es DROP"),
        (" ".join(["mot"] * 300), " ".join(["mot"] * 10)),
        # A zero-width space or a soft hyphen pasted into a word leaves it whole.
        ("soi\u200bgnant hôpi\u00adtal", "soignant hôpital"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_search_query(raw, cleaned):
    assert clean_search_query(raw) == cleaned


def test_clean_filter_value():
    assert clean_filter_value("\x00") == ""
    assert clean_filter_value(" 2a\x1b ") == "2a"
    assert len(clean_filter_value("x" * 10_000)) == 100
