"""Template tags of the standard pages: the shared frame's footer lists the legal pages.

They live here, not in ``fabrique_tags``, because the shared base must not know the
standard page type (docs/architecture.md, « Couches »).
"""

from django import template

from fabrique.core import generation
from fabrique.core.frame import FRAME_TIMEOUT
from fabrique.core.listing import without_view_restrictions
from fabrique.standard.models import StandardPage

register = template.Library()


@register.simple_tag
def footer_pages() -> list[StandardPage]:
    """Legal pages flagged for the footer, read once per publication generation."""

    def load():
        pages = StandardPage.objects.live().filter(show_in_footer=True).order_by("path")
        return list(without_view_restrictions(pages))

    return generation.memo("fabrique:footer-pages", load, FRAME_TIMEOUT)
