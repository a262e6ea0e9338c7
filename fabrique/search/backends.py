"""The project's own database search backend: Wagtail's, with French reading added.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "fabrique.search.backends"`` picks, as
Wagtail's ``wagtail.search.backends.database`` does, the backend of the database in use,
with two changes:

- PostgreSQL: autocomplete uses ``AUTOCOMPLETE_CONFIG`` (``simple_unaccent``, created by
  this app's migration) instead of Wagtail's hard-coded ``simple``, so « hopi » completes
  « hôpital »; full-text search already follows ``SEARCH_CONFIG`` (``french_unaccent``).
- SQLite: FTS5 has no stemming, so each term is searched as the prefix of its light
  French stem (``fabrique/search/text.py``, ``stem``): « gardes » finds « garde »,
  « medical » finds « médicaux ». FTS5's tokenizer already ignores accents.

Any other database gets Wagtail's backend unchanged.
"""

from django.db import connection
from wagtail.search.backends.database import SearchBackend as wagtail_database_backend
from wagtail.search.query import PlainText

from fabrique.search.text import PREFIX_MIN_LENGTH, stem


def _postgres_backend():
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

    class FrenchPostgresSearchBackend(PostgresSearchBackend):
        def __init__(self, params):
            super().__init__(params)
            self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", "simple")

    return FrenchPostgresSearchBackend


def _sqlite_backend():
    from wagtail.search.backends.database.sqlite.query import (
        Lexeme,
        SearchQueryExpression,
    )
    from wagtail.search.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    def lexemes(query: PlainText, last_is_prefix: bool):
        terms = [term for term in query.query_string.replace('"', " ").split() if term]
        if not terms:
            return None
        combined = None
        for position, term in enumerate(terms):
            stemmed = stem(term)
            prefix = len(stemmed) >= PREFIX_MIN_LENGTH or (
                last_is_prefix and position == len(terms) - 1
            )
            lexeme = Lexeme(stemmed, prefix=prefix)
            if combined is None:
                combined = lexeme
            elif query.operator.upper() == "AND":
                combined &= lexeme
            else:
                combined |= lexeme
        return combined

    class StemmingQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                combined = lexemes(query, self.LAST_TERM_IS_PREFIX)
                return None if combined is None else SearchQueryExpression(combined, config=config)
            return super().build_search_query_content(query, config=config)

    class StemmingAutocompleteQueryCompiler(SQLiteAutocompleteQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                combined = lexemes(query, True)
                return None if combined is None else SearchQueryExpression(combined, config=config)
            return super().build_search_query_content(query, config=config)

    class FrenchSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = StemmingQueryCompiler
        autocomplete_query_compiler_class = StemmingAutocompleteQueryCompiler

    return FrenchSQLiteSearchBackend


def SearchBackend(params):
    """The backend for the database in use (see the module's docstring)."""
    backend = wagtail_database_backend(params)
    if connection.vendor == "postgresql":
        return _postgres_backend()(params)
    if connection.vendor == "sqlite" and backend.__class__.__name__ == "SQLiteSearchBackend":
        return _sqlite_backend()(params)
    return backend
