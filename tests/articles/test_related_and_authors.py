"""Per-author listing and the "À lire aussi" section at the end of an article."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.factories import RubricFactory
from fabrique.core.factories import PersonFactory
from tests.a11y import assert_accessible

pytestmark = pytest.mark.django_db


def card_titles(soup) -> list[str]:
    return [h.get_text(strip=True) for h in soup.select(".card__title")]


def test_author_name_links_to_their_articles(client, index, make_article, person):
    other = PersonFactory(name="Mickaël Worms-Ehrminger", role="chercheur")
    article = make_article(title="Une tribune de Jalel", authors=[person])
    make_article(title="Un texte de Mickaël", authors=[other])

    soup = BeautifulSoup(client.get(article.url).content.decode(), "html.parser")
    author_link = soup.select_one(".article__authors a")
    assert author_link.get_text(strip=True) == "Jalel Malek Hamza"

    response = client.get(author_link["href"])
    assert response.status_code == 200
    assert_accessible(response)
    listing = BeautifulSoup(response.content.decode(), "html.parser")
    assert card_titles(listing) == ["Une tribune de Jalel"]
    assert listing.select_one(".person__name").get_text(strip=True) == "Jalel Malek Hamza"
    # The filter form keeps the author when another filter is applied.
    assert listing.find("input", attrs={"name": "auteur"})["value"] == person.slug


def test_unknown_author_shows_every_article(client, index, make_article):
    make_article(title="Premier")
    make_article(title="Second")
    response = client.get(index.url, {"auteur": "personne-inconnue"})
    assert len(card_titles(BeautifulSoup(response.content.decode(), "html.parser"))) == 2


def test_related_articles_share_rubric_or_tag(client, make_article, rubric):
    other_rubric = RubricFactory(name="Portrait", slug="portrait")
    article = make_article(title="Article lu", rubric=rubric, tags=["déserts médicaux"])
    make_article(title="Même rubrique", rubric=rubric)
    make_article(title="Même mot-clé", rubric=other_rubric, tags=["déserts médicaux"])
    make_article(title="Sans rapport", rubric=other_rubric)

    response = client.get(article.url)
    assert_accessible(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    section = soup.find("section", class_="related")
    assert section.find("h2").get_text(strip=True) == "À lire aussi"
    assert sorted(card_titles(section)) == ["Même mot-clé", "Même rubrique"]


def test_no_related_section_for_a_lone_article(client, make_article):
    article = make_article(title="Seul")
    soup = BeautifulSoup(client.get(article.url).content.decode(), "html.parser")
    assert soup.find("section", class_="related") is None


def test_related_articles_queries_do_not_grow(make_article, rubric):
    article = make_article(title="Article lu", rubric=rubric)
    make_article(title="Voisin 1", rubric=rubric)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            [a.get_authors() for a in article.get_related_articles()]
        return len(queries)

    few = count_queries()
    make_article(title="Voisin 2", rubric=rubric)
    make_article(title="Voisin 3", rubric=rubric)
    assert count_queries() == few
