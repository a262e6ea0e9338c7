"""« Dans le dossier » on content, the filter of the articles listing, the home block, the menu."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests.a11y import assert_accessible

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_article_shows_the_dossiers_it_belongs_to(client, make_dossier, make_article):
    article = make_article(title="Loi Garot")
    alone = make_article(title="Sans dossier")
    deserts = make_dossier(title="Déserts médicaux", items=[article])
    make_dossier(title="Accès aux droits", items=[article])
    hidden = make_dossier(title="Dossier privé", items=[article])
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = make_dossier(title="Dossier dépublié", items=[article])
    draft.unpublish()

    response = client.get(article.url)
    assert_accessible(response)
    aside = soup_of(response).find("aside", class_="in-dossiers")
    assert aside.find("h2").get_text(strip=True) == "Dans les dossiers"
    links = [(a.get_text(strip=True), a["href"]) for a in aside.find_all("a")]
    assert links == [("Accès aux droits", links[0][1]), ("Déserts médicaux", deserts.url)]
    assert soup_of(client.get(alone.url)).find("aside", class_="in-dossiers") is None


def test_one_dossier_reads_dans_le_dossier(client, make_dossier, make_article):
    article = make_article(title="Loi Garot")
    make_dossier(title="Déserts médicaux", items=[article])
    aside = soup_of(client.get(article.url)).find("aside", class_="in-dossiers")
    assert aside.find("h2").get_text(strip=True) == "Dans le dossier"


def test_articles_listing_filters_by_dossier(client, make_dossier, make_article, article_index):
    inside = make_article(title="Dans le dossier")
    make_article(title="Hors du dossier")
    # Listed twice by mistake: still one card.
    make_dossier(title="Déserts médicaux", slug="deserts-medicaux", items=[inside, inside])
    response = client.get(article_index.url, {"dossier": "deserts-medicaux"})
    assert_accessible(response)
    soup = soup_of(response)
    assert [h.get_text(strip=True) for h in soup.select(".card__title")] == ["Dans le dossier"]
    select = soup.find("select", attrs={"name": "dossier"})
    assert select.find("option", selected=True).get_text() == "Déserts médicaux"
    # An unknown dossier leaves the listing whole.
    unfiltered = soup_of(client.get(article_index.url, {"dossier": "inconnu"}))
    assert len(unfiltered.select(".card__title")) == 2


def test_listing_and_home_block_and_menu(client, make_dossier, dossier_index, home):
    make_dossier(title="Santé mentale", updated_on="2024-01-01")
    make_dossier(title="Déserts médicaux", updated_on="2025-06-01")
    response = client.get(dossier_index.url)
    assert_accessible(response)
    titles = [h.get_text(strip=True) for h in soup_of(response).select(".card__title")]
    assert titles == ["Déserts médicaux", "Santé mentale"]

    home_soup = soup_of(client.get(home.url))
    block = home_soup.find("section", class_="section--dossiers")
    assert block.find(class_="card__title").get_text(strip=True) == "Déserts médicaux"

    nav = home_soup.find("nav", class_="site-nav")
    assert nav.find("a", string="Dossiers")["href"] == dossier_index.url
    dossier_index.show_in_menus = False
    dossier_index.save_revision().publish()
    nav = soup_of(client.get(home.url)).find("nav", class_="site-nav")
    assert nav.find("a", string="Dossiers") is None


def test_empty_listing_says_so(client, dossier_index, home):
    response = client.get(dossier_index.url)
    assert "Aucun dossier n'est encore publié." in response.content.decode()
    assert soup_of(client.get(home.url)).find("section", class_="section--dossiers") is None


def test_published_testimony_shows_its_dossier(client, make_dossier, make_testimony):
    story = make_testimony(title="La route")
    dossier = make_dossier(title="Déserts médicaux", items=[story])
    response = client.get(f"/vos-histoires/{story.uuid}/")
    assert_accessible(response)
    aside = soup_of(response).find("aside", class_="in-dossiers")
    assert aside.find("a")["href"] == dossier.url


def test_listing_filters_by_theme(client, make_dossier, dossier_index):
    from fabrique.core.models import Theme

    access = Theme.objects.create(name="Accès aux soins")
    unused = Theme.objects.create(name="Prévention")
    make_dossier(title="Déserts médicaux", theme=access)
    make_dossier(title="Santé mentale")
    response = client.get(dossier_index.url, {"theme": access.slug})
    assert_accessible(response)
    soup = soup_of(response)
    assert [h.get_text(strip=True) for h in soup.select(".card__title")] == ["Déserts médicaux"]
    options = [o.get_text() for o in soup.select("select[name=theme] option")]
    assert options == ["Tous les thèmes", "Accès aux soins"]  # only themes with a dossier
    assert unused.name not in options
    everything = soup_of(client.get(dossier_index.url, {"theme": "inconnu"}))
    assert len(everything.select(".card__title")) == 2


def test_every_kind_of_content_shows_its_dossier(client, make_dossier, site_tree):
    """Videos, episodes and events say which dossier holds them, as articles do."""
    from events.factories import EventPageFactory
    from fabrique.demo.site import publish
    from podcasts.demo import make_cover_image
    from podcasts.factories import AudioFileFactory, EpisodePageFactory, PodcastShowPageFactory
    from videos.factories import VideoPageFactory

    sections = site_tree["sections"]
    show = publish(
        PodcastShowPageFactory(
            parent=sections["podcasts"], title="Les Voix", cover_image=make_cover_image("Voix", 0)
        )
    )
    contents = [
        publish(VideoPageFactory(parent=sections["videos"], title="Une vidéo")),
        publish(
            EpisodePageFactory(
                parent=show, title="Un épisode", audio=AudioFileFactory(title="Son", seconds=1.0)
            )
        ),
        publish(EventPageFactory(parent=sections["evenements"], title="Un direct")),
    ]
    dossier = make_dossier(title="Déserts médicaux", items=contents)
    for content in contents:
        aside = soup_of(client.get(content.url)).find("aside", class_="in-dossiers")
        assert aside is not None, content.title
        assert aside.find("a")["href"] == dossier.url
