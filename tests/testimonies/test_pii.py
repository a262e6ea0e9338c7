"""Spotting identifying details in French stories before moderators publish them."""

import pytest

from testimonies.pii import find_identifying_details, highlight_html, redact


def found(text: str) -> list[tuple[str, str]]:
    return [(match.kind, match.text) for match in find_identifying_details(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Écrivez-moi : lou.durand+fab@exemple.fr merci", ("email", "lou.durand+fab@exemple.fr")),
        ("Appelez le 06 12 34 56 78 demain", ("phone", "06 12 34 56 78")),
        ("Appelez le 06.12.34.56.78 demain", ("phone", "06.12.34.56.78")),
        ("Appelez le +33 6 12 34 56 78 demain", ("phone", "+33 6 12 34 56 78")),
        ("Appelez le 0612345678 demain", ("phone", "0612345678")),
        ("Mon numéro : 1 85 05 78 006 084 36.", ("nir", "1 85 05 78 006 084 36")),
        ("Mon numéro : 185057800608436.", ("nir", "185057800608436")),
        ("Sans clé : 1850578006084.", ("nir", "1850578006084")),
        ("J'habite 12 rue des Lilas depuis.", ("address", "12 rue des Lilas")),
        ("Au 3 bis avenue Jean-Jaurès.", ("address", "3 bis avenue Jean-Jaurès")),
        ("Au 5 boulevard Voltaire.", ("address", "5 boulevard Voltaire")),
        ("Au 2 place de la République.", ("address", "2 place de la République")),
        ("Au 8 impasse du Moulin.", ("address", "8 impasse du Moulin")),
        ("Au 4 allée des Pins.", ("address", "4 allée des Pins")),
        ("Au 7 chemin de Halage.", ("address", "7 chemin de Halage")),
        ("Le Dr Martin m'a reçue.", ("name", "Martin")),
        ("Le docteur Dupont m'a reçue.", ("name", "Dupont")),
        ("Le Pr Leroy m'a reçue.", ("name", "Leroy")),
        ("Mme Durand m'a reçue.", ("name", "Durand")),
        ("Puis M. Petit est arrivé.", ("name", "Petit")),
        ("Le Dr. Martin m'a reçue.", ("name", "Martin")),
        ("Puis Madame Le Goff est arrivée.", ("name", "Le Goff")),
        ("Opérée à l'hôpital Saint-Louis.", ("name", "hôpital Saint-Louis")),
        ("Suivie au CHU de Nantes.", ("name", "CHU de Nantes")),
        ("Opérée à la clinique des Cèdres.", ("name", "clinique des Cèdres")),
        ("Ma mère vit à l'EHPAD Les Jardins.", ("name", "EHPAD Les Jardins")),
    ],
)
def test_each_kind_is_found(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Trois mois pour un rendez-vous. Puis dix minutes de consultation.",
        "Marie, ma sœur, est venue en 2019 avec 15 amis. À Paris, en mars, tout a changé.",
        "Le médecin était pressé. Je suis allée à l'hôpital, puis à la clinique.",
        "Me voilà seule. Je me suis dit que le CH était loin. Docteur, aidez-moi.",
        "J'ai attendu 3 heures aux urgences et 12 jours pour un résultat.",
        "En deuxième année, j'avais 2 cours de pharmacologie et 3 rue à traverser.",
        "Il a fallu 2 places en réanimation. Madame, c'est grave ? Dr, vite !",
        "J'ai vu le docteur. Puis il est parti. Merci madame. Elle a souri.",
    ],
)
def test_plain_sentences_are_not_flagged(text):
    assert found(text) == []


def test_match_offsets_point_into_the_text():
    text = "Appelez le 06 12 34 56 78 ou écrivez à a@b.fr."
    for match in find_identifying_details(text):
        assert text[match.start : match.end] == match.text


def test_redact_replaces_every_match_at_once():
    text = "Le Dr Martin, 12 rue des Lilas, 06 12 34 56 78, lou@exemple.fr."
    assert redact(text) == "Le Dr […], […], […], […]."


def test_redact_with_given_matches_only_touches_those():
    text = "Le Dr Martin et Mme Durand."
    first = find_identifying_details(text)[:1]
    assert redact(text, first) == "Le Dr […] et Mme Durand."


def test_redact_without_match_returns_the_text():
    assert redact("Rien à cacher.") == "Rien à cacher."
    assert redact("") == ""


def test_highlight_escapes_hostile_html_and_marks_matches():
    html = highlight_html('<script>alert("x")</script> Dr <b>Martin</b>\nLe Dr Martin & co')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;Martin&lt;/b&gt;" in html
    assert "<br>" in html
    assert (
        '<mark class="pii" title="Donnée identifiante possible : '
        'nom de personne ou d&#x27;établissement">Martin</mark> &amp; co'
    ) in html


def test_highlight_escapes_inside_a_match_too():
    # The apostrophe is the one HTML-special character a match can hold ("L'Archet");
    # printed as is, a match could close an attribute around it.
    html = highlight_html("Opérée à l'hôpital L'Archet.")
    assert "hôpital L&#x27;Archet</mark>" in html
    assert "L'Archet" not in html


def test_highlight_keeps_line_breaks_and_plain_text():
    assert highlight_html("Ligne 1\r\nLigne 2\nFin") == "Ligne 1<br>Ligne 2<br>Fin"
    assert highlight_html("") == ""


def test_a_postcode_and_its_town_are_an_address():
    assert found("Nous habitons 33000 Bordeaux depuis dix ans.") == [("address", "33000 Bordeaux")]
    assert found("Elle vit au 75010 Paris.") == [("address", "75010 Paris")]
