"""An article weighs little on a phone: its HTML, styles and scripts under 100 KB compressed.

Pictures excepted (they come in the size the screen asks for). The files counted are the
ones the page links to, read from the static folders as WhiteNoise serves them compressed.
"""

import gzip
import re

from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from articles.models import ArticlePage

LIMIT = 100 * 1024
ASSET = re.compile(r'(?:href|src)="/static/([^"]+\.(?:css|js))"')


def test_an_article_with_its_styles_and_scripts_weighs_under_100_kb(site_tree):
    call_command("seed_demo", verbosity=0)
    article = ArticlePage.objects.live().order_by("pk").first()
    html = Client().get(article.url).content
    assets = sorted(set(ASSET.findall(html.decode())))
    assert any(name.endswith(".css") for name in assets), "la page lie sa feuille de style"
    weight = len(gzip.compress(html))
    for name in assets:
        path = finders.find(name)
        assert path, name
        with open(path, "rb") as file:
            weight += len(gzip.compress(file.read()))
    assert weight < LIMIT, f"{weight} octets compressés pour {article.url} et {assets}"
