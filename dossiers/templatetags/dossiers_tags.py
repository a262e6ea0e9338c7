"""« Dans le dossier … » for any piece of content: ``{% dossiers_of page %}``.

Content templates load this library and call the tag (or include
``dossiers/includes/in_dossiers.html``, which does); the content apps' models know
nothing of dossiers and ``fabrique/`` imports nothing from here.
"""

from django import template

from dossiers.models import DossierPage
from fabrique.core import generation
from fabrique.core.listing import without_view_restrictions

register = template.Library()


def dossiers_containing(obj) -> list:
    """Live public dossiers holding ``obj`` (a page, or a testimony).

    One query, kept for the publication generation: a dossier's list changes only when
    the dossier is published again.
    """
    if obj is None or getattr(obj, "pk", None) is None:
        return []
    if obj._meta.label_lower == "testimonies.testimony":
        condition = {"items__testimony_id": obj.uuid}
    elif hasattr(obj, "path") and hasattr(obj, "depth"):
        condition = {"items__page_id": obj.pk}
    else:
        return []

    def load():
        dossiers = DossierPage.objects.live().filter(**condition)
        return list(without_view_restrictions(dossiers).distinct().order_by("title"))

    return generation.memo(f"fabrique:dossiers-of:{obj._meta.label_lower}:{obj.pk}", load)


@register.inclusion_tag("dossiers/includes/in_dossiers_list.html", takes_context=True)
def dossiers_of(context, obj):
    return {"dossiers": dossiers_containing(obj), "request": context.get("request")}
