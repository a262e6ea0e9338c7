"""Saved database states for the browser tests: each built once a run, then put back
before every test by copying only the tables that changed.

A browser test cannot run inside a transaction rolled back at its end: the live server
answers from another thread (on PostgreSQL, through another connection) and must see what
the test wrote, as the test must see what the server wrote. Emptying every table after
each test, restoring the migrations' rows and seeding the demo again cost most of the
suite's time. Instead:

- Each state a test starts from (the migrated database, the demo, ...) is built once a
  run and copied table by table next to the live tables: into an attached in-memory
  database on SQLite, into one schema per state on PostgreSQL. Copying out and back are
  ``INSERT … SELECT`` statements the database runs itself: no value goes through Python,
  so none is converted on the way (dates, JSON, binary data stay byte for byte).
- A trigger on every table records its name in ``TOUCHED`` whenever it is written.
  Before each test, the tables written since the state was last put back are emptied and
  copied back, with those in which the two states differ when the test wants another
  state than the last one. A test therefore starts with exactly the saved rows, ids
  included, whatever the previous test did or however it failed.

Why triggers rather than comparing each table's row count and highest id, or a checksum:
an edit (an editor renames a page) changes neither count nor highest id, and a checksum
reads every row of every table before each test. A trigger costs one small insert per
written row (SQLite) or per statement (PostgreSQL, whose statement triggers also see
TRUNCATE); it sees the live server's writes and the test's alike, from any connection;
and it is rolled back with the write it records, so the record is never wrong.

Counters of new ids are part of a state too (the next page made gets the same id in
every run): SQLite keeps them in ``sqlite_sequence``, a small table copied back every
time (no trigger can watch it); PostgreSQL's sequences move even when the insert is
rolled back, which no trigger sees, so they are compared in one query and set back.
"""

import sqlite3
from dataclasses import dataclass, field

from django.db import connections, transaction

MIGRATED = "migrated"
TOUCHED = "browser_states_touched"
PREFIX = "browser_state"


@dataclass
class State:
    name: str
    # The tables whose rows differ from the migrated database's (written by the build).
    differs: set[str] = field(default_factory=set)
    sequences: dict = field(default_factory=dict)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class DatabaseStates:
    """The states saved so far, and which one the database holds (``current``)."""

    def __init__(self, alias: str = "default"):
        self.alias = alias
        self.states: dict[str, State] = {}
        self.current: str | None = None
        self.seen = set()
        vendor = self.connection.vendor
        if vendor == "sqlite":
            self.backend = _SQLite(self)
        elif vendor == "postgresql":
            self.backend = _PostgreSQL(self)
        else:  # pragma: no cover - the project runs on these two only
            raise NotImplementedError(f"États de base de données non gérés pour {vendor}.")

    @property
    def connection(self):
        # Looked up each time: once Playwright's loop runs in this thread, Django hands
        # out another connection object (to the same database). Each is kept, to be closed
        # at the end: the test database cannot be dropped while one is open.
        connection = connections[self.alias]
        self.seen.add(connection)
        return connection

    def install(self) -> None:
        """Watch every table and save the migrated database as it is now."""
        with self.connection.cursor() as cursor:
            self.backend.install(cursor)
        self._save(State(MIGRATED))

    def uninstall(self) -> None:
        """Leave the migrated database as found, without triggers nor copies."""
        if self.current is not None:
            self.start_from(MIGRATED)
        with self.connection.cursor() as cursor:
            self.backend.uninstall(cursor, list(self.states))
        self.states.clear()
        for connection in self.seen:
            connection.close()

    def is_saved(self, name: str) -> bool:
        return name in self.states

    def start_from(self, name: str, build=None) -> None:
        """Put the database in state ``name``, building it with ``build()`` the first time
        (from the migrated database)."""
        if name in self.states:
            self._put_back(name)
            return
        if build is None:
            raise LookupError(f"L'état « {name} » n'a pas été construit.")
        self._put_back(MIGRATED)
        build()
        with self.connection.cursor() as cursor:
            written = self.backend.touched(cursor)
        self._save(State(name, differs=written))

    def _save(self, state: State) -> None:
        with transaction.atomic(using=self.alias), self.connection.cursor() as cursor:
            self.backend.save(cursor, state.name)
            state.sequences = self.backend.sequences(cursor)
            self.backend.forget_touched(cursor)
        self.states[state.name] = state
        self.current = state.name

    def _put_back(self, name: str) -> None:
        state = self.states[name]
        self.backend.prepare()
        with transaction.atomic(using=self.alias), self.connection.cursor() as cursor:
            tables = self.backend.touched(cursor)
            if self.current != name:
                tables |= self.states[self.current].differs | state.differs
            self.backend.copy_back(cursor, name, tables)
            self.backend.put_back_sequences(cursor, state.sequences)
            self.backend.forget_touched(cursor)
        self.current = name


class _SQLite:
    """Copies in a shared in-memory database attached to the test database's connections.

    The copies live as long as one connection to them is open: this object keeps one.
    """

    DATABASE = "browser_states"
    URI = "file:fabrique-browser-states?mode=memory&cache=shared"

    def __init__(self, states: DatabaseStates):
        self.states = states
        self.keep_alive = sqlite3.connect(self.URI, uri=True)
        self.tables: list[str] = []

    def prepare(self) -> None:
        """Attach the copies to the connection in use (outside any transaction)."""
        with self.states.connection.cursor() as cursor:
            cursor.execute("PRAGMA database_list")
            if self.DATABASE not in {row[1] for row in cursor.fetchall()}:
                cursor.execute(f"ATTACH DATABASE '{self.URI}' AS {self.DATABASE}")

    def install(self, cursor) -> None:
        self.prepare()
        cursor.execute("PRAGMA main.table_list")
        kinds = {row[1]: row[2] for row in cursor.fetchall() if row[0] == "main"}
        self.tables = sorted(
            name
            for name, kind in kinds.items()
            if kind == "table" and not name.startswith("sqlite_") and name != TOUCHED
        )
        # A virtual table (the search's full-text index) is written by the triggers of the
        # table it indexes, and follows it when that table is copied back. It takes no
        # trigger itself, nor do its shadow tables: SQLite crashes on those.
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")
        triggers = [row[0] for row in cursor.fetchall()]
        for name, kind in kinds.items():
            if kind == "virtual" and not any(name in sql for sql in triggers):
                raise NotImplementedError(
                    f"{name} : table virtuelle qu'aucun déclencheur ne tient à jour."
                )
        for table in self.tables:
            cursor.execute(f"PRAGMA main.foreign_key_list({_quote(table)})")
            for row in cursor.fetchall():
                if row[6] != "NO ACTION":
                    raise NotImplementedError(
                        f"{table}: ON DELETE {row[6]} ; la remise en état des tables suppose "
                        "qu'aucune suppression n'en entraîne une autre."
                    )
        cursor.execute(f"CREATE TABLE {TOUCHED} (name TEXT PRIMARY KEY) WITHOUT ROWID")
        self.triggers = []
        for table in self.tables:
            for event in ("INSERT", "UPDATE", "DELETE"):
                trigger = f"{PREFIX}_{event.lower()}_{table}"
                cursor.execute(
                    f"CREATE TRIGGER {_quote(trigger)} AFTER {event} ON {_quote(table)} "
                    f"BEGIN INSERT OR IGNORE INTO {TOUCHED} VALUES ('{table}'); END"
                )
                self.triggers.append(trigger)

    def uninstall(self, cursor, names) -> None:
        for trigger in self.triggers:
            cursor.execute(f"DROP TRIGGER IF EXISTS {_quote(trigger)}")
        cursor.execute(f"DROP TABLE IF EXISTS {TOUCHED}")
        for name in names:
            for table in [*self.tables, "sqlite_sequence"]:
                cursor.execute(f"DROP TABLE IF EXISTS {self._copy(name, table)}")
        cursor.execute(f"DETACH DATABASE {self.DATABASE}")
        self.keep_alive.close()

    def _copy(self, state: str, table: str) -> str:
        return f"{self.DATABASE}.{_quote(f'{state}:{table}')}"

    def save(self, cursor, state: str) -> None:
        for table in [*self.tables, "sqlite_sequence"]:
            copy = self._copy(state, table)
            cursor.execute(f"DROP TABLE IF EXISTS {copy}")
            cursor.execute(f"CREATE TABLE {copy} AS SELECT * FROM main.{_quote(table)}")

    def copy_back(self, cursor, state: str, tables: set[str]) -> None:
        # The id counters go back every time: one row a table, and no trigger sees them.
        for table in [*sorted(tables), "sqlite_sequence"]:
            cursor.execute(f"DELETE FROM main.{_quote(table)}")
            cursor.execute(
                f"INSERT INTO main.{_quote(table)} SELECT * FROM {self._copy(state, table)}"
            )

    def touched(self, cursor) -> set[str]:
        cursor.execute(f"SELECT name FROM {TOUCHED}")
        return {row[0] for row in cursor.fetchall()}

    def forget_touched(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {TOUCHED}")

    def sequences(self, cursor) -> dict:
        return {}  # in sqlite_sequence, copied with the tables

    def put_back_sequences(self, cursor, sequences: dict) -> None:
        pass


class _PostgreSQL:
    """Copies in one schema a state, in the test database itself."""

    def __init__(self, states: DatabaseStates):
        self.states = states
        self.tables: list[str] = []
        self.columns: dict[str, str] = {}

    def prepare(self) -> None:
        pass

    def install(self, cursor) -> None:
        cursor.execute("SELECT current_schema()")
        (self.schema,) = cursor.fetchone()
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND c.relname <> %s "
            "ORDER BY c.relname",
            [self.schema, TOUCHED],
        )
        self.tables = [row[0] for row in cursor.fetchall()]
        # Generated columns are computed again on the way back, never copied.
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = %s AND is_generated = 'NEVER' ORDER BY ordinal_position",
            [self.schema],
        )
        columns: dict[str, list[str]] = {}
        for table, column in cursor.fetchall():
            columns.setdefault(table, []).append(_quote(column))
        self.columns = {table: ", ".join(columns[table]) for table in self.tables}
        # Rows are deleted then inserted again inside one transaction: foreign keys must
        # be checked at its end, and no deletion may reach into another table.
        cursor.execute(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint c "
            "JOIN pg_namespace n ON n.oid = c.connamespace "
            "WHERE n.nspname = %s AND contype = 'f' "
            "AND (NOT condeferrable OR confdeltype <> 'a')",
            [self.schema],
        )
        problems = cursor.fetchall()
        if problems:
            raise NotImplementedError(
                "Clés étrangères non différées ou en cascade, que la remise en état des "
                f"tables ne sait pas traiter : {problems}"
            )
        cursor.execute(f"CREATE UNLOGGED TABLE {TOUCHED} (name text NOT NULL)")
        # No unique index on purpose: two transactions recording the same table never
        # wait for each other.
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {PREFIX}_touch() RETURNS trigger LANGUAGE plpgsql "
            f"AS $$ BEGIN INSERT INTO {TOUCHED} VALUES (TG_TABLE_NAME); RETURN NULL; END $$"
        )
        for table in self.tables:
            cursor.execute(
                f"CREATE TRIGGER {PREFIX}_touch "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {_quote(table)} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}_touch()"
            )

    def uninstall(self, cursor, names) -> None:
        for table in self.tables:
            cursor.execute(f"DROP TRIGGER IF EXISTS {PREFIX}_touch ON {_quote(table)}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {PREFIX}_touch()")
        cursor.execute(f"DROP TABLE IF EXISTS {TOUCHED}")
        for name in names:
            cursor.execute(f"DROP SCHEMA IF EXISTS {_quote(f'{PREFIX}_{name}')} CASCADE")

    def save(self, cursor, state: str) -> None:
        schema = _quote(f"{PREFIX}_{state}")
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        for table in self.tables:
            cursor.execute(
                f"CREATE UNLOGGED TABLE {schema}.{_quote(table)} AS "
                f"SELECT {self.columns[table]} FROM {_quote(self.schema)}.{_quote(table)}"
            )

    def copy_back(self, cursor, state: str, tables: set[str]) -> None:
        schema = _quote(f"{PREFIX}_{state}")
        for table in sorted(tables):
            live = f"{_quote(self.schema)}.{_quote(table)}"
            cursor.execute(f"DELETE FROM {live}")
            cursor.execute(
                f"INSERT INTO {live} ({self.columns[table]}) "
                f"SELECT {self.columns[table]} FROM {schema}.{_quote(table)}"
            )

    def touched(self, cursor) -> set[str]:
        cursor.execute(f"SELECT DISTINCT name FROM {TOUCHED}")
        return {row[0] for row in cursor.fetchall()}

    def forget_touched(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {TOUCHED}")

    def sequences(self, cursor) -> dict:
        cursor.execute(
            "SELECT sequencename, last_value, start_value FROM pg_sequences WHERE schemaname = %s",
            [self.schema],
        )
        return {name: (last, start) for name, last, start in cursor.fetchall()}

    def put_back_sequences(self, cursor, sequences: dict) -> None:
        now = self.sequences(cursor)
        calls, params = [], []
        for name, (last, start) in sequences.items():
            if now.get(name, (None, None))[0] == last:
                continue
            calls.append("setval(%s::regclass, %s, %s)")
            qualified = f"{_quote(self.schema)}.{_quote(name)}"
            params += [qualified, start if last is None else last, last is not None]
        if calls:
            cursor.execute("SELECT " + ", ".join(calls), params)
