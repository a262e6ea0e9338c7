"""Template tags for the site frame: menu, footer links, JSON-LD, the home page's sections."""

import json

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from fabrique.core import generation
from fabrique.core.banners import render_banners
from fabrique.core.feeds import feed_links_for
from fabrique.core.frame import FRAME_TIMEOUT
from fabrique.core.listing import without_view_restrictions
from fabrique.core.models import get_site_name
from fabrique.web.site_url import public_url

register = template.Library()

# How long the home page's blocks are kept at most (seconds), see ``home_sections``.
HOME_SECTIONS_TIMEOUT = 60
DEFAULT_CARD = "img/card.png"
DEFAULT_CARD_SIZE = (1200, 630)

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


def _ld_script(data) -> str:
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def json_ld(context, page=None) -> str:
    """The page's structured data, then its BreadcrumbList, as JSON-LD data blocks
    (not executable, CSP-neutral).

    A view that serves something of its own below a page (a testimony below the
    testimonies' index) gives its data as ``json_ld`` and its last crumb as
    ``breadcrumb_leaf`` (name, url): each address then describes itself, not the page.
    """
    request = context.get("request")
    data = context.get("json_ld")
    if data is None and hasattr(page, "get_json_ld"):
        data = page.get_json_ld(request)
    blocks = [data] if data else []
    if hasattr(page, "get_breadcrumb_json_ld"):
        crumbs = page.get_breadcrumb_json_ld(request, context.get("breadcrumb_leaf"))
        if crumbs:
            blocks.append(crumbs)
    return mark_safe("".join(_ld_script(block) for block in blocks))


@register.simple_tag(takes_context=True)
def og_image(context, page=None) -> dict:
    """``og:image``: the page's image (``get_og_image()``), else the site's sharing card.

    Social networks and chat apps show nothing but a grey box for a page without one;
    the card (``static/img/card.png``, 1200×630, ``make_card_image``) stands in.
    """
    request = context.get("request")
    image = page.get_og_image() if hasattr(page, "get_og_image") else None
    if image:
        rendition = image.get_rendition("fill-1200x630")
        return {
            "url": public_url(rendition.url, request=request),
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.default_alt_text,
        }
    return {
        "url": public_url(static(DEFAULT_CARD), request=request),
        "width": DEFAULT_CARD_SIZE[0],
        "height": DEFAULT_CARD_SIZE[1],
        "alt": get_site_name(request),
    }


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


@register.inclusion_tag("includes/feed_links.html", takes_context=True)
def feed_links(context, page=None) -> dict:
    """``<link rel="alternate">`` for the feeds a page announces (``fabrique/core/feeds.py``)."""
    request = context.get("request")
    return {
        "links": [
            (link, public_url(link.url, request=request)) for link in feed_links_for(page, request)
        ]
    }


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
