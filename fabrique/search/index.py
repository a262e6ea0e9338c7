"""What the search index stores of a model: its search fields' text, normalised.

Every searchable model of the site (``BasePage`` and so every page, testimonies) mixes in
``NormalisedSearchMixin``: each of its ``SearchField`` and ``AutocompleteField`` (those
inside ``RelatedFields`` too) hands the backend ``index_text(value)`` instead of the raw
value, the same normalisation a query goes through (``fabrique/search/text.py``). The
backends themselves are Wagtail's, untouched: only what they are given changes, and
``update_index`` rewrites the stored copies.
"""

import copy

from wagtail.search import index

from fabrique.search.text import index_text


def _normalised(value):
    if isinstance(value, str):
        return index_text(value)
    if isinstance(value, list | tuple):
        return [_normalised(item) for item in value]
    return value


class NormalisedSearchField(index.SearchField):
    def get_value(self, obj):
        return _normalised(super().get_value(obj))


class NormalisedAutocompleteField(index.AutocompleteField):
    def get_value(self, obj):
        return _normalised(super().get_value(obj))


def normalise_field(field):
    """The same declaration, whose value is normalised (a copy: the model's list stays)."""
    wrapped = copy.copy(field)
    if type(field) is index.SearchField:
        wrapped.__class__ = NormalisedSearchField
    elif type(field) is index.AutocompleteField:
        wrapped.__class__ = NormalisedAutocompleteField
    elif isinstance(field, index.RelatedFields):
        wrapped.fields = [normalise_field(sub) for sub in field.fields]
    return wrapped


class NormalisedSearchMixin:
    """Mixed into an ``index.Indexed`` model: its indexed text goes through ``index_text``."""

    @classmethod
    def get_search_fields(cls):
        return [normalise_field(field) for field in super().get_search_fields()]
