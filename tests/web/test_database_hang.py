"""A database that stops answering: the French 503 within seconds, then back by itself.

The site runs in a subprocess (test settings, the real middleware and templates), connected
to the test database through a TCP forwarder this test owns on 127.0.0.1. Freezing the
forwarder stops every byte both ways while its sockets stay open, which is what a hung
server or proxy does: the kernel still acknowledges what is sent, so no timeout of the
server or of TCP fires, only the site's own deadline (fabrique/web/database_deadline.py).
The shared PostgreSQL itself is never touched. A request is sent by writing its path to
the subprocess, which answers one line of JSON per request.
"""

import contextlib
import json
import os
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
CONTRACT_SECONDS = 5  # what a visitor may wait for the 503 page of a hung database

pytestmark = [
    # The tree the migrations made (root page, default site) is put back first, in case
    # another transactional test emptied the database before this one.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs inside the process: there is no server that could hang",
    ),
]


class FreezableProxy:
    """Forwards 127.0.0.1:<port> to PostgreSQL; ``freeze()`` stops every byte both ways.

    Frozen, it still accepts connections and keeps every socket open, but reads nothing:
    what the site sends waits in kernel buffers, acknowledged, and no answer comes back.
    """

    TICK = 0.05

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(self.TICK)
        self.port = self.listener.getsockname()[1]
        self.frozen = threading.Event()
        self.stopping = threading.Event()
        self.sockets: list[socket.socket] = []
        self.threads = [threading.Thread(target=self._accept, daemon=True)]
        self.threads[0].start()

    def freeze(self):
        self.frozen.set()

    def thaw(self):
        self.frozen.clear()

    def _accept(self):
        while not self.stopping.is_set():
            try:
                client, _ = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            upstream = socket.create_connection(self.target, timeout=5)
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                thread = threading.Thread(target=self._pump, args=(source, sink), daemon=True)
                self.threads.append(thread)
                thread.start()

    def _pump(self, source: socket.socket, sink: socket.socket):
        while not self.stopping.is_set():
            if self.frozen.is_set():
                time.sleep(self.TICK)
                continue
            try:
                readable, _, _ = select.select([source], [], [], self.TICK)
                if not readable:
                    continue
                data = source.recv(65536)
                if not data:
                    sink.shutdown(socket.SHUT_WR)
                    return
                sink.sendall(data)
            except OSError:
                return

    def close(self):
        self.stopping.set()
        for sock in [self.listener, *self.sockets]:
            with contextlib.suppress(OSError):
                sock.close()
        for thread in self.threads:
            thread.join(timeout=2)


SCRIPT = r"""
import json, sys, time, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client

visitor = Client(raise_request_exception=False)
editor = Client(raise_request_exception=False)
for line in sys.stdin:
    who, _, path = line.strip().partition(" ")
    if who == "login":
        editor.force_login(get_user_model().objects.get(username=path))
        print(json.dumps({"status": "logged in"}), flush=True)
        continue
    client = editor if who == "editor" else visitor
    start = time.monotonic()
    response = client.get(path)
    print(json.dumps({
        "status": response.status_code,
        "seconds": time.monotonic() - start,
        "retry_after": response.get("Retry-After"),
        "html": response.content.decode(errors="replace"),
    }), flush=True)
"""


class Site:
    """The subprocess: ``get(path)`` sends one request and returns its answer."""

    def __init__(self, database_url: str, log: Path):
        self.log = log.open("w")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "fabrique.settings.test",
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "CRITICAL",
        }
        # The defaults of the settings are what is tested.
        for name in ("DATABASE_REQUEST_TIMEOUT", "DATABASE_HEALTHZ_TIMEOUT"):
            env.pop(name, None)
        self.process = subprocess.Popen(
            [sys.executable, "-c", SCRIPT],
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            bufsize=1,
        )

    def ask(self, line: str, limit: float = 60) -> dict:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        readable, _, _ = select.select([self.process.stdout], [], [], limit)
        assert readable, f"no answer to {line!r} within {limit} s"
        answer = self.process.stdout.readline()
        assert answer, f"the site stopped: {self.log.name}"
        return json.loads(answer)

    def get(self, path: str, who: str = "visitor") -> dict:
        return self.ask(f"{who} {path}")

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def proxy():
    settings_dict = connection.settings_dict
    forwarder = FreezableProxy((settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"])))
    yield forwarder
    forwarder.close()


@pytest.fixture
def site(proxy, site_tree, django_user_model, tmp_path):
    editor = django_user_model.objects.create_superuser(
        "camille", "camille@example.org", "un mot de passe solide"
    )
    assert editor.pk
    settings_dict = connection.settings_dict
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    url = f"postgres://{user}{password}@127.0.0.1:{proxy.port}/{settings_dict['NAME']}"
    running = Site(url, tmp_path / "site.log")
    yield running
    proxy.thaw()
    running.close()


def assert_french_503(answer: dict):
    assert answer["status"] == 503, answer["html"][:500]
    assert answer["retry_after"] == "60"
    assert "Service momentanément indisponible" in answer["html"]


def test_a_hung_database_gives_the_french_503_within_seconds_then_the_site_comes_back(site, proxy):
    # Connections are open and in use: the case where only the site can count.
    assert site.get("/")["status"] == 200
    assert site.ask("login camille")["status"] == "logged in"
    assert site.get("/admin/", who="editor")["status"] == 200
    assert site.get("/healthz/")["status"] == 200

    proxy.freeze()
    answers = {
        # The open connection stops answering in the middle of the request.
        # A page the routing must read (the home page's frame and blocks are in memory).
        "page": site.get("/a-propos/"),
        # Then a new connection whose server never answers.
        "page again": site.get("/a-propos/"),
        # An editor's request, whose session would be saved after the error page.
        "admin": site.get("/admin/", who="editor"),
        "healthz": site.get("/healthz/"),
    }
    for name in ("page", "page again", "admin"):
        assert_french_503(answers[name])
    assert answers["healthz"]["status"] == 503
    assert json.loads(answers["healthz"]["html"]) == {"status": "database unavailable"}
    for name, answer in answers.items():
        assert answer["seconds"] < CONTRACT_SECONDS, (name, answer["seconds"])

    proxy.thaw()
    # Back by itself: the very next requests are served, nothing restarted.
    assert site.get("/")["status"] == 200
    assert site.get("/admin/", who="editor")["status"] == 200
    assert site.get("/healthz/")["status"] == 200
