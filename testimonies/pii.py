"""Spot details that could identify someone in a story, before a moderator publishes it.

Stories are health data: a phone number, a social security number, a street address,
the name of a doctor or of a small care home can identify the author or a third party.
This module only *suggests*: moderators decide. The patterns favour French formats and
keep false positives low (a capitalised word alone is never flagged, only after a title
such as "Dr" or a facility word such as "clinique").
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

REDACTED = "[…]"

KIND_LABELS = {
    "email": "adresse e-mail",
    "phone": "numéro de téléphone",
    "nir": "numéro de sécurité sociale",
    "address": "adresse postale",
    "name": "nom de personne ou d'établissement",
}

# When two candidates overlap and start at the same place, the more specific kind wins.
_PRIORITY = {"email": 0, "nir": 1, "phone": 2, "address": 3, "name": 4}


@dataclass(frozen=True)
class Match:
    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
_WORD = r"[\w'’-]"
# A capitalised word such as "Martin", "Saint-Louis", "Jean-Jaurès" or "L'Épée".
_CAP_WORD = rf"[{_UPPER}]{_WORD}*"
# Small words allowed inside a proper name: "hôpital de la Croix-Rousse", "EHPAD Les Jardins".
_CONNECTOR = r"(?:(?i:de\s+la|des|du|de|la|les|le|aux|au)\s+|(?i:de\s+l['’]|d['’]|l['’]))"
_PROPER_NAME = rf"{_CAP_WORD}(?:[ -]{_CONNECTOR}?{_CAP_WORD})*"
# Street names must be capitalised too, else "j'ai 2 cours de maths" would be an address.
_PROPER_NAME_AFTER_CONNECTOR = rf"{_CONNECTOR}?{_PROPER_NAME}"

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")

# 06 12 34 56 78, 06.12.34.56.78, 06-12-34-56-78, 0612345678, +33 6 12 34 56 78, 0033 6…
PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)"
)

# NIR: sex, year, month (or 20-99 for special cases), department (2A/2B too), commune,
# order number, then an optional two-digit key; spaces optional between groups.
NIR_RE = re.compile(
    r"(?<![\w])[12]\s?\d{2}\s?(?:0[1-9]|1[0-2]|[2-9]\d)\s?(?:\d{2}|2[ABab])"
    r"\s?\d{3}\s?\d{3}(?:\s?\d{2})?(?!\d)"
)

_STREET_TYPES = (
    r"rue|avenue|av\.|boulevard|bd|place|chemin|impasse|allée|allee|route|quai|cours"
    r"|square|passage|sentier|voie|résidence|lotissement|cité|hameau|lieu-dit|rond-point"
)
ADDRESS_RE = re.compile(
    rf"(?<![\w])\d{{1,4}}(?:\s?(?i:bis|ter|quater)|[A-Da-d](?![\w]))?,?\s+"
    rf"(?i:{_STREET_TYPES})\s+{_PROPER_NAME_AFTER_CONNECTOR}"
)
# "33000 Bordeaux", "75010 Paris": a postcode followed by a town name.
POSTCODE_RE = re.compile(
    rf"(?<![\w])(?:0[1-9]|[1-8]\d|9[0-8])\d{{3}}\s+{_CAP_WORD}(?:[ -]{_CAP_WORD})*"
)

# Full words are matched whatever the case ("docteur Dupont"); abbreviations only as
# written, since "me" or "pr" in lower case are ordinary words.
_TITLES = (
    r"(?:(?i:docteure?|professeure?|madame|mademoiselle|monsieur|maître|infirmière?"
    r"|sage-femme)|(?:Dre?|Pre?|Mmes?|Mlles?|MM|M|Me)\.?)"
)
# Words that start a new sentence after "… le Dr. Puis …" rather than a surname.
# Articles stay allowed: "Madame Le Goff", "M. La Fontaine".
_NOT_A_NAME = (
    r"(?:Puis|Mais|Et|Ou|Donc|Alors|Ensuite|Enfin|Il|Elle|Ils|Elles|Je|J|On|Nous|Vous"
    r"|Tu|Ce|Cette|Ces|Ça|Un|Une|Quand|Comme|Si|Aucun|Rien)\b"
)
NAME_RE = re.compile(rf"(?<![\w.]){_TITLES}\s+(?!{_NOT_A_NAME})(?P<name>{_PROPER_NAME})")

_FACILITIES = (
    r"(?:(?i:hôpital|hopital|hôpitaux|clinique|polyclinique|maternité|centre\s+hospitalier"
    r"|maison\s+de\s+santé|maison\s+de\s+retraite|centre\s+médical|centre\s+de\s+santé"
    r"|résidence|pharmacie|cabinet|institut|fondation)"
    r"|CHU|CHRU|CHR|CHI|CH|GHU|EHPAD|Ehpad|USLD|SSR|CMP|CMPP|AP-HP|APHP)"
)
FACILITY_RE = re.compile(rf"(?<![\w]){_FACILITIES}\s+{_CONNECTOR}?{_PROPER_NAME}")


def _candidates(text: str):
    for kind, regex in (
        ("email", EMAIL_RE),
        ("nir", NIR_RE),
        ("phone", PHONE_RE),
        ("address", ADDRESS_RE),
        ("address", POSTCODE_RE),
        ("name", FACILITY_RE),
    ):
        for found in regex.finditer(text):
            yield Match(kind, found.start(), found.end(), found.group())
    for found in NAME_RE.finditer(text):
        # Only the name is flagged: "le Dr […]" still reads well once redacted.
        start, end = found.span("name")
        yield Match("name", start, end, text[start:end])


def find_identifying_details(text: str) -> list[Match]:
    """Every possibly identifying detail in ``text``, in order, without overlaps."""
    if not text:
        return []
    ordered = sorted(
        _candidates(text), key=lambda m: (m.start, -(m.end - m.start), _PRIORITY[m.kind])
    )
    kept: list[Match] = []
    for match in ordered:
        if kept and match.start < kept[-1].end:
            continue
        kept.append(match)
    return kept


def redact(text: str, matches: list[Match] | None = None) -> str:
    """``text`` with every match replaced by "[…]", built in one pass so offsets hold."""
    if matches is None:
        matches = find_identifying_details(text)
    parts, position = [], 0
    for match in sorted(matches, key=lambda m: m.start):
        if match.start < position:
            continue
        parts.append(text[position : match.start])
        parts.append(REDACTED)
        position = match.end
    parts.append(text[position:])
    return "".join(parts)


def _escape_with_breaks(fragment: str) -> str:
    escaped = str(escape(fragment))
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def highlight_html(text: str) -> SafeString:
    """Escaped ``text`` for moderators, each possible identifying detail in a <mark>.

    Everything from the author is escaped (stories are untrusted input); line breaks
    become <br> so the story keeps its shape.
    """
    text = text or ""
    parts, position = [], 0
    for match in find_identifying_details(text):
        parts.append(_escape_with_breaks(text[position : match.start]))
        title = escape(f"Donnée identifiante possible : {match.label}")
        parts.append(f'<mark class="pii" title="{title}">{_escape_with_breaks(match.text)}</mark>')
        position = match.end
    parts.append(_escape_with_breaks(text[position:]))
    return mark_safe("".join(parts))
