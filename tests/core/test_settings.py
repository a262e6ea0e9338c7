"""Production refuses to start unsafe; environment variables are read strictly."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from fabrique.settings.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]


def run_check(tmp_path, secret_key=None):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "fabrique.settings.production"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    if secret_key is not None:
        env["DJANGO_SECRET_KEY"] = secret_key
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


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
