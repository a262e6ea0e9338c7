"""Characters that feeds cannot carry: refused where text is typed, stripped where it leaves.

XML 1.0 forbids the C0 control characters except tab, line feed and carriage return,
the non-characters U+FFFE and U+FFFF, and lone surrogates; iCalendar (RFC 5545) forbids
the C0 controls and DEL in its text. One pasted vertical tab (Word and some PDF readers
produce them) made Django's RSS writer raise, so ``/articles/rss/`` answered 500 for
everyone; U+FFFF went through and gave a feed readers reject.

Three guards, all here so every feed and every form agree on the same list:

- **refused where text is typed**: ``install_text_validators()`` (called once at start-up
  by ``CoreConfig.ready()``) gives every text field of the project's models (and the
  page title and SEO fields of Wagtail's ``Page``) a validator, ``validate_feed_safe_text``.
  Model validation runs for every admin form (pages, snippets, the site settings, inline
  rows such as footnotes and chapters, which are separate forms that a page form's own
  ``clean()`` would not reach), so the French message appears beside the field. Rich text
  is checked as its HTML, a StreamField through its stored data (every string of every
  block). The validator is added to the field's list of validators, not to its
  definition: no migration.
- **stripped when a page is saved without a form** (``strip_instance_text()``, called by
  ``BasePage.save()`` and ``save_revision()``): Wagtail validates a page again on every
  save, so an old character would otherwise stop it from being published, moved or
  unpublished.
- **stripped where text leaves**: ``strip_illegal()`` for one string, the
  ``SafeRss201rev2Feed`` generator for Django's syndication feeds, ``strip_illegal_bytes()`` for a finished
  calendar. Text saved before the validator existed, or by code that skips validation
  (imports, the ORM), still cannot break a feed.

The same two places also remove what a feed *can* carry but no reader sees: a soft
hyphen or a zero-width space pasted into a title shows nowhere on the page, yet splits
the word for search engines, feed readers and screen readers. Every save of a page (the
admin's, an import's, a revision's) stores its text normalised as editor text
(``fabrique.web.normalise.normalise_editor_text``: format characters removed,
compatibility forms folded, French typographic forms such as « 1ᵉʳ », « … » and the
no-break spaces kept); rich text and blocks are normalised between their tags, never in
them. Feeds strip the hidden characters of text stored before. Wagtail's own page fields
are limited to the title, the SEO title and the search description: the slug and the
tree paths are addresses, left as Wagtail made them.
"""

import re
from collections.abc import Iterable, Iterator

from django.apps import apps as django_apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from fabrique.web.normalise import normalise_editor_markup, strip_hidden

# Tab (U+0009), line feed (U+000A) and carriage return (U+000D) are allowed; DEL (U+007F)
# is legal in XML but not in iCalendar text, and never wanted in a title.
ILLEGAL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

_NAMES = {
    "\x00": _("caractère nul"),
    "\x0b": _("tabulation verticale"),
    "\x0c": _("saut de page"),
    "\x7f": _("caractère d'effacement"),
    "\ufffe": _("non-caractère"),
    "\uffff": _("non-caractère"),
}

_LONE_SURROGATE = _("demi-caractère isolé")
_CONTROL = _("caractère de contrôle")

FIELD_MESSAGE = _(
    "Ce texte contient un caractère invisible interdit (%(character)s), souvent copié "
    "depuis un traitement de texte ou un PDF. Retirez-le, par exemple en retapant le "
    "passage : les flux RSS et les agendas ne peuvent pas le transporter."
)
BLOCK_MESSAGE = _(
    "Le bloc n° %(position)s (« %(block)s ») contient un caractère invisible interdit "
    "(%(character)s), souvent copié depuis un traitement de texte ou un PDF. Retirez-le, "
    "par exemple en retapant le passage : les flux RSS et les agendas ne peuvent pas le "
    "transporter."
)


def strip_illegal(value) -> str:
    """The text without the characters XML 1.0 and iCalendar cannot carry."""
    return ILLEGAL_CHARACTERS.sub("", str(value))


def strip_illegal_bytes(content: bytes, encoding: str = "utf-8") -> bytes:
    """A finished document (e.g. an iCalendar file) without those characters.

    Safe on a serialised calendar: no escape sequence or line fold uses them, and a
    folded line that loses one is only shorter.
    """
    text = content.decode(encoding, errors="surrogatepass")
    if not ILLEGAL_CHARACTERS.search(text):
        return content
    return strip_illegal(text).encode(encoding)


def first_illegal(value: str) -> str | None:
    match = ILLEGAL_CHARACTERS.search(value) if isinstance(value, str) else None
    return match.group() if match else None


def describe(character: str) -> str:
    """« U+000B, tabulation verticale »: what the editor has to look for."""
    code = f"U+{ord(character):04X}"
    if character in _NAMES:
        return f"{code}, {_NAMES[character]}"
    if "\ud800" <= character <= "\udfff":
        return f"{code}, {_LONE_SURROGATE}"
    return f"{code}, {_CONTROL}"


def _strings(value) -> Iterator[str]:
    """Every string inside stored block data (dicts, lists, rich text sources)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif value is not None and hasattr(value, "source"):  # RichText
        yield str(value.source)


def _validate_stream(value) -> None:
    stream_block = value.stream_block
    for position, item in enumerate(value.get_prep_value(), start=1):
        for text in _strings(item.get("value")):
            character = first_illegal(text)
            if character is None:
                continue
            child = stream_block.child_blocks.get(item.get("type"))
            label = child.label if child is not None else item.get("type", "")
            raise ValidationError(
                BLOCK_MESSAGE,
                code="illegal_character",
                params={
                    "position": position,
                    "block": label,
                    "character": describe(character),
                },
            )


def validate_feed_safe_text(value) -> None:
    """Refuse text that a feed could not carry (the message names the character)."""
    if value is None:
        return
    if hasattr(value, "stream_block"):  # a StreamField's StreamValue
        _validate_stream(value)
        return
    for text in _strings(value):
        character = first_illegal(text)
        if character is not None:
            raise ValidationError(
                FIELD_MESSAGE, code="illegal_character", params={"character": describe(character)}
            )


def _text_fields(model) -> Iterable[models.Field]:
    from wagtail.fields import StreamField

    for field in model._meta.local_fields:
        text = isinstance(field, models.CharField | models.TextField) and not field.choices
        if text or isinstance(field, StreamField):
            yield field


def checked_models() -> list[type[models.Model]]:
    """The models whose text is checked: the project's own apps, and Wagtail's ``Page``."""
    base = str(settings.BASE_DIR)
    chosen = []
    for config in django_apps.get_app_configs():
        path = str(config.path)
        own = path.startswith(base) and not any(
            part in path for part in ("site-packages", "dist-packages")
        )
        if own or config.label == "wagtailcore":
            chosen.extend(
                model for model in config.get_models() if own or model._meta.model_name == "page"
            )
    return chosen


def install_text_validators() -> None:
    """Give every text field of ``checked_models()`` the validator (idempotent).

    ``field.validators`` is the list model validation runs; adding to it leaves the field's
    definition (``deconstruct()``, hence migrations) unchanged.
    """
    for model in checked_models():
        for field in _text_fields(model):
            if validate_feed_safe_text not in field.validators:
                field.validators.append(validate_feed_safe_text)


# Wagtail's own page fields that hold text people read; the others (slug, paths) are
# addresses and stay as Wagtail made them.
PAGE_TEXT_FIELDS = ("title", "draft_title", "seo_title", "search_description")


def _normalised_field(field) -> bool:
    if field.model._meta.app_label == "wagtailcore":
        return field.name in PAGE_TEXT_FIELDS
    return not getattr(field, "choices", None)


def strip_instance_text(instance) -> list[str]:
    """Strip the characters from every text field of ``instance``, and normalise its
    text as editor text; the names changed.

    For saves that no form checked (imports, scripts, publishing a revision stored
    before the check existed): a page is validated again by ``Page.save()``, and an old
    vertical tab would otherwise make publishing, moving or unpublishing it fail. For
    every save, the admin's too: hidden characters never reach the database.
    """
    from wagtail.fields import StreamField

    changed = []
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField | StreamField):
            continue
        tidy = _tidy if _normalised_field(field) else strip_illegal
        value = getattr(instance, field.attname, None)
        if isinstance(field, StreamField):
            if value is None or not hasattr(value, "get_prep_value"):
                continue
            data = value.get_prep_value()
            if any(tidy(text) != text for text in _strings(data)):
                setattr(instance, field.attname, _apply(data, tidy))
                changed.append(field.name)
        elif isinstance(value, str) and tidy(value) != value:
            setattr(instance, field.attname, tidy(value))
            changed.append(field.name)
    return changed


def _tidy(value: str) -> str:
    """Editor text as stored: normalised between tags, without illegal characters."""
    return strip_illegal(normalise_editor_markup(value))


def _apply(value, function):
    if isinstance(value, str):
        return function(value)
    if isinstance(value, list | tuple):
        return type(value)(_apply(item, function) for item in value)
    if isinstance(value, dict):
        return {key: _apply(item, function) for key, item in value.items()}
    return value


def feed_text(value) -> str:
    """Text on its way into a feed: without illegal or hidden characters."""
    return strip_illegal(strip_hidden(str(value)))


def _clean(value):
    return _apply(value, feed_text)


class SafeFeedMixin:
    """A Django feed generator that strips the characters from every string it is given,
    and the hidden ones (soft hyphens, zero-width spaces) from text stored before pages
    were normalised on save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*(_clean(arg) for arg in args), **_clean(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*(_clean(arg) for arg in args), **_clean(kwargs))


class SafeRss201rev2Feed(SafeFeedMixin, Rss201rev2Feed):
    pass
