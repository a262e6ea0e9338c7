"""What a reader finds on /recherche/, on SQLite and on PostgreSQL alike.

Queries a reader would type (without accents, in the plural, in inclusive writing) against
the demo's real texts, read as the reader reads them: the titles and labels on the page.
"""

import random
import re

import pytest
from django.test import Client
from django.utils.html import escape

from articles.factories import ArticlePageFactory, RubricFactory
from fabrique.core.factories import PersonFactory
from fabrique.demo.site import publish
from fabrique.moderation.actions import publish as publish_story
from fabrique.search.kinds import get_search_kind
from fabrique.search.text import query_terms
from fabrique.search.views import backend_query, describe, find
from fabrique.web.querystring import clean_search_query
from testimonies import factories
from testimonies.models import Testimony

pytestmark = pytest.mark.usefixtures("demo")

RESULT_TITLE = re.compile(r'<h3 class="card__title"><a href="[^"]*">(.*?)</a></h3>', re.S)
RESULT_KIND = re.compile(r'<p class="card__kind">(.*?)</p>', re.S)


def search(**params):
    response = Client().get("/recherche/", params)
    assert response.status_code == 200
    return response.content.decode()


def titles(html: str) -> list[str]:
    return [title.strip() for title in RESULT_TITLE.findall(html)]


def found(query: str, **params) -> list[str]:
    return titles(search(q=query, **params))


def test_desert_medical_without_accents_finds_the_deserts_medicaux_pages():
    results = found("desert medical")
    assert any("Déserts médicaux" in title for title in results), results


def test_medicaments_finds_the_article_on_medicament_shortages():
    assert any("médicament" in title for title in found("medicaments"))


def test_hopital_finds_hopital_and_hopitaux():
    assert found("hopital")


def test_inclusive_writing_is_found_by_every_ordinary_form():
    article = "Des soignant·es à politiser, une santé à réparer"
    for query in ("soignants", "soignantes", "soignant"):
        assert article in found(query), query


def test_plural_finds_singular_and_back():
    assert found("gardes") or found("garde")
    assert set(found("patients")) & set(found("patient·es"))


def story(title, text, **fields):
    return factories.TestimonyFactory(title=title, story=text, **fields)


def test_a_published_story_is_found_and_labelled_a_testimony():
    publish_story(
        story("Mon médecin traitant est parti", "Personne pour le remplacer à Zanzibaroux.")
    )
    html = search(q="zanzibaroux")
    assert titles(html) == ["Mon médecin traitant est parti"]
    assert RESULT_KIND.findall(html) == ["Témoignages"]


def test_a_pending_story_and_a_redacted_word_find_nothing():
    story("En attente", "Un mot secret : Quetzalcoatlesque.")
    published = story(
        "Caviardé",
        "Mon voisin Gribouillardin m'a conduit aux urgences.",
        published_text="Mon voisin […] m'a conduit aux urgences.",
    )
    publish_story(published)
    assert found("quetzalcoatlesque") == []
    assert found("gribouillardin") == []
    assert "Caviardé" in found("urgences voisin")
    assert Testimony.objects.count() >= 2


def test_the_kind_filter_keeps_one_kind_with_its_french_label():
    publish_story(story("Déserts médicaux vus de chez moi", "Le désert médical, je le vis."))
    everything = search(q="desert medical")
    assert {"Articles", "Témoignages"} <= set(RESULT_KIND.findall(everything))
    only_stories = search(q="desert medical", type="temoignages")
    assert set(RESULT_KIND.findall(only_stories)) == {"Témoignages"}
    assert 'aria-current="page">Témoignages</a>' in only_stories
    only_articles = search(q="desert medical", type="articles")
    assert set(RESULT_KIND.findall(only_articles)) == {"Articles"}


def test_an_unknown_kind_searches_everything():
    assert found("desert medical", type="<script>") == found("desert medical")


def test_the_matching_passage_is_highlighted_and_markup_from_a_page_is_escaped(home):
    index = home.get_children().get(slug="articles").specific
    page = ArticlePageFactory.build(
        title="Balises dangereuses",
        standfirst='Avant <img src=x onerror="alert(1)"> le mot Ornithorynque, après.',
    )
    index.add_child(instance=page)
    publish(page)
    html = search(q="ornithorynque")
    assert "Balises dangereuses" in titles(html)
    assert "<img" not in html.split('id="search-q"')[1]
    assert escape('<img src=x onerror="alert(1)">') in html
    assert "<mark>Ornithorynque</mark>" in html


def test_a_hostile_query_answers_200_and_is_shown_escaped():
    html = search(q='"><script>alert(1)</script> & OR NOT * "NEAR(a b)" ' + "x" * 10_000)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" not in html  # punctuation is no search term: it is dropped


def random_query(rng: random.Random) -> str:
    """One hostile query: operators, quotes, markup, controls, format and private-use
    characters, any code point, sometimes 10,000 characters long."""
    pieces = [
        '"',
        "'",
        "*",
        "^",
        ":",
        "(",
        ")",
        "{",
        "}",
        "-",
        "+",
        "|",
        "&",
        "!",
        "~",
        "\\",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "<->",
        "<zzfuzz onerror=x>",
        "</mark>",
        "<mark>",
        "\ue000",
        "\ue001",
        "\u200b",
        "\u202e",
        "\ufeff",
        "\u00ad",
        "\x07",
        "\x1b",
        "\r\n",
        "soignant·es",
        "l'hôpital",
        "désert",
        "ﬁ",
        "Ｍédicament",
        "𝕯é",
        "%00",
        "%",
        "_",
        "· · ·",
        "--",
        "''",
        "\U0001f600",
    ]
    size = rng.choice([1, 2, 5, 12, 40])
    parts = []
    for _ in range(size):
        roll = rng.random()
        if roll < 0.5:
            parts.append(rng.choice(pieces))
        elif roll < 0.8:
            parts.append(
                chr(
                    rng.choice(
                        [
                            rng.randrange(0x20, 0x2FF),
                            rng.randrange(0x300, 0xD7FF),
                            rng.randrange(0xE000, 0x10FFFF),
                        ]
                    )
                )
            )
        else:
            parts.append("".join(rng.choice("abcdeéèàçœ") for _ in range(rng.randrange(1, 12))))
        parts.append(rng.choice(["", " ", "  "]))
    query = "".join(parts)
    if rng.random() < 0.02:
        query = (query + " ") * (10_000 // max(1, len(query)) + 1)
    return query


def test_thousands_of_hostile_queries_never_fail_the_backend():
    """Seeded: every run sends the same queries, cleaned and searched as the page does."""
    rng = random.Random(20261207)
    kinds = [None, get_search_kind("articles"), get_search_kind("temoignages")]
    for number in range(3000):
        query = clean_search_query(random_query(rng))
        terms = query_terms(query) if query else []
        if terms:
            results = find(backend_query(terms), kinds[number % 3])
            for result in results[:2]:
                describe(result, terms)


def test_hostile_queries_answer_200_escaped():
    """Through the whole page: status and escaping. A NUL byte is refused before any view
    (a French 400, fabrique/web/middleware.py, tested with the middleware)."""
    rng = random.Random(7122026)
    client = Client()
    kinds = ["", "articles", "temoignages", "<zzfuzz>", "x" * 300]
    for number in range(300):
        query = random_query(rng)
        params = {"q": query}
        if number % 3 == 0:
            params["type"] = rng.choice(kinds)
        if number % 7 == 0:
            params["page"] = rng.choice(["2", "-1", "99999999999999999999", "x"])
        response = client.get("/recherche/", params)
        assert response.status_code == 200, (response.status_code, query)
        body = response.content.decode()
        assert "<zzfuzz" not in body, query


def test_nothing_found_offers_a_way_on():
    html = search(q="xylophoniquement")
    assert re.search(r"Aucun résultat pour «\s*xylophoniquement\s*»", html)
    assert "orthographe" in html
    assert "moins de mots" in html


def test_results_are_paginated_with_the_shared_include():
    html = search(q="sante")
    if "Page 1 sur" in html:
        assert 'rel="next"' in html
    assert titles(html)


def test_authors_rubric_keywords_and_notes_are_found(home):
    index = home.get_children().get(slug="articles").specific
    author = PersonFactory(name="Philomène Quarantaine")
    hidden = PersonFactory(name="Barnabé Brouillonnet", live=False)
    article = ArticlePageFactory(
        parent=index, title="Un article crédité", rubric=RubricFactory(name="Grand angle")
    )
    article.authors.create(person=author)
    article.authors.create(person=hidden)
    article.footnotes.create(text="<p>Rapport Vermicellière, 2024.</p>")
    article.tags.add("télésantéïté")
    article.save()
    publish(article)
    for query in ("philomene quarantaine", "grand angle", "vermicelliere", "telesanteite"):
        assert "Un article crédité" in found(query), query
    # A person still waiting for review is named nowhere in public, the search included.
    assert found("brouillonnet") == []
