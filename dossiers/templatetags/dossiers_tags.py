"""« Dans le dossier … » for any piece of content: ``{% dossiers_of page %}``.

Content templates load this library and call the tag (or include
``dossiers/includes/in_dossiers.html``, which does); the content apps' models know
nothing of dossiers and ``fabrique/`` imports nothing from here.
"""

from django import template

from dossiers.models import DossierPage
from fabrique.core.listing import without_view_restrictions

register = template.Library()


def dossiers_containing(obj) -> list:
    """Live public dossiers holding ``obj`` (a page, or a testimony), in one query."""
    if obj is None or getattr(obj, "pk", None) is None:
        return []
    if obj._meta.label_lower == "testimonies.testimony":
        condition = {"items__testimony_id": obj.uuid}
    elif hasattr(obj, "path") and hasattr(obj, "depth"):
        condition = {"items__page_id": obj.pk}
    else:
        return []
    dossiers = (
        without_view_restrictions(DossierPage.objects.live().filter(**condition))
        .distinct()
        .order_by("title")
    )
    return list(dossiers)


@register.inclusion_tag("dossiers/includes/in_dossiers_list.html", takes_context=True)
def dossiers_of(context, obj):
    return {"dossiers": dossiers_containing(obj), "request": context.get("request")}
