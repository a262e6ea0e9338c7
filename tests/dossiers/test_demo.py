"""The demo dossier « Déserts médicaux »: the loi Garot article, the 600 km story, the seed's sources."""

import bibtexparser
import pytest
from bs4 import BeautifulSoup

from articles.demo import seed as seed_articles
from dossiers.demo import seed
from dossiers.models import DossierPage
from testimonies.demo import seed as seed_testimonies
from tests.a11y import assert_accessible
from tests.html import plain

pytestmark = pytest.mark.django_db


def test_seed_builds_deserts_medicaux_once(client, site_tree):
    seed_articles(site_tree)
    seed_testimonies(site_tree)
    seed(site_tree)
    seed(site_tree)
    dossier = DossierPage.objects.live().get()
    assert dossier.title == "Déserts médicaux"
    assert dossier.theme.name == "Accès aux soins"
    response = client.get(dossier.url)
    assert_accessible(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    titles = [plain(h.get_text(strip=True)) for h in soup.select(".dossier-item .card__title")]
    assert titles == [
        "Déserts médicaux : que peut vraiment la loi Garot ?",
        "Six cents kilomètres aller-retour",
    ]
    quote = soup.select_one(".dossier-item__quote").get_text()
    assert plain(quote) == "« J'ai fait 600 km pour voir un cardiologue »"
    sources = [" ".join(li.get_text().split()) for li in soup.select(".bibliography .citation")]
    assert len(sources) == 3
    assert sources[0].startswith("Coordination Pas Sans Nous. Manifeste")
    assert "drees.solidarites-sante.gouv.fr" in sources[1]
    assert sources[2].startswith("Organisation mondiale de la santé. « Droits humains et santé ».")
    library = bibtexparser.parse_string(
        client.get(dossier.url + "bibliographie/bibtex/").content.decode()
    )
    assert len(library.entries) == 3
    # The article says which dossier it belongs to.
    article = soup.find(
        "a",
        string=lambda s: plain(s or "") == "Déserts médicaux : que peut vraiment la loi Garot ?",
    )
    article_page = BeautifulSoup(client.get(article["href"]).content.decode(), "html.parser")
    assert (
        article_page.find("aside", class_="in-dossiers").find("a").get_text() == "Déserts médicaux"
    )
