"""An admin listing searched, then sorted by a column heading, answers its rows, never a 500.

Wagtail's search backend cannot sort its results by a column unless each column is a
``FilterField``, and on SQLite it cannot restrict a search to the viewset's fields: the
listings search their own table instead. Every snippet listing is checked, with the
orderings its own column headings offer, so a new listing is covered without a change here.
"""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from fabrique.accounts.roles import EDITORS
from fabrique.core.factories import PersonFactory
from tests.team import member

# What these tests read is the search index the site keeps up to date.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

PEOPLE_URL = "/admin/snippets/core/person/"


def names_listed(response) -> list[str]:
    assert response.status_code == 200
    html = response.content.decode()
    return [name for _pos, name in sorted((html.find(n), n) for n in NAMES if n in html)]


NAMES = ["Jean Dupont", "Jeanne Roux", "Amina Benali"]


def test_an_editor_searches_people_then_sorts_them(site_tree):
    PersonFactory(name="Jean Dupont", role="médecin")
    PersonFactory(name="Jeanne Roux", role="infirmière")
    PersonFactory(name="Amina Benali", role="Jean-Paul's sage-femme")
    client = Client()
    client.force_login(member(EDITORS, "edith"))
    # Amina is found by her role.
    assert names_listed(client.get(PEOPLE_URL, {"q": "jean", "ordering": "name"})) == [
        "Amina Benali",
        "Jean Dupont",
        "Jeanne Roux",
    ]
    assert names_listed(client.get(PEOPLE_URL, {"q": "jean", "ordering": "-name"})) == [
        "Jeanne Roux",
        "Jean Dupont",
        "Amina Benali",
    ]
    # The results alone, as the listing's search box fetches them while typing.
    results = client.get(PEOPLE_URL + "results/", {"q": "roux", "ordering": "-role"})
    assert names_listed(results) == ["Jeanne Roux"]
    assert names_listed(client.get(PEOPLE_URL, {"q": "nobody", "ordering": "role"})) == []


def _orderings(viewset, url: str, user) -> set[str]:
    """What the listing's column headings link to (``?ordering=key`` and ``-key``)."""
    request = RequestFactory().get(url)
    request.user = user
    # Built as the viewset builds it (Wagtail drops the options a viewset leaves unset).
    view_func = viewset.construct_view(viewset.index_view_class, **viewset.get_index_view_kwargs())
    view = view_func.view_class(**view_func.view_initkwargs)
    view.setup(request)
    keys = {column.sort_key for column in view.columns if getattr(column, "sort_key", None)}
    return keys | {f"-{key}" for key in keys}


def test_every_snippet_listing_searches_then_sorts(site_tree, admin_client, admin_user):
    checked = 0
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        url = reverse(viewset.get_url_name("list"))
        listing = admin_client.get(url, {"q": "a"})
        assert listing.status_code == 200, url
        for ordering in _orderings(viewset, url, admin_user):
            response = admin_client.get(url, {"q": "a", "ordering": ordering})
            assert response.status_code == 200, (url, ordering)
            checked += 1
    assert checked >= 10, "the listings offer no column to sort by: the check checks nothing"
