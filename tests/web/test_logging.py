"""No log the project writes keeps a private link (follow/withdraw token of a testimony)."""

import http.client
import io
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client

from fabrique.web.logging import mask_private_paths

BASE_DIR = Path(__file__).resolve().parents[2]
TOKEN = "Zk9xQ2hhbmdlLW1vaS1zdnA"
SIGNATURE = "s1gnatureXYZ"
FOLLOW = f"/vos-histoires/suivi/{TOKEN}/{SIGNATURE}/"
THANKS = f"/vos-histoires/merci/{TOKEN}/{SIGNATURE}/"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f"Not Found: {FOLLOW}", "Not Found: /vos-histoires/suivi/***"),
        (
            f'"GET {THANKS}?a=1 HTTP/1.1" 200 "http://x.fr{FOLLOW}"',
            '"GET /vos-histoires/merci/*** HTTP/1.1" 200 "http://x.fr/vos-histoires/suivi/***"',
        ),
        (f"GET /vos-histoires/%73uivi/{TOKEN}/{SIGNATURE}/", "GET /vos-histoires/suivi/***"),
        ("GET /vos-histoires/temoigner/ 200", "GET /vos-histoires/temoigner/ 200"),
        (
            "GET /vos-histoires/confirmer/WzYsImViNDEw/1xXdtg/9ewmQ/ 200",
            "GET /vos-histoires/confirmer/*** 200",
        ),
    ],
)
def test_mask_private_paths(line, expected):
    assert mask_private_paths(line) == expected


@pytest.fixture
def project_log():
    """What the handler configured by LOGGING writes (the real one, filter included)."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
def test_not_found_on_a_private_link_is_logged_without_its_token(site_tree, project_log):
    response = Client().get(FOLLOW)
    assert response.status_code == 404
    written = project_log.getvalue()
    assert "Not Found: /vos-histoires/suivi/***" in written
    assert TOKEN not in written and SIGNATURE not in written


@pytest.mark.django_db
def test_csrf_refusal_on_a_private_link_is_logged_without_its_token(site_tree, project_log):
    response = Client(enforce_csrf_checks=True).post(FOLLOW, {"action": "withdraw"})
    assert response.status_code == 403
    written = project_log.getvalue()
    assert "Forbidden (CSRF cookie not set.): /vos-histoires/suivi/***" in written
    assert TOKEN not in written


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_access_log_masks_private_links_and_keeps_no_user_agent(tmp_path):
    """gunicorn.conf.py as `make serve` and the Docker image use it, on a real server."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fabrique.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "FABRIQUE_CACHE": "locmem",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
    }
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log_file:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "fabrique.wsgi:application",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        paths = [FOLLOW + "?retrait=1", f"/vos-histoires/%73uivi/{TOKEN}/{SIGNATURE}/", "/"]
        deadline = time.monotonic() + 30
        answered = 0
        while answered < len(paths) and time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request(
                    "GET",
                    paths[answered],
                    headers={"Referer": f"http://127.0.0.1{THANKS}", "User-Agent": "Navigo/9.9"},
                )
                connection.getresponse().read()
                connection.close()
                answered += 1
            except OSError:
                time.sleep(0.2)
        assert answered == len(paths), "gunicorn did not answer"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    written = log_path.read_text()
    assert '"GET /vos-histoires/suivi/*** HTTP/1.1"' in written
    assert '"http://127.0.0.1/vos-histoires/merci/***"' in written
    assert '"GET / HTTP/1.1"' in written
    assert TOKEN not in written and SIGNATURE not in written
    assert "Navigo" not in written
