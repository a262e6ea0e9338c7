"""French typography for what the site renders: non-breaking spaces where French wants them.

One filter, ``nbsp_fr``, keeps together what a French reader never wants split across two
lines. Typed as ordinary spaces, these let a browser put the « ? » or the « » » alone at the
start of a line, leave « 23 h » on one line and « 59 » on the next, or cut a date in two:

- a narrow no-break space (U+202F) before ; ! ? and » and after «, a normal one (U+00A0)
  before the colon, as the Imprimerie nationale recommends;
- a no-break space between a number and its unit (« 5 Mo », « 45 s », « 18 h »,
  « 23 h 59 », « 3 ans ») and inside a date (« lundi 7 décembre 2026 », « 1er mars »,
  « décembre 2026 »).

It only changes spaces that are there (plus one inside « » when missing), so « 10:30 »,
« https://… » or « Wait! » are left alone; it inserts characters, never markup, so what was
safe stays safe and what was not is still escaped. In HTML it changes text only: tags,
attributes (addresses included) and comments are kept as they are, and so is the content
of elements whose text is code or the reader's own input (``script``, ``style``,
``textarea``, ``pre``, ``code``…). Applying it twice gives the same text, so a template may
filter a whole page whose parts were already filtered.
"""

import re

from django import template
from django.utils.safestring import SafeData, mark_safe

register = template.Library()

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

_SPACE = "[ \u00a0\u202f]+"
_MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
_WEEKDAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
# Units written after a number. Words that are units of time count too (« 3 ans »).
_UNITS = (
    "h|min|s|ms|j|ans?|mois|jours?|semaines?|heures?|minutes?|secondes?"
    "|octets?|ko|Ko|Mo|Go|To|kB|MB|GB"
    "|%|‰|€|k€|M€|\\$|£"
    "|km|cm|mm|kg|mg|µg|ml|mL|cl|°C"
)
_NUMBER = r"(?<![\w.,])\d+(?:[.,]\d+)?"

_PUNCTUATION_RULES = [
    (re.compile(r"[ \u00a0]+([;!?»])"), NARROW_NBSP + r"\1"),
    (re.compile(r"[ \u00a0\u202f]+:"), NBSP + ":"),
    (re.compile(r"«[ \u00a0]*(?=\S)"), "«" + NARROW_NBSP),
    # « then a tag (« <a>…</a> »): the space at the end of the text is the one to keep.
    (re.compile(r"«[ \u00a0]+\Z"), "«" + NARROW_NBSP),
    (re.compile(r"(?<=\S)(?<![ \u202f])»"), NARROW_NBSP + "»"),
]
# « 23 h 59 », « 18 h », « 5 Mo », « 12,5 % ».
_CLOCK = re.compile(rf"({_NUMBER}){_SPACE}h{_SPACE}(\d{{2}})(?!\d)")
_UNIT = re.compile(rf"({_NUMBER}){_SPACE}({_UNITS})(?![\w])")
# « lundi 7 décembre 2026 », « 1er mars », « 7 décembre », « décembre 2026 ».
_DATE = re.compile(
    rf"(?<![\w])(?:(?:{_WEEKDAYS}){_SPACE})?(?:1er|\d{{1,2}}){_SPACE}(?:{_MONTHS})(?![\w])"
    rf"(?:{_SPACE}\d{{4}}(?!\d))?"
    rf"|(?<![\w])(?:{_MONTHS}){_SPACE}\d{{4}}(?!\d)",
    re.IGNORECASE,
)
_ANY_SPACE = re.compile(_SPACE)

# What the HTML is cut into: comments, then tags whose quoted attributes may hold « > ».
_TAG = re.compile(r"(<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)", re.S)
# Elements whose text is code or the reader's own input: never changed.
_RAW = ("script", "style", "textarea", "pre", "code", "kbd", "samp")
_RAW_OPEN = re.compile(r"<(" + "|".join(_RAW) + r")(?=[\s/>])", re.I)


def _glue(match: re.Match) -> str:
    return _ANY_SPACE.sub(NBSP, match.group(0))


# Every rule needs one of these: most text between tags (indentation, words) has none.
_MAY_CHANGE = re.compile(r"[«»:;!?\d]")


def french_spacing(text: str) -> str:
    """Plain text with French non-breaking spaces (see the module's docstring)."""
    if not _MAY_CHANGE.search(text):
        return text
    for pattern, replacement in _PUNCTUATION_RULES:
        text = pattern.sub(replacement, text)
    text = _CLOCK.sub(rf"\1{NBSP}h{NBSP}\2", text)
    text = _UNIT.sub(rf"\1{NBSP}\2", text)
    return _DATE.sub(_glue, text)


def french_spacing_html(html: str) -> str:
    """HTML with French non-breaking spaces in its text, and nowhere else."""
    out = []
    raw_until = None
    for index, part in enumerate(_TAG.split(html)):
        if index % 2:  # a tag or a comment
            if raw_until is None:
                opening = _RAW_OPEN.match(part)
                if opening and not part.endswith("/>"):
                    raw_until = re.compile(rf"</{opening.group(1)}\s*>", re.I)
            elif raw_until.match(part):
                raw_until = None
            out.append(part)
        else:
            out.append(part if raw_until is not None or not part else french_spacing(part))
    return "".join(out)


@register.filter(is_safe=True)
def nbsp_fr(value):
    """French non-breaking spaces in plain text or in safe HTML (its text only)."""
    if value is None:
        return ""
    if isinstance(value, SafeData):
        return mark_safe(french_spacing_html(str(value)))
    return french_spacing(str(value))
