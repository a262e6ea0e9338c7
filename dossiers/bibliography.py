"""A dossier's sources: one French citation style for readers, BibTeX and RIS for their tools.

Entries are structured (``BibliographyEntry``) so the same data gives the citation shown
on the page and the two export formats; nothing is typed twice. The exports are written
with the libraries reference managers' users rely on (``bibtexparser`` 2, ``rispy``) and
every value is made inert first: a title is data, never syntax, in either format.
"""

import re
import unicodedata

import bibtexparser
import rispy
from bibtexparser import model as bibtex
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from fabrique.core.mixins import ascii_slug

from .choices import EntryKind

# The kinds whose title names a whole work (in italics); the others name a part of a
# container (an article in a journal, a page on a site), in « guillemets ».
WHOLE_WORKS = {EntryKind.BOOK, EntryKind.REPORT, EntryKind.LAW}

BIBTEX_TYPES = {
    EntryKind.ARTICLE: "article",
    EntryKind.BOOK: "book",
    EntryKind.REPORT: "techreport",
    EntryKind.WEB_PAGE: "online",
    EntryKind.LAW: "legislation",
}
# Where each kind's container goes: a journal (or the Journal officiel), a site, a series.
BIBTEX_CONTAINERS = {
    EntryKind.ARTICLE: "journal",
    EntryKind.BOOK: "series",
    EntryKind.REPORT: "series",
    EntryKind.WEB_PAGE: "organization",
    EntryKind.LAW: "journal",
}
RIS_TYPES = {
    EntryKind.ARTICLE: "JOUR",
    EntryKind.BOOK: "BOOK",
    EntryKind.REPORT: "RPRT",
    EntryKind.WEB_PAGE: "ELEC",
    EntryKind.LAW: "STAT",
}

JOURNAL_KINDS = {EntryKind.ARTICLE, EntryKind.LAW}

# LaTeX's special characters, escaped so a value never closes a field or opens a command.
_LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_SPECIAL = re.compile("|".join(re.escape(ch) for ch in _LATEX_ESCAPES))
# Characters that would end a URL field or a line in either format: percent-encoded.
_URL_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", '"': "%22", " ": "%20"}


def one_line(value) -> str:
    """Text on one line: control characters (newlines included) and runs of spaces collapse.

    RIS is one tag a line: a newline inside a title would start a forged record.
    """
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in str(value or ""))
    return " ".join(text.split())


def latex_escape(value) -> str:
    return _LATEX_SPECIAL.sub(lambda m: _LATEX_ESCAPES[m.group(0)], one_line(value))


def safe_url(value) -> str:
    text = one_line(value)
    return "".join(_URL_UNSAFE.get(ch, ch) for ch in text)


def split_authors(authors: str) -> list[str]:
    """One author a line, as editors typed them: « Nom, Prénom » or an organisation."""
    return [one_line(line) for line in str(authors or "").splitlines() if one_line(line)]


def is_person(author: str) -> bool:
    """« Nom, Prénom » names a person: one comma, a few words on each side.

    Anything else is an organisation, even with commas (« Direction de la recherche, des
    études, de l'évaluation et des statistiques »).
    """
    parts = author.split(",")
    return len(parts) == 2 and all(0 < len(part.split()) <= 4 for part in parts)


def author_in_citation(author: str) -> str:
    """« Dupont, Jeanne » → « DUPONT, Jeanne » (ISO 690); an organisation stays as written."""
    if not is_person(author):
        return author
    family, _sep, given = author.partition(",")
    return f"{family.strip().upper()}, {given.strip()}"


def french_date(value) -> str:
    """« 1er septembre 2022 », « 4 mars 2025 »."""
    text = date_format(value, "j F Y")
    return text.replace("1 ", "1er ", 1) if value.day == 1 else text


def _join_french(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + _(" et ") + parts[-1]


def citation_html(entry) -> SafeString:
    """The entry in the site's one French style (after ISO 690), as escaped HTML.

    AUTEUR, Prénom. « Titre de la partie ». *Conteneur*. Éditeur, année.
    AUTEUR, Prénom. *Titre de l'ouvrage*. Éditeur, année.
    … DOI : 10.xxx. Disponible sur : <adresse> (consulté le 3 mars 2025).
    """
    pieces = []
    authors = [author_in_citation(a) for a in split_authors(entry.authors)]
    if authors:
        pieces.append(
            format_html('<span class="citation__authors">{}</span>.', _join_french(authors))
        )
    if entry.kind in WHOLE_WORKS:
        pieces.append(format_html("<cite>{}</cite>.", one_line(entry.title)))
    else:
        pieces.append(format_html("« <cite>{}</cite> ».", one_line(entry.title)))
    if entry.container:
        pieces.append(format_html("<i>{}</i>.", one_line(entry.container)))
    edition = [one_line(entry.publisher)] if entry.publisher else []
    if entry.year:
        edition.append(str(entry.year))
    if edition:
        pieces.append(format_html("{}.", ", ".join(edition)))
    if entry.doi:
        pieces.append(
            format_html(
                '{} <a href="https://doi.org/{}">{}</a>.',
                _("DOI :"),
                safe_url(entry.doi),
                entry.doi,
            )
        )
    if entry.url:
        consulted = ""
        if entry.accessed_on:
            consulted = format_html(
                " ({})", _("consulté le %(date)s") % {"date": french_date(entry.accessed_on)}
            )
        pieces.append(
            format_html(
                '{} <a href="{}" class="citation__url">{}</a>{}.',
                _("Disponible sur :"),
                entry.url,
                entry.url,
                consulted,
            )
        )
    return format_html_join(" ", "{}", ((piece,) for piece in pieces))


def citation_key(entry, used: set[str]) -> str:
    """A stable, ASCII key: first author's family name and the year (``dupont2021``)."""
    authors = split_authors(entry.authors)
    first = authors[0].partition(",")[0] if authors else entry.title
    base = ascii_slug(first, 30).replace("-", "") or "source"
    base = f"{base}{entry.year or ''}"
    key, n = base, 1
    while key in used:
        n += 1
        key = f"{base}-{n}"
    used.add(key)
    return key


def to_bibtex(entries) -> str:
    """Every entry as BibTeX (biblatex types), written by bibtexparser, values escaped."""
    used: set[str] = set()
    blocks = []
    for entry in entries:
        fields = [bibtex.Field("title", latex_escape(entry.title))]
        authors = split_authors(entry.authors)
        if authors:
            # « and » separates people; an organisation is braced so it is never split.
            names = [
                latex_escape(a) if is_person(a) else "{" + latex_escape(a) + "}" for a in authors
            ]
            fields.append(bibtex.Field("author", " and ".join(names)))
        if entry.container:
            fields.append(
                bibtex.Field(BIBTEX_CONTAINERS[entry.kind], latex_escape(entry.container))
            )
        if entry.publisher:
            publisher_field = "institution" if entry.kind == EntryKind.REPORT else "publisher"
            fields.append(bibtex.Field(publisher_field, latex_escape(entry.publisher)))
        if entry.year:
            fields.append(bibtex.Field("year", str(entry.year)))
        if entry.url:
            fields.append(bibtex.Field("url", safe_url(entry.url)))
        if entry.doi:
            fields.append(bibtex.Field("doi", safe_url(entry.doi)))
        if entry.accessed_on:
            fields.append(bibtex.Field("urldate", entry.accessed_on.isoformat()))
        fields.append(bibtex.Field("langid", "french"))
        blocks.append(bibtex.Entry(BIBTEX_TYPES[entry.kind], citation_key(entry, used), fields))
    if not blocks:
        return ""
    return bibtexparser.write_string(bibtexparser.Library(blocks))


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its numbered header: by default it writes « 1. », « 2. »… on
    a line of its own before each record, which is not RIS (every line is a tag, each
    record opens with ``TY  -``) and makes some reference managers skip the file."""

    def set_header(self, count: int) -> str:
        return ""


def to_ris(entries) -> str:
    """Every entry as RIS, written by rispy; every value on one line."""
    used: set[str] = set()
    records = []
    for entry in entries:
        record = {
            "type_of_reference": RIS_TYPES[entry.kind],
            "id": citation_key(entry, used),
            "title": one_line(entry.title),
            "language": "fr",
        }
        authors = split_authors(entry.authors)
        if authors:
            record["authors"] = authors
        if entry.container:
            key = "journal_name" if entry.kind in JOURNAL_KINDS else "secondary_title"
            record[key] = one_line(entry.container)
        if entry.publisher:
            record["publisher"] = one_line(entry.publisher)
        if entry.year:
            record["year"] = str(entry.year)
        if entry.url:
            record["urls"] = [safe_url(entry.url)]
        if entry.doi:
            record["doi"] = safe_url(entry.doi)
        if entry.accessed_on:
            record["access_date"] = entry.accessed_on.strftime("%Y/%m/%d")
        records.append(record)
    if not records:
        return ""
    return rispy.dumps(records, implementation=_RisWriter)
