"""Listings that mix kinds of page: the home's picks, "Lire aussi", any page's related items.

A mixed list is made of specific pages of several types. Django cannot ``select_related``
across types, so each card's image would cost a query (and its renditions another).
``attach_listing_images`` loads every image the pages point to in two queries (images,
then their renditions) and puts each on its page, so ``get_listing_image()`` and the
``{% picture %}`` tag read memory only: the number of queries does not grow with the list.
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, get_page_models

from fabrique.core.querysets import private_q

# Filters one section offers to another's listing, by query parameter (« ?dossier= »):
# the app that owns the filter registers it, the listing asks by name, and neither imports
# the other (docs/architecture.md, « Enregistrement, pas de listes »).
_LISTING_FILTERS: dict = {}


def register_listing_filter(parameter: str, function) -> None:
    """``function(queryset, value) -> (pages, choices, current)`` answers ``?parameter=``."""
    _LISTING_FILTERS[parameter] = function


def filter_listing(parameter: str, queryset, value):
    """``(pages, choices, current)``; a filter no installed app offers leaves the list whole."""
    function = _LISTING_FILTERS.get(parameter)
    if function is None:
        return queryset, [], None
    return function(queryset, value)


def without_view_restrictions(queryset):
    """Pages readable by anyone, in the same query (no extra one, unlike ``.public()``).

    A page is private when it, or one of its ancestors, carries a view restriction: its
    path then starts with the restricted page's path.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.filter(~Exists(restricted))


def image_fields(model) -> list:
    """The page type's foreign keys to pictures (its card, its hero, its poster…)."""
    image_model = get_image_model()
    return [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model is image_model
    ]


def attach_listing_images(pages: Iterable[Page]) -> list[Page]:
    """Load every image field of ``pages`` (and their renditions) at once; returns the pages."""
    pages = list(pages)
    wanted = {}
    for page in pages:
        for field in image_fields(type(page)):
            if field.is_cached(page):
                continue
            image_id = getattr(page, field.attname)
            wanted.setdefault(image_id, []).append((page, field))
    ids = [pk for pk in wanted if pk is not None]
    images = {}
    if ids:
        images = {
            image.pk: image
            for image in get_image_model().objects.filter(pk__in=ids).prefetch_renditions()
        }
    for image_id, uses in wanted.items():
        for page, field in uses:
            field.set_cached_value(page, images.get(image_id))
    return pages


def forget_prefetched_renditions(items):
    """``items`` without the renditions prefetched on their pictures; returns ``items``.

    For lists kept for a whole generation (``generation.memo``): a rendition made after
    the list was read would be missing from the prefetched ones, and Wagtail, finding a
    prefetched list, would look it up in the database on every view. Without one, it asks
    the ``renditions`` cache, which every rendition made enters. ``items`` may be pages or
    objects carrying one in ``content`` (a dossier's entries).
    """
    for item in items:
        page = getattr(item, "content", item)
        for field in image_fields(type(page)) if hasattr(page, "_meta") else ():
            if field.is_cached(page) and (image := field.get_cached_value(page)) is not None:
                # Wagtail keeps them in either place (``prefetch_renditions`` uses to_attr).
                getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
                image.__dict__.pop("prefetched_renditions", None)
    return items


def content_page_models() -> list[type[Page]]:
    """Page types that are pieces of content: leaves of the tree (no child type allowed).

    Index pages (one of each: ``max_count = 1``, even an index whose content is still to
    come and allows no child yet), the home page and standard pages (about, legal) are not
    "content" a reader is pointed to; every app's leaf page type is — no list of apps here.
    A page type that is a leaf but no piece of content (a legal page) says so with
    ``is_content = False``.
    """
    return [
        model
        for model in get_page_models()
        if model is not Page
        and not model._meta.abstract
        and getattr(model, "is_content", True)
        and model.max_count != 1
        and not model.clean_subpage_models()
    ]


def content_pages(news_only: bool = False):
    """Live, public content pages of every kind (generic ``Page`` rows, not yet specific).

    ``news_only`` leaves out the types that say they are not news (``is_news = False``:
    a call for contributions has its own home block, which knows whether it is open).
    """
    models = [m for m in content_page_models() if not news_only or getattr(m, "is_news", True)]
    content_types = ContentType.objects.get_for_models(*models).values()
    return Page.objects.live().exclude(private_q()).filter(content_type__in=list(content_types))


def newest_first(pages: Iterable[Page]) -> list[Page]:
    """Specific pages sorted by the date readers see (``get_content_date``), newest first."""
    return sorted(
        pages,
        key=lambda page: (
            page.get_content_date() is not None,
            page.get_content_date() or 0,
            page.pk,
        ),
        reverse=True,
    )


def latest_content(limit: int, exclude: Iterable[int] = ()) -> list[Page]:
    """The ``limit`` newest pieces of content of any kind, by their content date.

    Content dates live in each type's own fields, so the database orders by first
    publication and a wider window (three times ``limit``) is sorted by content date.
    """
    window = (
        content_pages(news_only=True)
        .exclude(pk__in=list(exclude))
        .order_by("-first_published_at", "-pk")
    )
    pages = [page for page in window.specific()[: limit * 3] if page.can_be_featured()]
    return attach_listing_images(newest_first(pages)[:limit])


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist
        return False
    return True


def _shared_ids(page, name: str):
    """The page's tag or theme keys, or None when its type has no such field.

    Saved ones as a subquery: the related query reads them itself, with no query of its
    own (the page's template lists the tags already). In a preview they are the editor's
    unsaved, in-memory ones (modelcluster keeps them on the page; a new tag has no key).
    """
    from django.db.models import Subquery

    if not _has_field(type(page), name):
        return None
    field = type(page)._meta.get_field(name)
    through = getattr(field, "through", None) or field.remote_field.through
    own = next(
        f for f in through._meta.fields if f.is_relation and issubclass(type(page), f.related_model)
    )
    in_memory = getattr(page, "_cluster_related_objects", {})
    if page.pk is None or name in in_memory or own.remote_field.related_name in in_memory:
        return [item.pk for item in getattr(page, name).all() if item.pk]
    target = next(
        f.attname
        for f in through._meta.fields
        if f.is_relation and f.related_model is field.related_model
    )
    return Subquery(through.objects.filter(**{own.name: page.pk}).values(target))


def related_pages(page, limit: int = 3) -> list[Page]:
    """Live content of any kind sharing a tag or a theme with ``page``, newest first.

    Tags (taggit's one table) and themes (the shared snippet) are compared across types;
    a page type adds its own condition for pages of its type (an article's rubric) with
    ``get_related_condition()``. One query per content type that can match (a handful,
    never one per item), then two for the images.
    """
    from django.db.models import Q

    tag_ids = _shared_ids(page, "tags")
    theme_ids = _shared_ids(page, "themes")
    found = []
    # Private sections read once for every type (``.public()`` would read them per type).
    private = None
    for model in content_page_models():
        condition = Q()
        if tag_ids and _has_field(model, "tags"):
            condition |= Q(tags__in=tag_ids)
        if theme_ids and _has_field(model, "themes"):
            condition |= Q(themes__in=theme_ids)
        if type(page) is model and (own := page.get_related_condition()):
            condition |= own
        if not condition:
            continue
        if private is None:
            private = model.objects.all().private_q()
        queryset = (
            model.objects.live()
            .exclude(private)
            .filter(condition)
            .exclude(pk=page.pk)
            .distinct()
            .order_by("-first_published_at", "-pk")
        )
        found.extend(queryset[: limit * 3])
    return attach_listing_images(newest_first(found)[:limit])
