"""Checks an editor sees before publishing: what makes a page weaker for readers,
search engines or screen-reader users, said in French with what to do about it.

They never block publishing (a volunteer in a hurry may have good reasons); they show at
the top of the page editor, on the version being edited. Apps add checks that only
they understand with ``register_content_check`` from their ``sections.py``.
Wagtail's accessibility checker (in the preview and the userbar) runs as well.
"""

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage

TITLE_MAX = 70

_checks: list[Callable] = []


def register_content_check(check: Callable) -> Callable:
    """``check(page) -> iterable of French messages``; usable as a decorator."""
    if check not in _checks:
        _checks.append(check)
    return check


def content_issues(page) -> list[str]:
    page = getattr(page, "specific", page)
    return [str(message) for check in _checks for message in check(page)]


@register_content_check
def title_length(page) -> Iterable[str]:
    if len(page.title) > TITLE_MAX:
        yield _(
            "Le titre compte %(count)d caractères : au-delà de %(max)d, moteurs de recherche "
            "et réseaux sociaux le coupent. Raccourcissez-le, ou remplissez le « titre pour "
            "les moteurs de recherche » (onglet Promotion)."
        ) % {"count": len(page.title), "max": TITLE_MAX}


@register_content_check
def meta_description(page) -> Iterable[str]:
    describe = getattr(page, "get_meta_description", None)
    if describe is not None and not describe():
        yield _(
            "Pas de description : les moteurs de recherche et les partages n'auront aucun "
            "résumé. Remplissez le chapô, ou la « description » de l'onglet Promotion."
        )


@register_content_check
def listing_image(page) -> Iterable[str]:
    image_of = getattr(page, "get_listing_image", None)
    if image_of is not None and image_of() is None:
        yield _(
            "Pas d'image : la carte de cette page dans les listes et les partages sera "
            "sans illustration. Choisissez une image principale ou une image de carte."
        )


def _described(image) -> bool:
    return bool(getattr(image, "description", "").strip())


def _images_in_streams(page):
    """(image, block alt text, decorative) of every image block in the page's StreamFields."""
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        for block in getattr(page, field.name) or []:
            yield from _images_in_value(block.value)


def _images_in_value(value):
    if isinstance(value, AbstractImage):
        yield value, "", False
    elif hasattr(value, "get") and isinstance(value.get("image", None), AbstractImage):
        yield value["image"], value.get("alt_text") or "", bool(value.get("decorative"))
    elif hasattr(value, "items"):
        for child in value.values():
            yield from _images_in_value(child)
    elif isinstance(value, list | tuple):
        for child in value:
            yield from _images_in_value(child)


@register_content_check
def alternative_text(page) -> Iterable[str]:
    missing = []
    for name in ("hero_image", "listing_image"):
        image = getattr(page, name, None)
        if isinstance(image, AbstractImage) and not _described(image):
            missing.append(image.title)
    for image, alt_text, decorative in _images_in_streams(page):
        if not (decorative or alt_text.strip() or _described(image)):
            missing.append(image.title)
    for title in dict.fromkeys(missing):
        yield _(
            "L'image « %(title)s » n'a pas de texte alternatif : décrivez-la (champ "
            "« texte alternatif » du bloc, ou « description » de l'image dans la "
            "médiathèque), ou cochez « image décorative » si elle n'apporte rien."
        ) % {"title": title}


@register_content_check
def transcript(page) -> Iterable[str]:
    """Any page type with a ``transcript`` field (videos, episodes) should fill it."""
    if hasattr(page, "transcript") and not str(page.transcript or "").strip():
        yield _(
            "Pas de transcription : les personnes sourdes ou sans écouteurs ne sauront "
            "pas ce qui est dit. Ajoutez la transcription."
        )
