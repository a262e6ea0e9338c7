"""The bibliography: one French citation style, BibTeX and RIS exports that real parsers read."""

import datetime
import re

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup

from dossiers.choices import EntryKind
from dossiers.models import BibliographyEntry

pytestmark = pytest.mark.django_db

FULL = {
    "kind": EntryKind.ARTICLE,
    "authors": "Dupont, Jeanne\nMartin, Anne\nOrganisation mondiale de la santé",
    "title": "L'accès aux soins dans les territoires ruraux",
    "container": "Revue française des affaires sociales",
    "publisher": "La Documentation française",
    "year": 2021,
    "url": "https://example.org/article?id=12&lang=fr",
    "doi": "10.3917/rfas.211.0123",
    "accessed_on": datetime.date(2025, 3, 4),
}
HOSTILE = {
    "kind": EntryKind.REPORT,
    "authors": "Evil}, @misc{x\nO'Brien & Co % 100$",
    "title": "Rapport } @misc{pwned, title={x}} \\input{/etc/passwd} <script>alert(1)</script>\nER  - \nTY  - BOOK",
    "container": "Série #1 ~ ^ _",
    "publisher": "Éditions {ouvertes",
    "year": 2020,
    "url": "https://example.org/{a}\\b",
}

LATEX_UNESCAPES = {
    r"\textbackslash{}": "\\",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\{": "{",
    r"\}": "}",
    r"\%": "%",
    r"\&": "&",
    r"\#": "#",
    r"\$": "$",
    r"\_": "_",
}


def unlatex(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        for escaped, plain in LATEX_UNESCAPES.items():
            if value.startswith(escaped, i):
                out.append(plain)
                i += len(escaped)
                break
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


@pytest.fixture
def dossier(make_dossier):
    return make_dossier(
        title="Déserts médicaux", slug="deserts-medicaux", bibliography=[FULL, HOSTILE]
    )


def test_citations_follow_one_french_style(client, dossier):
    soup = BeautifulSoup(client.get(dossier.url).content.decode(), "html.parser")
    citations = [" ".join(li.get_text().split()) for li in soup.select(".bibliography .citation")]
    assert citations[0] == (
        "DUPONT, Jeanne, MARTIN, Anne et Organisation mondiale de la santé. "
        "« L'accès aux soins dans les territoires ruraux ». "
        "Revue française des affaires sociales. La Documentation française, 2021. "
        "DOI : 10.3917/rfas.211.0123. "
        "Disponible sur : https://example.org/article?id=12&lang=fr (consulté le 4 mars 2025). [article]"
    )
    first = soup.select(".bibliography .citation")[0]
    assert first.find("cite").get_text() == "L'accès aux soins dans les territoires ruraux"
    assert first.find("a", string="10.3917/rfas.211.0123")["href"] == (
        "https://doi.org/10.3917/rfas.211.0123"
    )
    # A whole work (a report) is cited in italics, without quotes.
    assert "« " not in citations[1].split(".")[1]


def test_bibtex_export_parses_and_carries_every_field(client, dossier):
    response = client.get(dossier.url + "bibliographie/bibtex/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert response["Content-Disposition"] == 'attachment; filename="deserts-medicaux.bib"'
    library = bibtexparser.parse_string(response.content.decode())
    assert library.failed_blocks == []
    assert len(library.entries) == 2  # the hostile title forged no extra entry
    full, hostile = library.entries
    assert full.entry_type == "article"
    assert full.key == "dupont2021"
    fields = {key: field.value for key, field in full.fields_dict.items()}
    assert fields == {
        "title": FULL["title"],
        "author": "Dupont, Jeanne and Martin, Anne and {Organisation mondiale de la santé}",
        "journal": FULL["container"],
        "publisher": FULL["publisher"],
        "year": "2021",
        "url": FULL["url"],
        "doi": FULL["doi"],
        "urldate": "2025-03-04",
        "langid": "french",
    }
    assert hostile.entry_type == "techreport"
    values = {key: field.value for key, field in hostile.fields_dict.items()}
    assert unlatex(values["title"]) == " ".join(HOSTILE["title"].split())
    assert unlatex(values["series"]) == HOSTILE["container"]
    assert unlatex(values["institution"]) == HOSTILE["publisher"]
    assert values["url"] == "https://example.org/%7Ba%7D%5Cb"
    assert "pwned" not in [entry.key for entry in library.entries]


def test_ris_export_parses_and_carries_every_field(client, dossier):
    response = client.get(dossier.url + "bibliographie/ris/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="deserts-medicaux.ris"'
    records = rispy.loads(response.content.decode())
    assert len(records) == 2  # the newline in the hostile title started no record
    full, hostile = records
    assert full == {
        "type_of_reference": "JOUR",
        "id": "dupont2021",
        "title": FULL["title"],
        "language": "fr",
        "authors": ["Dupont, Jeanne", "Martin, Anne", "Organisation mondiale de la santé"],
        "journal_name": FULL["container"],
        "publisher": FULL["publisher"],
        "year": "2021",
        "urls": [FULL["url"]],
        "doi": FULL["doi"],
        "access_date": "2025/03/04",
    }
    assert hostile["type_of_reference"] == "RPRT"
    assert hostile["title"] == " ".join(HOSTILE["title"].split())
    assert hostile["authors"] == ["Evil}, @misc{x", "O'Brien & Co % 100$"]


def test_ris_export_is_only_records_each_opening_with_its_type(client, dossier):
    """RIS is tag lines only: rispy's default « 1. », « 2. » headers made reference managers
    read a line that is no tag before each record."""
    text = client.get(dossier.url + "bibliographie/ris/").content.decode()
    assert len(rispy.loads(text)) == 2
    records = [block.strip().splitlines() for block in text.strip().split("\n\n")]
    assert len(records) == 2
    for lines in records:
        assert lines[0].startswith("TY  - ")
        assert lines[-1].rstrip() == "ER  -"
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  -( .*)?", line) for line in lines), lines


def test_every_kind_exports(client, make_dossier):
    entries = [
        {"kind": kind, "title": f"Une source : {label}", "url": "https://example.org/"}
        for kind, label in EntryKind.choices
    ]
    dossier = make_dossier(bibliography=entries)
    bib = bibtexparser.parse_string(
        client.get(dossier.url + "bibliographie/bibtex/").content.decode()
    )
    assert [e.entry_type for e in bib.entries] == [
        "article",
        "book",
        "techreport",
        "online",
        "legislation",
    ]
    ris = rispy.loads(client.get(dossier.url + "bibliographie/ris/").content.decode())
    assert [r["type_of_reference"] for r in ris] == ["JOUR", "BOOK", "RPRT", "ELEC", "STAT"]


def test_entry_validation_messages_in_french(db):
    entry = BibliographyEntry(
        kind=EntryKind.WEB_PAGE, title="Sans adresse", doi="https://doi.org/10.1000/xyz"
    )
    with pytest.raises(Exception) as error:
        entry.full_clean(exclude=["dossier"])
    assert "Une page web a besoin de son adresse." in str(error.value)
    assert entry.doi == "10.1000/xyz"  # the resolver's prefix is dropped
    entry = BibliographyEntry(kind=EntryKind.ARTICLE, title="DOI faux", doi="pas un doi")
    with pytest.raises(Exception) as error:
        entry.full_clean(exclude=["dossier"])
    assert "Un DOI commence par « 10. »" in str(error.value)
