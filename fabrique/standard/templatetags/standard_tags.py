"""Template tags of the standard pages: the shared frame's footer lists the legal pages.

They live here, not in ``fabrique_tags``, because the shared base must not know the
standard page type (docs/architecture.md, « Couches »).
"""

from django import template

from fabrique.standard.models import StandardPage

register = template.Library()


@register.simple_tag
def footer_pages() -> list[StandardPage]:
    """Legal pages flagged for the footer (one query)."""
    return list(StandardPage.objects.live().public().filter(show_in_footer=True).order_by("path"))
