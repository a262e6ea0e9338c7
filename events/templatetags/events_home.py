"""The home page's section for this kind of content."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def home_section_events(context) -> str:
    """Nothing yet: the section appears once this kind of content exists."""
    return ""
