"""French spacing: one filter, over every public page, that touches text and nothing else."""

import datetime
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.test import Client
from django.utils.safestring import SafeData, mark_safe

from fabrique.core.templatetags.fabrique_typography import (
    NARROW_NBSP,
    NBSP,
    french_spacing,
    nbsp_fr,
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("signé « Anonyme ».", f"signé «{NARROW_NBSP}Anonyme{NARROW_NBSP}»."),
        ("(23 h 59, heure de Paris)", f"(23{NBSP}h{NBSP}59, heure de Paris)"),
        ("jusqu'au 7 décembre 2026", f"jusqu'au 7{NBSP}décembre{NBSP}2026"),
        ("lundi 1er mars 2027 à 18 h", f"lundi{NBSP}1er{NBSP}mars{NBSP}2027 à 18{NBSP}h"),
        ("Mis à jour en décembre 2026", f"Mis à jour en décembre{NBSP}2026"),
        ("5 Mo, 2,5 Mo, 45 s, 12 %", f"5{NBSP}Mo, 2,5{NBSP}Mo, 45{NBSP}s, 12{NBSP}%"),
        ("1 h 02 min", f"1{NBSP}h{NBSP}02{NBSP}min"),
        ("3 ans et 2 mois", f"3{NBSP}ans et 2{NBSP}mois"),
        ("Vraiment ? Oui ! Note : fin ; suite", None),
    ],
)
def test_what_french_keeps_together(typed, shown):
    result = french_spacing(typed)
    if shown is not None:
        assert result == shown
    else:
        assert result == (
            f"Vraiment{NARROW_NBSP}? Oui{NARROW_NBSP}! Note{NBSP}: fin{NARROW_NBSP}; suite"
        )
    assert french_spacing(result) == result  # idempotent


@pytest.mark.parametrize(
    "untouched",
    [
        "10:30, https://exemple.org/?a=1 Wait!",
        "3 hôpitaux, en 2024 200 personnes",
        "page 12",
        "Du 7 au",
    ],
)
def test_what_it_leaves_alone(untouched):
    assert french_spacing(untouched) == untouched


def test_in_html_only_text_changes():
    html = mark_safe(
        '<p title="a : b > c" data-x=\'5 Mo\'>Lire « <a href="/x/?a=1&amp;b=2">Vraiment ?</a> »'
        "<!-- 7 décembre 2026 : note --></p>"
        "<textarea name=story>Pourquoi ? 5 Mo</textarea><pre>x : y</pre>"
        "<code>23 h 59</code><script src=/a.js></script><p>fin : 5 Mo</p>"
    )
    result = nbsp_fr(html)
    assert isinstance(result, SafeData)
    assert result == (
        f'<p title="a : b > c" data-x=\'5 Mo\'>Lire «{NARROW_NBSP}<a href="/x/?a=1&amp;b=2">'
        f"Vraiment{NARROW_NBSP}?</a>{NARROW_NBSP}»"
        "<!-- 7 décembre 2026 : note --></p>"
        "<textarea name=story>Pourquoi ? 5 Mo</textarea><pre>x : y</pre>"
        f"<code>23 h 59</code><script src=/a.js></script><p>fin{NBSP}: 5{NBSP}Mo</p>"
    )
    assert nbsp_fr(result) == result


def test_plain_text_stays_escaped_and_a_whole_block_stays_safe():
    rendered = Template(
        "{% load fabrique_typography %}{{ plain|nbsp_fr }}|"
        "{% filter nbsp_fr %}<b>{{ plain }}</b> 7 mai 2026{% endfilter %}"
    ).render(Context({"plain": "<i>Gras ?</i> & 5 Mo"}))
    assert rendered == (
        f"&lt;i&gt;Gras{NARROW_NBSP}?&lt;/i&gt; &amp; 5{NBSP}Mo|"
        f"<b>&lt;i&gt;Gras{NARROW_NBSP}?&lt;/i&gt; &amp; 5{NBSP}Mo</b> 7{NBSP}mai{NBSP}2026"
    )


# On the site ----------------------------------------------------------------------------


def test_a_public_form_help_text_keeps_its_quotes(site_tree):
    html = Client().get("/vos-histoires/temoigner/").content.decode()
    assert f"«{NARROW_NBSP}Anonyme{NARROW_NBSP}»" in html
    assert "« Anonyme »" not in html


def test_call_dates_and_times_never_split_and_typed_text_is_kept(site_tree):
    from contributions.factories import CallPageFactory
    from fabrique.demo.site import publish

    index = site_tree["sections"]["appels-a-contributions"]
    call = publish(
        CallPageFactory(
            parent=index,
            title="Appel de décembre",
            slug="appel-de-decembre",
            opens_at=datetime.datetime(2026, 1, 5, 9, 0, tzinfo=PARIS),
            closes_at=datetime.datetime(2099, 12, 7, 23, 59, tzinfo=PARIS),
        )
    )
    client = Client()
    page = client.get(call.url)
    html = page.content.decode()
    assert f"7{NBSP}décembre{NBSP}2099" in html
    assert f"23{NBSP}h{NBSP}59" in html
    assert "7 décembre" not in html and "23 h 59" not in html
    # What a person typed comes back exactly as typed, never « corrected ».
    typed = "Pourquoi ? Le 7 décembre à 23 h 59 : « oui », 5 Mo."
    soup = BeautifulSoup(html, "html.parser")
    data = {
        "started": soup.find(attrs={"name": "started"})["value"],
        "action_what": typed,
        "commune": typed,
    }
    again = BeautifulSoup(client.post(call.url, data).content, "html.parser")
    assert again.find("textarea", attrs={"name": "action_what"}).get_text().strip() == typed
    assert again.find("input", attrs={"name": "commune"})["value"] == typed
