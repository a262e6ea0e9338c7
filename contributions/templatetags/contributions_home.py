"""The home block of the calls: the calls open right now (nothing when none is open)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from contributions.models import CallIndexPage, open_calls

register = template.Library()
HOME_CALLS = 3


def render_home(request, page) -> str:
    calls = list(open_calls()[:HOME_CALLS])
    if not calls:
        return ""
    index = CallIndexPage.objects.live().public().first()
    if index is None:
        return ""
    return render_to_string(
        "contributions/includes/home_section.html",
        {"calls": calls, "index": index, "request": request},
        request=request,
    )


@register.simple_tag(takes_context=True)
def contributions_home(context, page=None) -> str:
    return mark_safe(render_home(context.get("request"), page))
