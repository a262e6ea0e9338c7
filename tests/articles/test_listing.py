"""The articles listing: filters, pagination, a bounded number of queries, the home section."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.factories import RubricFactory
from tests.a11y import assert_accessible
from tests.caches import clear_all_caches
from tests.html import plain

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".card__title")]


def test_listing_newest_first_with_filter_form(client, index, make_article, rubric):
    make_article(title="Ancien", date=datetime.date(2024, 1, 5), rubric=rubric)
    make_article(title="Récent", date=datetime.date(2025, 3, 2))
    response = client.get(index.url)
    assert response.status_code == 200
    assert_accessible(response)
    assert titles(response) == ["Récent", "Ancien"]
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    form = soup.find("form", class_="filters")
    assert form["method"] == "get"
    assert form.find("select", attrs={"name": "rubrique"})
    assert form.find("button", type="submit")
    assert "5 janvier 2024" in plain(response.content.decode())


def test_filter_by_rubric_and_tag(client, index, make_article, rubric):
    other = RubricFactory(name="Décryptage", slug="decryptage")
    make_article(title="Une tribune", rubric=rubric, tags=["soin"])
    make_article(title="Un décryptage", rubric=other, tags=["soin"])
    make_article(title="Sans mot-clé", rubric=rubric)
    assert sorted(titles(client.get(index.url, {"rubrique": "tribune"}))) == [
        "Sans mot-clé",
        "Une tribune",
    ]
    assert sorted(titles(client.get(index.url, {"tag": "soin"}))) == [
        "Un décryptage",
        "Une tribune",
    ]
    response = client.get(index.url, {"tag": "soin", "rubrique": "decryptage"})
    assert titles(response) == ["Un décryptage"]
    assert_accessible(response)
    # An unknown rubric is ignored rather than emptying the page.
    assert len(titles(client.get(index.url, {"rubrique": "inconnue"}))) == 3


def test_removing_the_tag_keeps_the_other_filters(client, index, make_article, rubric, person):
    make_article(title="Une tribune", rubric=rubric, tags=["soin"], authors=[person])
    response = client.get(index.url, {"rubrique": "tribune", "auteur": person.slug, "tag": "soin"})
    link = BeautifulSoup(response.content.decode(), "html.parser").find(
        "a", string="Retirer ce mot-clé"
    )
    assert link["href"] == f"{index.url}?rubrique=tribune&auteur={person.slug}"


def test_pagination_keeps_filters(client, index, make_article, rubric):
    for number in range(14):
        make_article(title=f"Article {number:02}", rubric=rubric)
    response = client.get(index.url, {"rubrique": "tribune"})
    assert len(titles(response)) == 12
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    next_link = soup.find("a", rel="next")
    assert next_link["href"] == "?rubrique=tribune&page=2"
    second = client.get(index.url, {"rubrique": "tribune", "page": 2})
    assert len(titles(second)) == 2
    assert "Page 2 sur 2" in second.content.decode()
    assert_accessible(second)
    # A page number out of range shows the last page instead of an error.
    assert client.get(index.url, {"page": 99}).status_code == 200


def count_listing_queries(client, url) -> int:
    client.get(url)  # renditions are created on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_cards(client, index, make_article, rubric, image, person):
    from articles.models import ArticlePage

    def add(count):
        for _ in range(count):
            make_article(rubric=rubric, hero_image=image, authors=[person], tags=["soin"])

    add(5)
    with_five = count_listing_queries(client, index.url)
    add(45)  # 50 articles: a full first page and more pages behind it
    with_fifty = count_listing_queries(client, index.url)
    assert ArticlePage.objects.count() == 50
    assert with_five == with_fifty


def test_cards_with_distinct_images_keep_the_query_count_flat(client, index, make_article):
    """Each card's image rendition comes from one prefetch, not one query per image.

    The rendition cache is emptied before counting, as on a fresh server: a warm cache
    would hide a missing prefetch.
    """

    from fabrique.core.factories import ImageFactory

    images = [ImageFactory(title=f"Image {n}", description=f"Image {n}") for n in range(12)]

    def cold_count() -> int:
        client.get(index.url)  # creates the renditions
        clear_all_caches()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(index.url)
        assert response.status_code == 200
        return len(queries)

    for image in images[:5]:
        make_article(hero_image=image)
    with_five = cold_count()
    for n in range(45):
        make_article(hero_image=images[(5 + n) % len(images)])
    assert cold_count() == with_five


def test_home_shows_latest_articles(client, home, make_article, index):
    for number in range(5):
        make_article(title=f"Article {number}", date=datetime.date(2024, 1, number + 1))
    response = client.get(home.url)
    assert_accessible(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    section = soup.find("section", class_="section--articles")
    assert section.h2.get_text(strip=True) == "Articles"
    assert [h.get_text(strip=True) for h in section.select(".card__title")] == [
        "Article 4",
        "Article 3",
        "Article 2",
        "Article 1",
    ]
    assert section.find("a", string="Tous les articles")["href"] == index.url


def test_home_without_articles_has_no_section(client, home):
    assert b"section--articles" not in client.get(home.url).content


def test_article_tag_and_rubric_links_lead_to_filtered_listing(client, make_article, rubric):
    article = make_article(title="Avec mot-clé", rubric=rubric, tags=["santé mentale"])
    make_article(title="Autre", tags=["pénuries"])
    soup = BeautifulSoup(client.get(article.url).content.decode(), "html.parser")
    tag_link = soup.select_one(".article__tags a")
    assert tag_link.get_text(strip=True) == "santé mentale"
    assert titles(client.get(tag_link["href"])) == ["Avec mot-clé"]
    rubric_link = soup.select_one(".article__rubric a")
    response = client.get(rubric_link["href"])
    assert titles(response) == ["Avec mot-clé"]
    feeds = BeautifulSoup(response.content.decode(), "html.parser").head.find_all(
        "link", type="application/rss+xml"
    )
    assert feeds[-1]["href"].endswith("/rss/tribune/")
