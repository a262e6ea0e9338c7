"""How the site reads French words, for indexing, querying and highlighting alike.

One module so that what is stored in the search index and what a query looks for can
never drift apart:

- ``index_text`` turns a searchable value into the copy the index stores: Unicode
  normalised (NFKC), ligatures unfolded (« cœur » is found by « coeur » on SQLite too) and
  each word in inclusive writing (« soignant·es », « aidant·e·s », « lecteur·rices »)
  followed by the ordinary words it stands for (« soignant soignants soignantes »), which
  every backend and every stemmer knows;
- ``query_terms`` splits a cleaned query into terms, each a tuple of alternative forms
  (one form for an ordinary word, several for a word in inclusive writing);
- ``stem`` is a light, accent-blind French stemmer for SQLite, whose FTS5 has no
  stemming: a query term becomes a prefix of the words it should find (« medicaments » →
  « medicament* », « desert medical » → « desert* medica* », which finds « médicaux »);
- ``highlight`` cuts the passage of a text where the terms appear and marks them, safely:
  marks are private-use characters put in the plain text, the text is escaped, and only
  then do the marks become ``<mark>`` elements. No markup coming from the text (or from a
  database's headline function) ever reaches the page.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# The dots inclusive writing puts between a word and its endings.
MIDDLE_DOTS = "·‧•⋅"
_LETTERS = r"[^\W\d_]+"
_INCLUSIVE = re.compile(rf"({_LETTERS})((?:[{MIDDLE_DOTS}]{_LETTERS})+)")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
# Elided articles and pronouns in front of an apostrophe: « l'hôpital » searches « hôpital ».
_ELISIONS = {"c", "d", "j", "l", "m", "n", "qu", "s", "t", "jusqu", "lorsqu", "puisqu"}
_WORD = re.compile(r"[^\W_]+")
# Private-use characters: they cannot come from a reader (the cleaner keeps letters only)
# and are removed from the texts before marking.
MARK_START, MARK_END = "\ue000", "\ue001"
_MARKS = str.maketrans({MARK_START: None, MARK_END: None})
# A stem shorter than this is searched as a whole word: « de* » would find everything.
PREFIX_MIN_LENGTH = 4


def fold(value: str) -> str:
    """Lower case, without accents or ligatures: the form two spellings are compared in."""
    value = unicodedata.normalize("NFKD", value.translate(_LIGATURES).lower())
    return "".join(ch for ch in value if not unicodedata.combining(ch))


def inclusive_forms(base: str, endings: list[str]) -> list[str]:
    """The ordinary words a word in inclusive writing stands for, the written stem first.

    « soignant », [« es »] → soignant, soignants, soignantes, soignante;
    « lecteur », [« rices »] → lecteur, lecteurs, lectrices, lectrice.
    """
    ending = "".join(endings)
    plural = ending.endswith("s")
    lowered = base.lower()
    if (lowered.endswith("teur") and ending.startswith("rice")) or (
        lowered.endswith("eur") and ending.startswith("euse")
    ):
        feminine = base[:-3] + ending
    elif (lowered.endswith("f") and ending.startswith("ve")) or (
        lowered.endswith("x") and ending.startswith("se")
    ):
        feminine = base[:-1] + ending
    else:
        feminine = base + ending
    forms = [base]
    if plural:
        forms.append(base if lowered.endswith(("s", "x")) else base + "s")
        forms.append(feminine)
        forms.append(feminine[:-1])
    else:
        forms.append(feminine)
    return list(dict.fromkeys(form for form in forms if form))


def _expand(match: re.Match) -> str:
    endings = re.split(f"[{MIDDLE_DOTS}]", match.group(2))[1:]
    return " ".join(inclusive_forms(match.group(1), endings))


def index_text(value: str) -> str:
    """The copy of a searchable text the index stores (see the module's docstring)."""
    if not value:
        return value
    value = unicodedata.normalize("NFKC", value).translate(_LIGATURES)
    return _INCLUSIVE.sub(_expand, value)


def query_terms(query: str) -> list[tuple[str, ...]]:
    """The terms of a cleaned query, each a tuple of the forms any of which may match."""
    terms = []
    for word in query.split():
        inclusive = _INCLUSIVE.fullmatch(word)
        if inclusive:
            terms.append(tuple(_expand(inclusive).split()))
            continue
        # Apostrophes and hyphens separate words for every backend; an elided article
        # (« l' », « qu' ») is no term of its own.
        for part in re.split(r"['\-]+", word.translate(_LIGATURES)):
            part = part.strip(MIDDLE_DOTS)
            if part and part.lower() not in _ELISIONS:
                terms.append((part,))
    # A term given twice is one term.
    return list(dict.fromkeys(terms))


def stem(word: str) -> str:
    """A light French stem, accent-blind: plural, feminine and « -al/-aux » endings off.

    Used as a prefix on SQLite: it may find a few words too many (« garde » finds
    « gardien »), never fewer than the plain word would.
    """
    word = fold(word)
    if len(word) <= PREFIX_MIN_LENGTH:
        return word
    if word.endswith("eaux"):
        word = word[:-1]
    elif word.endswith("aux"):
        word = word[:-2]
    elif word.endswith("al"):
        word = word[:-1]
    if word.endswith(("s", "x")) and len(word) > PREFIX_MIN_LENGTH:
        word = word[:-1]
    if word.endswith("e") and len(word) > PREFIX_MIN_LENGTH:
        word = word[:-1]
    return word


def _matcher(terms: list[tuple[str, ...]]):
    """A test of one word of a text against every form of every term."""
    whole, prefixes = set(), []
    for forms in terms:
        for form in forms:
            for part in _WORD.findall(form):
                stemmed = stem(part)
                if len(stemmed) >= PREFIX_MIN_LENGTH:
                    prefixes.append(stemmed)
                else:
                    whole.add(fold(part))
    prefixes = tuple(prefixes)

    def matches(word: str) -> bool:
        folded = fold(word)
        return folded in whole or (bool(prefixes) and folded.startswith(prefixes))

    return matches


def highlight(text: str, terms: list[tuple[str, ...]], words: int = 40) -> SafeString:
    """About ``words`` words of ``text`` around the first match, terms in ``<mark>``.

    Safe whatever the text holds: it is escaped after the marks are placed as private-use
    characters, and only those become markup. Without a match, the text's beginning.
    """
    text = " ".join((text or "").translate(_MARKS).split())
    if not text:
        return mark_safe("")
    matches = _matcher(terms)
    found = [m for m in _WORD.finditer(text) if matches(m.group())]
    spans = [m.span() for m in _WORD.finditer(text)]
    start_word = 0
    if found:
        first = next(i for i, span in enumerate(spans) if span[0] == found[0].start())
        start_word = max(0, first - words // 4)
    end_word = min(len(spans), start_word + words)
    begin = spans[start_word][0] if spans and start_word else 0
    end = spans[end_word - 1][1] if spans and end_word < len(spans) else len(text)
    pieces, cursor = [], begin
    for m in found:
        if m.start() < begin or m.end() > end:
            continue
        pieces += [text[cursor : m.start()], MARK_START, m.group(), MARK_END]
        cursor = m.end()
    pieces.append(text[cursor:end])
    passage = "".join(pieces)
    if begin > 0:
        passage = "… " + passage
    if end < len(text):
        passage += " …"
    return mark_safe(escape(passage).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))
