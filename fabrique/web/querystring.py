"""Values read from the query string, made safe to hand to the database.

A NUL byte in a lookup value is refused by PostgreSQL (``ValueError``, an answer of 500);
control characters, megabytes of text or a stray quote have nothing to do in a filter or
a search either. Filters and the search box call these helpers instead of trusting
``request.GET`` directly.
"""

import re
import unicodedata

FILTER_MAX_LENGTH = 100
SEARCH_MAX_LENGTH = 200
SEARCH_MAX_TERMS = 10

# Characters a French search may need: letters and digits of any script, the apostrophe,
# the hyphen and the middle dot of inclusive writing. Everything else separates words.
_NOT_SEARCHABLE = re.compile(r"[^\w\s'\-·]|_")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def _without_controls(value: str) -> str:
    """Control and format characters, NUL included, become spaces."""
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in value)


def clean_filter_value(value: str | None, max_length: int = FILTER_MAX_LENGTH) -> str:
    """A filter value (slug, code) without control characters, stripped and bounded."""
    if not value:
        return ""
    value = _without_controls(unicodedata.normalize("NFKC", value[: max_length * 4]))
    return value.strip()[:max_length]


def _without_format(value: str) -> str:
    """Format characters (zero-width spaces and joiners, bidi marks, soft hyphens) removed:
    pasted into a word, they would split it in two."""
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cf")


def clean_search_query(value: str | None) -> str:
    """Words to search for: normalised, punctuation dropped, a bounded number of terms.

    The one cleaner of every search box, the site's and the administration's
    (fabrique/search/middleware.py). NFKC, format characters removed, other controls
    and every character but letters, digits, spaces, apostrophes, hyphens and the middle
    dot of inclusive writing turned into spaces; at most 10 terms and 200 characters.
    SQLite's backend quotes each term without escaping ``"`` (an unbalanced quote answered
    500), a NUL fails on both databases and 200+ terms overflow PostgreSQL's query parser.
    """
    if not value:
        return ""
    value = unicodedata.normalize("NFKC", value[: SEARCH_MAX_LENGTH * 4]).translate(_APOSTROPHES)
    value = _NOT_SEARCHABLE.sub(" ", _without_controls(_without_format(value)))
    terms = []
    for term in value.split():
        term = term.strip("'-·")
        if term:
            terms.append(term)
    return " ".join(terms[:SEARCH_MAX_TERMS])[:SEARCH_MAX_LENGTH].strip()
