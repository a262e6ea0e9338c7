"""Template tags for the site frame: menu, footer links, JSON-LD, the home page's sections."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from fabrique.core import generation
from fabrique.core.banners import render_banners
from fabrique.core.frame import FRAME_TIMEOUT
from fabrique.core.listing import SITE_FEEDS_CACHE_KEY, without_view_restrictions
from fabrique.core.models import get_site_name
from fabrique.core.sections import get_sections

register = template.Library()

# How long the home page's blocks are kept at most (seconds), see ``home_sections``.
HOME_SECTIONS_TIMEOUT = 60

# The characters that could end a <script> data block early, as Django's json_script escapes them.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[Page]:
    """The home page then its live public children marked "show in menus", in tree order.

    Read once per publication generation (a page published, moved or restricted starts a
    new one): no query on a page view.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    root = site.root_page

    def load():
        children = without_view_restrictions(root.get_children().live().in_menu())
        return [root, *children.order_by("path")]

    return generation.memo(f"fabrique:menu:{site.pk}", load, FRAME_TIMEOUT)


@register.simple_tag(takes_context=True)
def site_name(context) -> str:
    """The site's name as editors set it on the Wagtail Site (no query: Wagtail remembers it)."""
    return get_site_name(context.get("request"))


@register.simple_tag(takes_context=True)
def json_ld(context, page) -> str:
    """The page's structured data as a JSON-LD data block (not executable, CSP-neutral)."""
    if not hasattr(page, "get_json_ld"):
        return ""
    data = page.get_json_ld(context.get("request"))
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def home_sections(context, page) -> str:
    """Each registered section's home block, in the order the home page's editors chose.

    The apps render their own blocks (``Section.home``): this tag knows none of them.
    Outside previews the HTML is kept for the generation, at most ``HOME_SECTIONS_TIMEOUT``
    seconds: some blocks depend on the time as well (an event that ends, a call that
    closes), which no publication announces.
    """
    request = context.get("request")

    def render():
        return "".join(section.render_home(request, page) for section in page.get_sections())

    if getattr(request, "is_preview", False) or request is None:
        return mark_safe(render())
    site = Site.find_for_request(request)
    key = f"fabrique:home-sections:{site.pk if site else 0}:{page.pk}"
    return mark_safe(generation.memo(key, render, HOME_SECTIONS_TIMEOUT))


@register.simple_tag(takes_context=True)
def site_feeds(context) -> list[tuple[str, str]]:
    """Every feed the registered sections offer, (label, url), for the footer.

    Kept for the publication generation: the footer is on every page and the feeds change
    only when a section's index page is published, unpublished or moved, which starts a
    new generation (``fabrique/core/generation.py``).
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return generation.memo(
        f"{SITE_FEEDS_CACHE_KEY}:{site.pk if site else 0}",
        lambda: [feed for section in get_sections() for feed in section.get_feeds(request)],
        60 * 60,
    )


@register.filter
def is_current(menu_page: Page, page) -> bool:
    """True when ``page`` is ``menu_page`` or below it (home only matches itself)."""
    if page is None or not getattr(page, "path", None):
        return False
    if menu_page.depth <= 2:
        return page.pk == menu_page.pk
    return page.path.startswith(menu_page.path)


@register.simple_tag(takes_context=True)
def site_banners(context) -> str:
    """The banners content apps registered (``fabrique.core.banners``), e.g. « En direct »."""
    return mark_safe(render_banners(context.get("request")))
