"""What a reader sees on an article and in the listing."""

import json

import pytest
from django.utils import timezone

from articles.models import ArticleIndexPage, ArticlePage
from fabrique.home.models import HomePage
from tests.a11y import assert_accessible
from tests.caches import clear_all_caches
from tests.html import plain, soup_of

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert ArticlePage.allowed_parent_page_models() == [ArticleIndexPage]
    assert ArticlePage.allowed_subpage_models() == []
    assert ArticleIndexPage.allowed_parent_page_models() == [HomePage]
    assert ArticleIndexPage.allowed_subpage_models() == [ArticlePage]
    assert ArticleIndexPage.max_count == 1


def test_article_shows_everything_an_editor_filled_in(
    client, make_article, rubric, image, person, article_date
):
    article = make_article(
        title="Des soignant·es à politiser",
        standfirst="Un chapô qui pose le sujet.",
        rubric=rubric,
        hero_image=image,
        hero_caption="Une salle d'attente",
        hero_credit="La Fabrique",
        date=article_date,
        authors=[person],
        tags=["santé publique"],
        body=[
            {"type": "heading", "value": {"text": "Un titre de section", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Premier paragraphe.</p>"},
            {"type": "quote", "value": {"quote": "Une citation.", "attribution": "Une autrice"}},
            {"type": "callout", "value": {"title": "À retenir", "text": "<p>Encadré.</p>"}},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Un couloir", "caption": "Couloir"},
            },
        ],
    )
    response = client.get(article.url)
    assert response.status_code == 200
    assert_accessible(response)
    html = response.content.decode()
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Des soignant·es à politiser"
    assert "Un chapô qui pose le sujet." in html
    assert "11 octobre 2024" in plain(html)
    assert "Jalel Malek Hamza" in html
    assert "Tribune" in html
    assert "santé publique" in html
    assert "Un titre de section" in html
    assert "Premier paragraphe." in html
    assert "Une citation." in html
    assert "Encadré." in html
    assert 'alt="Un couloir"' in html
    assert "© La Fabrique" in html
    assert "1 minute de lecture" in plain(html)
    assert soup.find("meta", property="og:type")["content"] == "article"


def test_reading_time_counts_words(make_article):
    words = " ".join(["mot"] * 700)
    article = make_article(standfirst="", body=[{"type": "paragraph", "value": f"<p>{words}</p>"}])
    assert article.reading_time == 4


def test_footnotes_link_both_ways(client, make_article):
    article = make_article(
        body=[
            {"type": "paragraph", "value": "<p>Une affirmation[1] puis une autre[2].</p>"},
            {"type": "paragraph", "value": "<p>Un rappel[1] et un crochet [9] sans note.</p>"},
        ],
        footnotes=["<p>Première source.</p>", "<p>Seconde source.</p>"],
    )
    response = client.get(article.url)
    assert_accessible(response)
    soup = soup_of(response)
    refs = soup.select("sup.footnote-ref a")
    assert [a.get_text() for a in refs] == ["1", "2", "1"]
    assert refs[0]["href"] == "#note-1" and refs[0]["id"] == "ref-1"
    assert refs[1]["href"] == "#note-2" and refs[1]["id"] == "ref-2"
    assert not refs[2].has_attr("id")
    assert "[9]" in soup.get_text()
    notes = soup.select(".footnotes li")
    assert [li["id"] for li in notes] == ["note-1", "note-2"]
    assert "Première source." in notes[0].get_text()
    back = notes[1].find("a", class_="footnote-back")
    assert back["href"] == "#ref-2"
    assert back["aria-label"] == "Retour au texte"


def test_a_number_in_brackets_inside_a_tag_stays_as_written(client, make_article):
    """« [1] » in a link's address is part of the address, not a call to note 1."""
    article = make_article(
        body=[
            {
                "type": "paragraph",
                "value": '<p>Voir <a href="https://exemple.fr/rapport[1]">le rapport</a>[1].</p>',
            },
        ],
        footnotes=["<p>Première source.</p>"],
    )
    soup = soup_of(client.get(article.url))
    link = soup.find("a", string="le rapport")
    assert link["href"] == "https://exemple.fr/rapport[1]"
    assert [a["href"] for a in soup.select("sup.footnote-ref a")] == ["#note-1"]


# Measured: 32 on a cold cache: site, routing, settings, images, « Lire aussi » (one query
# per kind of content that shares tags), the site-wide « En direct » banner (events,
# cached until its next change) and « Dans le dossier » (the dossiers holding it).
# A cold start: every cache emptied, so the site frame (sites, roots, locales, restrictions,
# settings, menu, footer) is read too; between publications an article costs 6 to 8
# (tests/core/test_query_budgets.py).
ARTICLE_PAGE_MAX_QUERIES = 36


def test_an_article_page_costs_a_bounded_number_of_queries(
    client, make_article, rubric, image, django_assert_max_num_queries
):
    """Authors, tags, notes, images and related articles: a fixed budget, whatever their number."""

    from fabrique.core.factories import ImageFactory, PersonFactory

    def article_with(count: int):
        return make_article(
            rubric=rubric,
            hero_image=ImageFactory(title=f"Une {count}", description="Une"),
            authors=[PersonFactory(name=f"Personne {count}-{n}") for n in range(count)],
            tags=[f"mot {count}-{n}" for n in range(count)],
            footnotes=[f"<p>Note {n}.</p>" for n in range(count)],
            body=[
                {
                    "type": "paragraph",
                    "value": "".join(f"<p>Appel[{n + 1}].</p>" for n in range(count)),
                },
                {
                    "type": "image",
                    "value": {"image": image.pk, "alt_text": "Un couloir", "caption": ""},
                },
            ],
        )

    def cold_count(article) -> int:
        assert client.get(article.url).status_code == 200  # creates the renditions
        clear_all_caches()
        with django_assert_max_num_queries(ARTICLE_PAGE_MAX_QUERIES) as captured:
            assert client.get(article.url).status_code == 200
        return len(captured)

    few, many = article_with(1), article_with(6)
    for _ in range(3):
        make_article(rubric=rubric, hero_image=ImageFactory(title="Liée", description="Liée"))
    assert cold_count(many) == cold_count(few)


def test_date_defaults_to_first_publication(make_article):
    article = make_article(date=None)
    assert article.date == timezone.localdate(article.first_published_at)


def test_json_ld_describes_the_article(client, make_article, person, image, article_date):
    article = make_article(title="Titre", authors=[person], hero_image=image, date=article_date)
    soup = soup_of(client.get(article.url))
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Article"
    assert data["headline"] == "Titre"
    assert data["datePublished"] == "2024-10-11"
    assert data["dateModified"]
    assert data["author"] == [{"@type": "Person", "name": "Jalel Malek Hamza"}]
    assert data["image"].startswith("http")
    assert data["publisher"]["name"] == "La Fabrique des Soignants"


def test_listing_image_falls_back_to_hero(make_article, image):
    assert make_article(hero_image=image).get_listing_image() == image
