"""PostgreSQL's accent-blind French search, and the index its queries use.

- the ``unaccent`` extension (trusted since PostgreSQL 13: the database's owner may create
  it without being a superuser);
- the text search configuration ``french_unaccent``: a copy of ``french`` whose words go
  through ``unaccent`` before the French stemmer, so « hopital » and « hôpital », or
  « desert medical » and « déserts médicaux », share their lexemes; ``simple_unaccent``
  does the same for autocomplete, without stemming;
- a GIN index on ``title || body`` of Wagtail's index table: the database backend
  filters on that very expression (``PostgresSearchQueryCompiler.search`` combines the
  two vectors), which the separate indexes on each column cannot serve.

A no-op on any other database. Idempotent (each object is created only if missing) and
reversible (the configurations and the index are dropped; the extension stays, other
objects may use it). The stored vectors were computed with the previous configuration:
run ``update_index`` after migrating (docs/operations.md).
"""

from django.db import migrations

INDEX = "fabrique_search_title_body_gin"
TABLE = "wagtailsearch_indexentry"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'simple_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION simple_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END
    $$
    """,
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin ((title || body))",
]
BACKWARD = [
    f"DROP INDEX IF EXISTS {INDEX}",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
