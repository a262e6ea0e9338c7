"""Spot details that could identify someone in a story, before a moderator publishes it.

Stories are health data: a phone number, a social security number, a street address,
the name of a doctor or of a small care home can identify the author or a third party.
This module only *suggests*: moderators decide. Two detectors are combined:

- patterns (e-mails, phones, NIR, addresses, names after a title or a kinship word,
  facilities), which favour French formats and keep false positives low;
- a French language model (spaCy's ``fr_core_news_sm`` package), which finds what
  patterns cannot: names without a title ("Karim Benali m'a reçu"), first names alone,
  towns and organisations.

Both read the text in its one normalised form (``fabrique.web.normalise``): a soft
hyphen or a zero-width space inside « Dr Martin » or a phone number is invisible on the
page and would otherwise split what the detectors look for. Offsets, highlights and
redactions all refer to that form, which is also what is stored and published.

The story's own pseudonym is public by choice: the language model's guesses (a person,
a place, an organisation) that are the pseudonym, or part of it, are not flagged; the
patterns (an e-mail, a phone number, a title before a name…) still are.

The model costs ~3-5 s and ~170 MB to load, so it is loaded lazily, once per process,
by ``language_model()`` and only from moderators' paths: no public page or form ever
imports spaCy (``tests/testimonies/test_pii.py`` proves it: a fresh interpreter imports
the site without it, and public requests never call ``language_model()``).
"""

import functools
import hashlib
import json
import re
from dataclasses import asdict, dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from fabrique.web.normalise import normalise_text

REDACTED = "[…]"

KIND_LABELS = {
    "email": "adresse e-mail",
    "phone": "numéro de téléphone",
    "nir": "numéro de sécurité sociale",
    "address": "adresse postale",
    "name": "nom de personne ou d'établissement",
    "person": "nom de personne",
    "place": "lieu",
    "organisation": "organisation",
}

# When two candidates overlap and start at the same place, the more specific kind wins;
# patterns win over the model, whose spans are less precise.
_PRIORITY = {
    "email": 0,
    "nir": 1,
    "phone": 2,
    "address": 3,
    "name": 4,
    "person": 5,
    "place": 6,
    "organisation": 7,
}


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

# "ma sœur Amélie", "mon mari Jean-Paul": a capitalised word after a relative is a name,
# even where the model misses a lone first name.
_RELATIVES = (
    r"(?i:mère|père|maman|papa|sœur|soeur|frère|frere|fille|fils|mari|femme|époux|epoux"
    r"|épouse|epouse|conjointe?|compagne|compagnon|amie?|copine|copain|voisine?|cousine?"
    r"|oncle|tante|grand-mère|grand-père|neveu|nièce|niece|belle-mère|beau-père"
    r"|belle-sœur|beau-frère|collègue|petite?-fille|petit-fils|bébé)"
)
RELATIVE_RE = re.compile(
    rf"(?<![\w])(?i:mon|ma|mes|notre|nos|son|sa|ses|leur|leurs|ton|ta|tes)\s+{_RELATIVES}"
    rf",?\s+(?!{_NOT_A_NAME})(?P<name>{_CAP_WORD}(?:[ -]{_CAP_WORD})?)"
)


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
    for regex in (NAME_RE, RELATIVE_RE):
        for found in regex.finditer(text):
            # Only the name is flagged: "le Dr […]", "ma sœur […]" still read well.
            start, end = found.span("name")
            yield Match("name", start, end, text[start:end])


def _without_overlaps(candidates) -> list[Match]:
    ordered = sorted(candidates, key=lambda m: (m.start, -(m.end - m.start), _PRIORITY[m.kind]))
    kept: list[Match] = []
    for match in ordered:
        if kept and match.start < kept[-1].end:
            continue
        kept.append(match)
    return kept


def find_pattern_details(text: str) -> list[Match]:
    """Details found by the patterns alone (fast, no model): in order, without overlaps."""
    if not text:
        return []
    return _without_overlaps(_candidates(normalise_text(text)))


# --- The language model -----------------------------------------------------------------

MODEL_PACKAGE = "fr_core_news_sm"
# Only the named-entity recogniser (and the token vectors it listens to) is needed.
_UNUSED_COMPONENTS = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]
_ENTITY_KINDS = {"PER": "person", "LOC": "place", "ORG": "organisation"}
_IMPERATIVE_PRONOUN_RE = re.compile(r"-(?:moi|toi|nous|vous|le|la|les|lui|leur|y|en)\b", re.I)
# Bumped when detection changes, so results stored with the stories are recomputed.
DETECTOR_VERSION = f"2026-12:{MODEL_PACKAGE}"


@functools.cache
def language_model():
    """spaCy's French pipeline, loaded on first use and kept for the process's life.

    The model is an installed package (``fr-core-news-sm`` in pyproject.toml): nothing
    is downloaded at run time. Imported here, not at module level, so that importing
    this module (the admin form does) never loads spaCy.
    """
    import spacy

    return spacy.load(MODEL_PACKAGE, exclude=_UNUSED_COMPONENTS)


def _model_candidates(text: str):
    for entity in language_model()(text).ents:
        kind = _ENTITY_KINDS.get(entity.label_)
        if kind is None:
            continue
        # Trim the quotes, dashes and spaces the model sometimes includes.
        fragment = entity.text
        start = entity.start_char + (len(fragment) - len(fragment.lstrip(" \t\n«»\"'’-,")))
        end = entity.end_char - (len(fragment) - len(fragment.rstrip(" \t\n«»\"'’-,.")))
        if end <= start or not any(character.isupper() for character in text[start:end]):
            # "l'hôpital", "la mairie": a common noun is not an identifying detail.
            continue
        if _IMPERATIVE_PRONOUN_RE.match(text, end):
            # "Appelez-moi", "Rappelez-nous": a verb the model takes for a name.
            continue
        yield Match(kind, start, end, text[start:end])


@functools.lru_cache(maxsize=512)
def _detect(text: str) -> tuple[Match, ...]:
    # Patterns first: their spans are exact ("Mme […]" keeps the title). The model adds
    # only what overlaps none of them.
    patterns = _without_overlaps(_candidates(text))
    extra = [
        found
        for found in _model_candidates(text)
        if not any(found.start < kept.end and kept.start < found.end for kept in patterns)
    ]
    return tuple(_without_overlaps([*patterns, *extra]))


_MODEL_KINDS = frozenset(_ENTITY_KINDS.values())


def _is_public_name(match: Match, public_names: tuple[str, ...]) -> bool:
    """A model's guess that is a chosen public name (the pseudonym) or a word of it."""
    if match.kind not in _MODEL_KINDS:
        return False
    pattern = re.compile(rf"(?<!\w){re.escape(match.text)}(?!\w)", re.IGNORECASE)
    return any(pattern.search(name) for name in public_names)


def find_identifying_details(text: str, public_names: tuple[str, ...] = ()) -> list[Match]:
    """Every possibly identifying detail in ``text`` (patterns and language model).

    Offsets point into ``normalise_text(text)``. ``public_names`` (the story's
    pseudonym) are chosen to be published: the model's guesses found in them are left
    out. Loads the language model on first use: call it from moderators' paths only.
    """
    text = normalise_text(text or "")
    if not text.strip():
        return []
    names = tuple(normalise_text(name).strip() for name in public_names if name and name.strip())
    return [match for match in _detect(text) if not _is_public_name(match, names)]


def redact(text: str, matches: list[Match] | None = None) -> str:
    """``text`` normalised, every match replaced by "[…]" in one pass so offsets hold."""
    text = normalise_text(text or "")
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


def highlight_html(text: str, matches: list[Match] | None = None) -> SafeString:
    """Escaped ``text`` for moderators, each possible identifying detail in a <mark>.

    Everything from the author is escaped (stories are untrusted input); line breaks
    become <br> so the story keeps its shape. The text shown is the normalised one the
    matches point into: what will be published.
    """
    text = normalise_text(text or "")
    if matches is None:
        matches = find_identifying_details(text)
    parts, position = [], 0
    for match in sorted(matches, key=lambda m: m.start):
        if match.start < position:
            continue
        parts.append(_escape_with_breaks(text[position : match.start]))
        title = escape(f"Donnée identifiante possible : {match.label}")
        parts.append(f'<mark class="pii" title="{title}">{_escape_with_breaks(match.text)}</mark>')
        position = match.end
    parts.append(_escape_with_breaks(text[position:]))
    return mark_safe("".join(parts))


# --- Detection kept with the story ------------------------------------------------------


def fingerprint(texts: dict[str, str]) -> str:
    """A hash of the detector's version and every text: detection reruns when one changes."""
    payload = json.dumps([DETECTOR_VERSION, texts], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def detect_with_cache(
    stored: dict, texts: dict[str, str], public_names: tuple[str, ...] = ()
) -> tuple[dict[str, list[Match]], dict | None]:
    """Matches per field, and the value to store (``None`` when ``stored`` still holds).

    ``stored`` is what a previous run left with the story: the fingerprint of the texts,
    the matches per field and the passages a moderator confirmed having read. The
    public names are among the texts (the pseudonym), so the fingerprint covers them.
    """
    stored = stored or {}
    key = fingerprint(texts)
    if stored.get("hash") == key:
        fields = stored.get("fields", {})
        return {field: [Match(**m) for m in fields.get(field, [])] for field in texts}, None
    found = {field: find_identifying_details(text, public_names) for field, text in texts.items()}
    new = {
        "hash": key,
        "fields": {field: [asdict(m) for m in ms] for field, ms in found.items() if ms},
        "reviewed": stored.get("reviewed", {}),
    }
    return found, new
