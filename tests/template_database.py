"""A pytest plugin: one migrated database with the site tree, built once a run.

Migrating and seeding cost seconds; a run pays them once. The first pytest-xdist worker
to arrive builds a template database (migrations, then ``seed_site``, the code
``seed_demo`` runs) under a file lock; every worker then clones it (PostgreSQL
``CREATE DATABASE … TEMPLATE``, SQLite the backup API into its in-memory database). Each
test runs in a transaction rolled back at its end, so every test starts from the same
pristine tree; transactional tests restore it from a copy taken after the clone.
Loaded by ``tests/conftest.py`` (``pytest_plugins``).
"""

import fcntl
import shutil
import sqlite3
import tempfile
import uuid
from pathlib import Path

import pytest
from django.test import override_settings

from fabrique.demo.site import seed_site


def pytest_configure(config):
    """The run's identifier, known to the xdist controller too (it removes the template)."""
    if hasattr(config, "workerinput"):
        return
    if getattr(config.option, "testrunuid", None) is None:
        config.option.testrunuid = uuid.uuid4().hex


def _run_id(config) -> str:
    if hasattr(config, "workerinput"):
        return config.workerinput["testrunuid"]
    return config.option.testrunuid


def _run_dir(config) -> Path:
    return Path(tempfile.gettempdir()) / f"fabrique-tests-{_run_id(config)[:12]}"


def _template_name(connection, config) -> str:
    """The template's name: a file for SQLite, a database for PostgreSQL."""
    if connection.vendor == "sqlite":
        return str(_run_dir(config) / "template.sqlite3")
    return f"test_{connection.settings_dict['NAME']}"[:40] + f"_tpl_{_run_id(config)[:8]}"


def _build_template(connection, template: str):
    """Migrate a database named ``template`` and seed the site tree in it, then leave it."""
    from django.conf import settings

    alias = connection.alias
    original_name = connection.settings_dict["NAME"]
    original_test_name = connection.settings_dict["TEST"].get("NAME")
    connection.settings_dict["TEST"]["NAME"] = template
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        # Indexed for search as on the site, for the tests that turn the index on.
        with override_settings(
            WAGTAILSEARCH_BACKENDS={
                name: {**backend, "AUTO_UPDATE": True}
                for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
            }
        ):
            seed_site()
    finally:
        connection.close()
        connection.settings_dict["TEST"]["NAME"] = original_test_name
        connection.settings_dict["NAME"] = original_name
        settings.DATABASES[alias]["NAME"] = original_name


def _clone_template(connection, template: str) -> str:
    """This worker's test database, a copy of the template; returns its name."""
    from django.conf import settings

    creation = connection.creation
    test_name = creation._get_test_db_name()
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        with creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
            cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
    elif not creation.is_in_memory_db(test_name):
        shutil.copyfile(template, test_name)
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    if connection.vendor == "sqlite" and creation.is_in_memory_db(test_name):
        connection.ensure_connection()
        source = sqlite3.connect(template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    return test_name


def _plain_setup(request, aliases, serialized_aliases, keepdb: bool):
    """pytest-django's own setup: the browser suite starts from the migrations' rows only."""
    from django.test.utils import setup_databases

    return setup_databases(
        verbosity=request.config.option.verbose,
        interactive=False,
        aliases=aliases,
        serialized_aliases=serialized_aliases,
        keepdb=keepdb,
    )


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    from django.db import connections
    from django.test.utils import teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    keepdb = django_db_keepdb and not django_db_createdb
    # The browser suite (its own process, a live server) seeds what each test needs; a
    # reused or migration-less database is the developer's explicit choice.
    plain = (
        keepdb
        or not django_db_use_migrations
        or all(item.get_closest_marker("browser") for item in request.session.items)
        or aliases != {"default"}
    )
    with django_db_blocker.unblock():
        if plain:
            config = _plain_setup(request, aliases, serialized_aliases, keepdb)
        else:
            connection = connections["default"]
            original_name = connection.settings_dict["NAME"]
            template = _template_name(connection, request.config)
            run_dir = _run_dir(request.config)
            run_dir.mkdir(exist_ok=True)
            with open(run_dir / "lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                ready = run_dir / "ready"
                if not ready.exists():
                    _build_template(connection, template)
                    ready.write_text(template)
                _clone_template(connection, template)
            if "default" in serialized_aliases:
                # What transactional tests restore: the migrations' rows and the tree.
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
            config = [(connection, original_name, True)]

    yield

    if not keepdb:
        with django_db_blocker.unblock():
            try:
                teardown_databases(config, verbosity=request.config.option.verbose)
            except Exception as exc:
                request.node.warn(pytest.PytestWarning(f"Test databases not removed: {exc!r}"))


def pytest_sessionfinish(session):
    """The controller (or a run without xdist) removes the template once every worker is done."""
    config = session.config
    if hasattr(config, "workerinput"):
        return
    run_dir = _run_dir(config)
    if not run_dir.exists():
        return
    ready = run_dir / "ready"
    template = ready.read_text() if ready.exists() else ""
    shutil.rmtree(run_dir, ignore_errors=True)
    if template and not template.endswith(".sqlite3"):
        from django.db import connection
        from pytest_django.plugin import blocking_manager_key

        quote = connection.ops.quote_name
        unblocked = config.stash[blocking_manager_key].unblock()
        with unblocked, connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(template)}")
