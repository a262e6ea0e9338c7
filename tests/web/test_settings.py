"""Production refuses to start unsafe; environment variables are read strictly."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from fabrique.settings.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]


# What production settings read to choose their cache and e-mail backend.
CHOICE_VARIABLES = {"REDIS_URL", "FABRIQUE_CACHE", "EMAIL_HOST", "EMAIL_BACKEND"}
# A deployment that chose its cache explicitly.
EXPLICIT = {
    "FABRIQUE_CACHE": "database",
    "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
}


def production_env(tmp_path, secret_key=None, **variables) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
        and key not in CHOICE_VARIABLES
    }
    env["DJANGO_SETTINGS_MODULE"] = "fabrique.settings.production"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    if secret_key is not None:
        env["DJANGO_SECRET_KEY"] = secret_key
    env.update(variables)
    return env


def run_check(tmp_path, secret_key=None, **variables):
    variables = variables or EXPLICIT
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env(tmp_path, secret_key, **variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_setting(tmp_path, expression: str, **variables):
    """Loads the production settings in a fresh process and prints one expression."""
    code = f"from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=production_env(tmp_path, secrets.token_urlsafe(48), **{**EXPLICIT, **variables}),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_shared_cache(tmp_path):
    """No silent per-process cache: each gunicorn worker would count the rate limit alone."""
    result = run_check(tmp_path, secrets.token_urlsafe(48), **{**EXPLICIT, "FABRIQUE_CACHE": ""})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "REDIS_URL n'est pas défini" in result.stderr
    assert "FABRIQUE_CACHE=database" in result.stderr


@pytest.mark.parametrize(
    ("variables", "backend"),
    [
        ({"FABRIQUE_CACHE": "database"}, "django.core.cache.backends.db.DatabaseCache"),
        ({"FABRIQUE_CACHE": "locmem"}, "django.core.cache.backends.locmem.LocMemCache"),
        (
            {"REDIS_URL": "redis://127.0.0.1:6379/0", "FABRIQUE_CACHE": ""},
            "django_redis.cache.RedisCache",
        ),
    ],
)
def test_production_uses_the_cache_chosen(tmp_path, variables, backend):
    result = production_setting(tmp_path, "settings.CACHES['default']['BACKEND']", **variables)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == backend


@pytest.mark.parametrize("choice", ["memcached", "redis"])
def test_an_unknown_or_incomplete_cache_choice_is_refused(tmp_path, choice):
    result = production_setting(tmp_path, "settings.CACHES", FABRIQUE_CACHE=choice)
    assert result.returncode != 0
    assert "FABRIQUE_CACHE" in result.stderr


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_check(tmp_path, secret_key=secrets.token_urlsafe(48)[:64])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("secret_key", [None, "", "trop-court", "dev-" + "x" * 60])
def test_production_refuses_a_missing_or_weak_secret_key(tmp_path, secret_key):
    result = run_check(tmp_path, secret_key=secret_key)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY doit être défini" in result.stderr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        (" Yes ", True),
        ("on", True),
        ("0", False),
        ("off", False),
        ("", False),
    ],
)
def test_env_bool_reads_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FABRIQUE_TEST_FLAG", raw)
    assert env_bool("FABRIQUE_TEST_FLAG") is expected


def test_env_bool_default_and_rejects_nonsense(monkeypatch):
    monkeypatch.delenv("FABRIQUE_TEST_FLAG", raising=False)
    assert env_bool("FABRIQUE_TEST_FLAG", True) is True
    monkeypatch.setenv("FABRIQUE_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FABRIQUE_TEST_FLAG doit valoir true ou false"):
        env_bool("FABRIQUE_TEST_FLAG")


def test_env_int(monkeypatch):
    monkeypatch.delenv("FABRIQUE_TEST_INT", raising=False)
    assert env_int("FABRIQUE_TEST_INT", 7) == 7
    monkeypatch.setenv("FABRIQUE_TEST_INT", " ")
    assert env_int("FABRIQUE_TEST_INT", 7) == 7
    monkeypatch.setenv("FABRIQUE_TEST_INT", "42")
    assert env_int("FABRIQUE_TEST_INT", 7) == 42
    monkeypatch.setenv("FABRIQUE_TEST_INT", "quarante")
    with pytest.raises(ImproperlyConfigured, match="nombre entier"):
        env_int("FABRIQUE_TEST_INT", 7)


def test_env_list_and_str(monkeypatch):
    monkeypatch.setenv("FABRIQUE_TEST_LIST", " a.example, ,b.example ,")
    assert env_list("FABRIQUE_TEST_LIST") == ["a.example", "b.example"]
    monkeypatch.delenv("FABRIQUE_TEST_LIST")
    assert env_list("FABRIQUE_TEST_LIST", "x,y") == ["x", "y"]
    assert env_str("FABRIQUE_TEST_LIST", "défaut") == "défaut"


def test_production_refuses_to_start_without_a_real_email_backend(tmp_path):
    """The console backend would print authors' addresses and titles into the logs."""
    result = run_check(tmp_path, secrets.token_urlsafe(48), FABRIQUE_CACHE="database")
    assert result.returncode != 0
    assert "EMAIL_HOST n'est pas défini" in result.stderr
    assert "EMAIL_BACKEND=" in result.stderr


@pytest.mark.parametrize(
    ("variables", "backend"),
    [
        ({"EMAIL_HOST": "smtp.example.org"}, "django.core.mail.backends.smtp.EmailBackend"),
        (
            {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
            "django.core.mail.backends.console.EmailBackend",
        ),
    ],
)
def test_production_uses_smtp_or_the_backend_chosen_explicitly(tmp_path, variables, backend):
    result = production_setting(
        tmp_path, "settings.EMAIL_BACKEND", **{"EMAIL_BACKEND": "", **variables}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == backend


DATABASE_VARIABLES = (
    "DATABASE_REQUEST_TIMEOUT",
    "DATABASE_HEALTHZ_TIMEOUT",
    "DATABASE_CONNECT_TIMEOUT",
    "DATABASE_STATEMENT_TIMEOUT",
    "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT",
    "DATABASE_TCP_TIMEOUT",
)


def database_options(tmp_path, url, **variables):
    unset = dict.fromkeys(DATABASE_VARIABLES, "")  # blank reads as the default
    result = production_setting(
        tmp_path,
        "(settings.DATABASES['default']['ENGINE'], sorted(settings.DATABASES['default']"
        ".get('OPTIONS', {}).items()), settings.DATABASE_REQUEST_TIMEOUT, "
        "settings.DATABASE_HEALTHZ_TIMEOUT)",
        DATABASE_URL=url,
        **{**unset, **variables},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_bounds_every_wait_by_default(tmp_path):
    """A database that hangs costs seconds: the site's own deadline (3 s a wait in a
    request, 2 s for /healthz/), the server's statement and idle-transaction timeouts,
    and TCP's, all below gunicorn's 30 s."""
    assert database_options(tmp_path, "postgres://postgres@127.0.0.1:5432/fabrique") == str(
        (
            "fabrique.web.postgresql",
            [
                ("connect_timeout", 3),
                ("keepalives", 1),
                ("keepalives_count", 3),
                ("keepalives_idle", 10),
                ("keepalives_interval", 3),
                (
                    "options",
                    "-c statement_timeout=10000 -c idle_in_transaction_session_timeout=60000",
                ),
                ("tcp_user_timeout", 10000),
            ],
            3,
            2,
        )
    )


def test_postgresql_timeouts_follow_the_environment_and_zero_turns_them_off(tmp_path):
    url = "postgres://postgres@127.0.0.1:5432/fabrique?options=-c%20work_mem%3D8MB"
    assert database_options(
        tmp_path,
        url,
        DATABASE_STATEMENT_TIMEOUT="0",
        DATABASE_IDLE_IN_TRANSACTION_TIMEOUT="30",
        DATABASE_TCP_TIMEOUT="0",
        DATABASE_REQUEST_TIMEOUT="4",
    ) == str(
        (
            "fabrique.web.postgresql",
            [
                ("connect_timeout", 3),
                # The URL's own server settings come last: they win.
                ("options", "-c idle_in_transaction_session_timeout=30000 -c work_mem=8MB"),
            ],
            4,
            2,
        )
    )


def test_sqlite_needs_none_of_it(tmp_path):
    assert database_options(tmp_path, f"sqlite:///{tmp_path / 'site.sqlite3'}") == str(
        ("django.db.backends.sqlite3", [], 3, 2)
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no server whose session settings could be read",
)
def test_postgresql_sessions_carry_the_server_timeouts(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        statement = cursor.fetchone()[0]
        cursor.execute("SHOW idle_in_transaction_session_timeout")
        idle = cursor.fetchone()[0]
    assert (statement, idle) == ("10s", "1min")


def test_postgresql_gives_up_connecting_after_three_seconds(tmp_path):
    """A database that never answers would hold a worker until gunicorn's timeout."""
    result = production_setting(
        tmp_path,
        "settings.DATABASES['default']['OPTIONS']['connect_timeout']",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/fabrique",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3"
