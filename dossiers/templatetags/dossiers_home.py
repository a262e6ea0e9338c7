"""The home page's dossier block: the most recently updated dossier, featured."""

from django import template
from django.db.models import F
from django.template.loader import render_to_string

from dossiers.models import DossierPage
from fabrique.core.listing import without_view_restrictions

register = template.Library()


def featured_dossier():
    """The live public dossier updated last, or None (one query)."""
    return (
        without_view_restrictions(DossierPage.objects.live())
        .select_related("listing_image", "theme")
        .prefetch_related("listing_image__renditions")
        .order_by(F("updated_on").desc(nulls_last=True), "-last_published_at", "pk")
        .first()
    )


def render_home(request, page) -> str:
    """The featured dossier as a block; empty when there is no dossier yet."""
    dossier = featured_dossier()
    if dossier is None:
        return ""
    index = dossier.get_parent()
    return render_to_string(
        "dossiers/includes/home_section.html",
        {"dossier": dossier, "index": index, "request": request},
        request=request,
    )


@register.simple_tag(takes_context=True)
def featured_dossier_block(context) -> str:
    """``{% featured_dossier_block %}``: the same block, for a template that wants it."""
    return render_home(context.get("request"), context.get("page"))
