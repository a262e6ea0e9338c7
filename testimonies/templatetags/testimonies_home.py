"""The home page's "Vos histoires" section: the latest published quotes."""

from django import template
from django.template.loader import render_to_string

register = template.Library()

HOME_TESTIMONIES = 3


@register.simple_tag(takes_context=True)
def home_section_testimonies(context) -> str:
    """Rendered here so the home app stays unaware of testimonies; empty with no index page."""
    from testimonies.models import Testimony, TestimonyIndexPage

    index = TestimonyIndexPage.objects.live().public().first()
    if index is None:
        return ""
    request = context.get("request")
    testimonies = list(Testimony.objects.published().order_by("-published_at")[:HOME_TESTIMONIES])
    return render_to_string(
        "testimonies/includes/home_section.html",
        {"testimonies": testimonies, "index": index, "page": index, "request": request},
        request=request,
    )
