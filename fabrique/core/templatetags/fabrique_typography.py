"""French typography for what the site renders: non-breaking spaces where French wants them.

In French a space precedes « ; : ! ? » and follows « (and precedes »). Typed as an ordinary
space, it lets a browser put the « ? » or the « » » alone at the start of a line. The
``nbsp_fr`` filter turns that space into a non-breaking one: a narrow one (U+202F) before
; ! ? » and after «, a normal one (U+00A0) before the colon, as the Imprimerie nationale
recommends. It only changes spaces the writer typed (plus one inside « » when missing), so
« 10:30 », « https://… » or « Wait! » are left alone; it inserts characters, never markup,
and in HTML it skips tags, so an attribute or a link's address is never touched.
"""

import re

from django import template
from django.utils.safestring import SafeData, mark_safe

register = template.Library()

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

_RULES = [
    (re.compile(r"[ \u00a0]+([;!?»])"), NARROW_NBSP + r"\1"),
    (re.compile(r"[ \u00a0\u202f]+:"), NBSP + ":"),
    (re.compile(r"«[ \u00a0]*(?=\S)"), "«" + NARROW_NBSP),
    (re.compile(r"(?<=\S)(?<![ \u202f])»"), NARROW_NBSP + "»"),
]
# Text between tags; tags themselves (and comments) are kept as they are.
_TAG = re.compile(r"(<[^>]*>)")


def french_spacing(text: str) -> str:
    """Plain text with French non-breaking spaces (see the module's docstring)."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


@register.filter(is_safe=True)
def nbsp_fr(value):
    """Non-breaking spaces before ; : ! ? and inside « » (plain text or safe HTML)."""
    if value is None:
        return ""
    if isinstance(value, SafeData):
        parts = _TAG.split(str(value))
        return mark_safe(
            "".join(part if part.startswith("<") else french_spacing(part) for part in parts)
        )
    return french_spacing(str(value))
