"""The « dossier » filter another section's listing offers (the articles' today).

It knows pages only through the dossiers' own table of items: any kind of content
(articles, videos, episodes, events…) works without being named here. The public-page
filter and the images of mixed lists are the site's shared ones (``fabrique.core.listing``).
"""

from fabrique.core.listing import without_view_restrictions
from fabrique.web.querystring import clean_filter_value

from .models import DossierPage


def filter_by_dossier(queryset, slug):
    """Narrow a listing of pages to one dossier's: ``(pages, dossiers, current_dossier)``.

    For any section's listing (``?dossier=<slug>``): ``dossiers`` are the live public
    dossiers a filter form offers, ``current_dossier`` the chosen one or None (an unknown
    slug leaves the listing whole). Two queries, whatever the number of pages.
    """
    dossiers = list(without_view_restrictions(DossierPage.objects.live()).order_by("title"))
    slug = clean_filter_value(slug)
    current = next((d for d in dossiers if d.slug == slug), None) if slug else None
    if current is not None:
        # distinct: a page listed twice in the dossier is still one card.
        queryset = queryset.filter(dossier_items__dossier=current).distinct()
    return queryset, dossiers, current
