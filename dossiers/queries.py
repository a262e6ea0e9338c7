"""Queries shared by the dossier page, the listing, "Dans le dossier" and the article filter.

They know pages only through ``wagtailcore.Page`` and the dossiers' own tables: any kind
of content (articles, videos, episodes, events…) works without being named here.
"""

from collections import defaultdict

from django.db.models import Exists, ForeignKey, OuterRef, prefetch_related_objects
from django.db.models.functions import Length, Substr
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction


def without_view_restrictions(queryset):
    """Pages readable by anyone, in the same query (no extra one, unlike ``.public()``).

    A page is private when it, or one of its ancestors, carries a view restriction: its
    path then starts with the restricted page's path.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.filter(~Exists(restricted))


def image_fields(model) -> list[str]:
    """Names of a page type's image foreign keys (listing image, hero image…)."""
    image_model = get_image_model()
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, ForeignKey) and field.related_model is image_model
    ]


def specific_pages(page_ids) -> dict[int, Page]:
    """Live, public pages by id, as their specific type, images and renditions prefetched.

    One query for the pages, then one per page type (``.specific()``) and two per image
    field of that type: the count grows with the number of kinds, never with the items.
    """
    pages = list(
        without_view_restrictions(Page.objects.live().filter(pk__in=set(page_ids))).specific()
    )
    by_type = defaultdict(list)
    for page in pages:
        by_type[type(page)].append(page)
    for model, group in by_type.items():
        lookups = []
        for name in image_fields(model):
            lookups += [name, f"{name}__renditions"]
        if lookups:
            prefetch_related_objects(group, *lookups)
    return {page.pk: page for page in pages}


def filter_by_dossier(queryset, slug):
    """Narrow a listing of pages to one dossier's: ``(pages, dossiers, current_dossier)``.

    For any section's listing (``?dossier=<slug>``): ``dossiers`` are the live public
    dossiers a filter form offers, ``current_dossier`` the chosen one or None (an unknown
    slug leaves the listing whole). Two queries, whatever the number of pages.
    """
    from fabrique.web.querystring import clean_filter_value

    from .models import DossierPage

    dossiers = list(without_view_restrictions(DossierPage.objects.live()).order_by("title"))
    slug = clean_filter_value(slug)
    current = next((d for d in dossiers if d.slug == slug), None) if slug else None
    if current is not None:
        # distinct: a page listed twice in the dossier is still one card.
        queryset = queryset.filter(dossier_items__dossier=current).distinct()
    return queryset, dossiers, current
