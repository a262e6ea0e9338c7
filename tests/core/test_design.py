"""The reader's experience (docs/reading.md): phone header, home lead and picks, pictures, French
typography, share links, footer feeds, "À lire aussi" and the demo's illustrations."""

import datetime
import io

import pytest
from django.core.cache import caches
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import mark_safe
from PIL import Image

from articles.factories import ArticlePageFactory
from articles.models import ArticlePage
from fabrique.core.factories import DEMO_COLOURS, ImageFactory, make_image_file
from fabrique.core.templatetags.fabrique_typography import NARROW_NBSP, NBSP, nbsp_fr
from fabrique.demo.site import publish, seed_home_picks
from fabrique.home.models import HomePageFeaturedItem
from fabrique.standard.factories import StandardPageFactory
from tests.a11y import assert_accessible
from tests.html import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(site_tree):
    """Four published articles with pictures, dated one day apart (newest: "Article 3")."""
    index = site_tree["sections"]["articles"]
    made = []
    for n in range(4):
        article = ArticlePageFactory(
            parent=index,
            title=f"Article {n}",
            date=datetime.date(2024, 1, n + 1),
            hero_image=ImageFactory(title=f"Image {n}", description=f"Image {n}"),
        )
        made.append(publish(article))
    return made


def _lead_and_picks(client):
    soup = soup_of(client.get("/"))
    lead = soup.find("section", attrs={"aria-labelledby": "a-la-une"})
    picks = soup.find("section", attrs={"aria-labelledby": "a-voir"})
    return (
        [h.get_text(strip=True) for h in lead.select(".card__title")] if lead else [],
        [h.get_text(strip=True) for h in picks.select(".card__title")] if picks else [],
    )


# Header -------------------------------------------------------------------------------


def test_phone_header_hides_menu_and_search_behind_disclosures(client, site_tree):
    soup = soup_of(client.get("/a-propos/"))
    header = soup.find("header", class_="site-header")
    disclosures = header.select("details.disclosure")
    assert [d.summary.get_text(strip=True) for d in disclosures] == ["Rechercher", "Menu"]
    search = disclosures[0].find("form", role="search")
    assert search["action"] == "/recherche/" and search.find("input", attrs={"name": "q"})
    menu = disclosures[1].find("nav")
    assert menu.find("a", attrs={"aria-current": "page"})["href"] == "/a-propos/"
    # The donate button stays outside the disclosures: always one tap away.
    donate = header.select_one(".site-header__tools > a.site-header__donate")
    assert donate["href"] == "/faire-un-don/"
    assert "/faire-un-don/" not in [a["href"] for a in menu.find_all("a")]
    assert_accessible(client.get("/a-propos/"))


# Home: "À la une" and "À voir" ---------------------------------------------------------


def test_first_pick_leads_and_the_others_are_to_see(client, home, articles):
    about = home.get_children().get(slug="a-propos")
    home.featured_items = [
        HomePageFeaturedItem(page=articles[1]),
        HomePageFeaturedItem(page=about),
        HomePageFeaturedItem(page=articles[2]),
    ]
    publish(home)
    assert _lead_and_picks(client) == (["Article 1"], ["À propos", "Article 2"])
    assert_accessible(client.get("/"))


def test_without_picks_the_newest_content_leads(client, home, articles):
    lead, picks = _lead_and_picks(client)
    assert lead == ["Article 3"]  # by content date, whatever the publication order
    assert picks == ["Article 2", "Article 1", "Article 0"]


def test_a_playable_page_gets_a_play_badge(client, home, articles, monkeypatch):
    home.featured_items = [HomePageFeaturedItem(page=articles[0])]
    publish(home)
    assert not soup_of(client.get("/")).select(".card__badge")
    # Any page type says it is playable (videos, episodes): the card shows "Jouer".
    monkeypatch.setattr(ArticlePage, "is_playable", True)
    badges = soup_of(client.get("/")).select("section[aria-labelledby=a-la-une] .card__badge")
    assert [b.get_text(strip=True) for b in badges] == ["Jouer"]


def test_home_queries_do_not_grow_with_the_picks(client, home, site_tree):
    index = site_tree["sections"]["articles"]
    pages = [
        publish(
            ArticlePageFactory(
                parent=index, title=f"Choix {n}", hero_image=ImageFactory(title=f"Choix {n}")
            )
        )
        for n in range(6)
    ]
    pages += [publish(StandardPageFactory(parent=home, title="Une page", slug="une-page"))]

    def count(picks) -> int:
        home.featured_items = [HomePageFeaturedItem(page=page) for page in picks]
        publish(home)
        client.get("/")  # renditions made once
        caches["reading"].clear()  # the picks are read again, as at a generation's start
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    assert count(pages[:2] + pages[-1:]) == count(pages)


def test_demo_seeds_a_lead_and_picks(client, home, articles):
    chosen = seed_home_picks({"home": home})
    assert [page.title for page in chosen] == ["Article 3", "Article 2", "Article 1", "Article 0"]
    assert _lead_and_picks(client) == (["Article 3"], ["Article 2", "Article 1", "Article 0"])
    assert seed_home_picks({"home": home}) == []  # the editors' choice is kept


# Responsive pictures -------------------------------------------------------------------


def test_cards_and_lead_are_responsive_pictures(client, home, articles):
    soup = soup_of(client.get("/"))
    lead = soup.select_one("section[aria-labelledby=a-la-une] picture")
    assert [s["type"] for s in lead.find_all("source")] == ["image/avif", "image/webp"]
    img = lead.find("img")
    assert img["src"].endswith(".jpg") and img["width"] and img["height"]
    assert img["fetchpriority"] == "high" and not img.get("loading")
    assert len(img["srcset"].split(",")) == 2 and "vw" in img["sizes"]
    for card in soup.select("section[aria-labelledby=a-voir] picture img"):
        assert card["loading"] == "lazy" and not card.get("fetchpriority")
        assert card["alt"] == ""  # the card's title says it


def test_article_hero_loads_first_in_every_format(client, articles):
    soup = soup_of(client.get(articles[0].url))
    picture = soup.select_one(".article__hero picture")
    assert [s["type"] for s in picture.find_all("source")] == ["image/avif", "image/webp"]
    img = picture.find("img")
    assert img["fetchpriority"] == "high" and img["alt"] == "Image 0"


def test_renditions_are_real_avif_and_webp(client, articles, settings, tmp_path):
    soup = soup_of(client.get(articles[0].url))
    for source in soup.select(".article__hero source"):
        first = source["srcset"].split(",")[0].split()[0]
        name = first.removeprefix(settings.MEDIA_URL)
        from django.core.files.storage import default_storage

        with default_storage.open(name) as handle:
            assert Image.open(handle).format == source["type"].split("/")[1].upper()


# French typography ---------------------------------------------------------------------


def test_french_spacing_in_text():
    assert nbsp_fr("Pourquoi ? Parce que ! Note : « oui »") == (
        f"Pourquoi{NARROW_NBSP}? Parce que{NARROW_NBSP}! Note{NBSP}: «{NARROW_NBSP}oui{NARROW_NBSP}»"
    )
    # Times, addresses and English stay as they are.
    assert nbsp_fr("10:30 https://exemple.org Wait!") == "10:30 https://exemple.org Wait!"


def test_french_spacing_never_breaks_html():
    html = Template("{% load fabrique_typography %}{{ rich|nbsp_fr }}|{{ plain|nbsp_fr }}").render(
        Context(
            {
                "rich": mark_safe('<a href="/x/?a=1&amp;b=2" title="a : b">Vraiment ?</a>'),
                "plain": "<b>Gras ?</b>",
            }
        )
    )
    rich, plain = html.split("|")
    assert rich == f'<a href="/x/?a=1&amp;b=2" title="a : b">Vraiment{NARROW_NBSP}?</a>'
    assert plain == f"&lt;b&gt;Gras{NARROW_NBSP}?&lt;/b&gt;"  # still escaped


def test_titles_keep_their_punctuation_with_the_word(client, site_tree):
    index = site_tree["sections"]["articles"]
    article = publish(ArticlePageFactory(parent=index, title="Soigner : à quel prix ?"))
    h1 = soup_of(client.get(article.url)).find("h1").get_text()
    assert h1 == f"Soigner{NBSP}: à quel prix{NARROW_NBSP}?"


# Share, feeds, related ---------------------------------------------------------------


def test_article_share_links_are_plain_links(client, articles):
    response = client.get(articles[0].url)
    soup = soup_of(response)
    share = soup.find("section", class_="share")
    links = {a.get_text(strip=True): a["href"] for a in share.find_all("a")}
    url = "http%3A%2F%2Ftestserver%2Farticles%2Farticle-0%2F"
    assert links["Mastodon"].startswith("https://mastodonshare.com/?text=Article%200")
    assert links["Bluesky"] == f"https://bsky.app/intent/compose?text=Article%200%20{url}"
    assert links["LinkedIn"] == f"https://www.linkedin.com/sharing/share-offsite/?url={url}"
    assert links["E-mail"] == f"mailto:?subject=Article%200&body={url}"
    # Copying the link: a field to select without JavaScript, a button with it.
    assert share.find("input", readonly=True)["value"] == "http://testserver/articles/article-0/"
    assert share.find("button").has_attr("hidden")
    # Nothing from another site is loaded to share.
    assert not [s for s in soup.find_all("script", src=True) if "//" in s["src"]]
    assert_accessible(response)


def test_footer_offers_the_feeds(client, site_tree):
    footer = soup_of(client.get("/a-propos/")).find("footer", class_="site-footer")
    feeds = footer.find("nav", attrs={"aria-label": "Flux et abonnements"})
    # One link, to the page that lists every feed and calendar and says how to use them.
    assert [a["href"] for a in feeds.find_all("a")] == ["/s-abonner/"]


def test_related_pages_of_any_kind_without_extra_queries(site_tree):
    index = site_tree["sections"]["articles"]
    page = ArticlePageFactory(parent=index, title="Lu")
    page.tags.add("déserts médicaux")
    page.save()
    page = publish(page)

    def related():
        with CaptureQueriesContext(connection) as queries:
            found = page.get_related_pages()
            [item.get_listing_image() for item in found]
        return [item.title for item in found], len(queries)

    neighbour = ArticlePageFactory(parent=index, title="Voisin", hero_image=ImageFactory())
    neighbour.tags.add("déserts médicaux")
    neighbour.save()
    publish(neighbour)
    titles, few = related()
    assert titles == ["Voisin"]
    for n in range(2):
        other = ArticlePageFactory(parent=index, title=f"Autre {n}", hero_image=ImageFactory())
        other.tags.add("déserts médicaux")
        other.save()
        publish(other)
    titles, more = related()
    assert sorted(titles) == ["Autre 0", "Autre 1", "Voisin"]
    assert more == few


# Demo images ------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", range(4))
def test_demo_images_are_illustrations_not_flat_blocks(layout):
    file = make_image_file("Déserts médicaux : l’État à réparer", DEMO_COLOURS[1], layout=layout)
    file.seek(0)
    image = Image.open(io.BytesIO(file.read()))
    assert image.size == (1200, 675)
    # A gradient, shapes and white lettering: many colours, not one block and a caption.
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 200
    assert (255, 255, 255) in {colour for _, colour in image.convert("RGB").getcolors(1 << 20)}


def test_article_ends_with_its_authors_cards(client, site_tree):
    from fabrique.core.factories import PersonFactory

    index = site_tree["sections"]["articles"]
    article = ArticlePageFactory(parent=index, title="Signé")
    article.authors.create(person=PersonFactory(name="Ana Lopez", role="infirmière"))
    article.save()
    article = publish(article)
    response = client.get(article.url)
    cards = soup_of(response).select(".article__people .person")
    assert [c.select_one(".person__name").get_text(strip=True) for c in cards] == ["Ana Lopez"]
    assert cards[0].select_one(".person__role").get_text(strip=True) == "infirmière"
    assert_accessible(response)
