"""One normalisation of text, applied before anything checks, stores or publishes it.

Browsers do not draw some characters: a soft hyphen (U+00AD) or a zero-width space
(U+200B) inside « Dr Martin » or « 06 12 34 56 78 » is invisible on the page, yet a
pattern or a language model reading the raw text sees two words, or no phone number. A
name could then be published without being flagged, and a redaction left half of it
(« Dr […]\\u00adtin »). Fullwidth digits (« ０６ ») and mathematical letters (𝐌𝐚𝐫𝐭𝐢𝐧)
look like the ordinary ones but match no pattern; screen readers spell the latter out.
So text is brought to one form first, and every later step (validators, detection,
redaction, storage, feeds) sees that form:

- **format characters removed** (Unicode category Cf: soft hyphen, zero-width space and
  joiners, word joiner, bidirectional marks and isolates, byte order mark…), except a
  zero-width joiner between two pictographs, which builds one emoji (👩‍⚕️, a health
  worker) and can hide nothing inside a word;
- the **C1 control characters** (U+0080–U+009F, invisible, left by mis-decoded text)
  removed too, U+0085 (next line) becoming a line break; the C0 controls are left alone:
  the forms refuse them with a message naming them, and feeds strip them;
- **compatibility forms folded** (Unicode NFKC): fullwidth letters and digits,
  ligatures, mathematical alphanumerics, circled digits become the plain characters;
- **odd spaces** (no-break, narrow no-break, thin, ideographic and every other space
  separator) become a plain space, the line and paragraph separators (U+2028, U+2029) a
  line break; ordinary line breaks and tabs are kept.

Two strengths, one for each kind of author:

- ``normalise_text()``, for **text from the public** (forms, and what the detection of
  identifying details reads): full NFKC. « … » becomes « ... », « m² » « m2 »: a small
  loss for a visitor's story, and nothing can look like a name or a number without being
  one.
- ``normalise_editor_text()``, for **text typed by editors** (titles, summaries, rich
  text, blocks): the same, except the compatibility forms French typography uses on
  purpose are kept: superscripts and subscripts (« 1ᵉʳ », « XIXᵉ siècle », « kg/m² »,
  « nº », « ™ »), vulgar fractions (« ½ »), the ellipsis « … » and the two no-break spaces
  (U+00A0 before « : » or inside « » », U+202F before « ; ! ? »), which an editor typed
  deliberately and which hide nothing (the site's typography adds no-break spaces at
  render time, so text stored without them is just as correct). Folding them would
  change what the editor wrote (« kg/m2 ») for no safety gain: editors are trusted, and
  their text is not searched for identifying details.

Editor text is often HTML (rich text, blocks): ``normalise_editor_text()`` never
produces a character that means something there (« ＜ » stays fullwidth rather than
becoming « < »), and ``normalise_editor_markup()`` normalises the text between the tags,
never the tags themselves, so no combining character can merge with a tag's « > ». Text
from the public is plain text, escaped wherever it is shown: full NFKC is safe there.
"""

import re
import unicodedata
from functools import lru_cache

from django import forms

# The zero-width joiner (U+200D) is kept only between pictographs: « 👩 ZWJ ⚕ » is one
# emoji. Its left side may end with a skin tone (Sk) or the emoji presentation
# selector (U+FE0F, a combining mark).
_ZWJ = "\u200d"
_NEXT_LINE = "\x85"
_LINE_SEPARATORS = {"\u2028", "\u2029", _NEXT_LINE}
_NO_BREAK_SPACES = {"\u00a0", "\u202f"}
_HTML_SPECIAL = set("<>&\"'")
# Decomposition tags of compatibility forms French typography uses on purpose.
_TYPOGRAPHIC_TAGS = ("<super>", "<sub>", "<fraction>")
_ELLIPSIS = "\u2026"

_TAG = re.compile(r"(<[^<>]*>)")


def _is_pictograph(character: str) -> bool:
    return unicodedata.category(character) == "So"


def _joins_pictographs(text: str, index: int) -> bool:
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    left = _is_pictograph(before) or before == "\ufe0f" or unicodedata.category(before) == "Sk"
    return left and _is_pictograph(after)


def strip_hidden(text: str) -> str:
    """Format characters and C1 controls removed; the line separators made line breaks.

    The lightest step, for text on its way out (feeds): nothing else changes.
    """
    if not isinstance(text, str) or not _needs_work(text):
        return text
    return _without_hidden(text)


def _without_hidden(text: str) -> str:
    parts = []
    for index, character in enumerate(text):
        if character in _LINE_SEPARATORS:
            parts.append("\n")
            continue
        category = unicodedata.category(character)
        if category == "Cf":
            if character == _ZWJ and _joins_pictographs(text, index):
                parts.append(character)
            continue
        if "\x80" <= character <= "\x9f":
            continue
        parts.append(character)
    return "".join(parts)


def _plain_spaces(text: str, keep: frozenset = frozenset()) -> str:
    return "".join(
        " " if unicodedata.category(c) == "Zs" and c != " " and c not in keep else c for c in text
    )


@lru_cache(maxsize=4096)
def _editor_form(character: str) -> str:
    """The character as editor text keeps it: typographic forms kept, others folded."""
    folded = unicodedata.normalize("NFKC", character)
    if folded == character:
        return character
    if _HTML_SPECIAL.intersection(folded):
        return character  # « ＜ » must not become markup
    if character == _ELLIPSIS or character in _NO_BREAK_SPACES:
        return character
    if unicodedata.decomposition(character).startswith(_TYPOGRAPHIC_TAGS):
        return character
    return folded


def _needs_work(text: str) -> bool:
    """ASCII text is already in its one form (most text is): nothing to do."""
    return bool(text) and not text.isascii()


def normalise_text(value: str) -> str:
    """Text from the public in its one form: NFKC, no hidden character, plain spaces."""
    if not isinstance(value, str) or not _needs_work(value):
        return value
    return _plain_spaces(unicodedata.normalize("NFKC", _without_hidden(value)))


def normalise_editor_text(value: str) -> str:
    """Text typed by an editor: as ``normalise_text()``, typographic forms kept."""
    if not isinstance(value, str) or not _needs_work(value):
        return value
    text = "".join(_editor_form(c) for c in _without_hidden(value))
    # NFC, not NFKC: composes « e + ◌́ » into « é » without folding what was kept above.
    text = unicodedata.normalize("NFC", text)
    return _plain_spaces(text, keep=frozenset(_NO_BREAK_SPACES))


def normalise_editor_markup(value: str) -> str:
    """Stored rich text (HTML): the text between tags normalised, the tags untouched."""
    if not isinstance(value, str) or not _needs_work(value):
        return value
    pieces = _TAG.split(value)
    return "".join(
        piece if index % 2 else normalise_editor_text(piece) for index, piece in enumerate(pieces)
    )


def normalise_field_input(field: forms.Field) -> None:
    """Make a form ``field`` normalise its text before anything else reads it (idempotent).

    ``to_python()`` is the first step of ``Field.clean()``: the length limit, the
    e-mail and phone checks, the control-character refusal, the form's ``clean_*()``
    methods, the fingerprint and what is stored all see the normalised text, never a
    soft hyphen or a zero-width space hidden inside a name or a number.
    """
    original = field.to_python
    if getattr(original, "normalises_text", False):
        return

    def to_python(value):
        return original(normalise_text(value) if isinstance(value, str) else value)

    to_python.normalises_text = True
    field.to_python = to_python
