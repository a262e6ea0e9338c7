"""Footnote calls in rendered text: « [n] » becomes a link to note n, with an anchor back.

Shared by every page type whose text carries numbered notes (articles, dossiers).
"""

import re

from django.utils.safestring import SafeString, mark_safe

# "[3]" in the text, but not inside a tag's attributes (e.g. a link's address).
FOOTNOTE_REF = re.compile(r"\[(\d{1,3})\](?![^<]*>)")


def link_footnote_calls(html: str, count: int) -> SafeString:
    """``html`` (already escaped by the blocks) with each call to notes 1..count linked;
    the first call of a note carries the anchor its « ↩ » link returns to."""
    seen = set()

    def replace(match):
        number = int(match.group(1))
        if not 1 <= number <= count:
            return match.group(0)
        anchor = "" if number in seen else f' id="ref-{number}"'
        seen.add(number)
        return f'<sup class="footnote-ref"><a href="#note-{number}"{anchor}>{number}</a></sup>'

    return mark_safe(FOOTNOTE_REF.sub(replace, html))
