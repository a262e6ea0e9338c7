"""Load benchmark of the public "Témoigner" form: N valid submissions, none may be lost.

Not a test: it starts a real stack (fresh PostgreSQL database, production settings,
gunicorn with 4 workers), posts COUNT distinct, valid testimonies at CONCURRENCY from
threads (standard library only), then counts the rows really stored.

    accepted  answers that are the success redirect to the "merci" page
    stored    accepted testimonies found in the database afterwards
    lost      accepted but not stored (must be 0: exit status 1 otherwise)
    errors    submissions that were not accepted (exit status 2 when lost is 0)

The anti-spam limits (minimum filling time, submissions per hour per address) are
turned off for the run: every request comes from 127.0.0.1 within milliseconds.

Usage: python bench/testimonies.py [--count 1000] [--concurrency 20]
Needs PostgreSQL on 127.0.0.1:5432 where the user "postgres" may create databases
(override with BENCH_PG_URL=postgres://user@host:port).
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import html
import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
FORM_PATH = "/vos-histoires/temoigner/"
REQUEST_TIMEOUT = 30.0
TITLE_PREFIX = "Banc d'essai"
STORY_TEXT = (
    "Je suis arrivée aux urgences un soir de novembre. L'infirmière a pris le temps "
    "de m'expliquer chaque geste, et c'est ce moment que je voudrais raconter ici. "
)


def log(message: str) -> None:
    print(message, flush=True)


class HiddenInputs(HTMLParser):
    """The hidden inputs of the page's POST form (the CSRF token, the signed start time)."""

    def __init__(self) -> None:
        super().__init__()
        self.in_post_form = False
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.in_post_form = attributes.get("method", "").lower() == "post"
        elif (
            tag == "input"
            and self.in_post_form
            and attributes.get("type") == "hidden"
            and attributes.get("name")
        ):
            self.fields[attributes["name"]] = attributes.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_post_form = False


ERROR_SUMMARY = re.compile(r'class="error-summary".*?</ul>', re.S)
TAGS = re.compile(r"<[^>]+>")


def form_errors(body: str) -> str:
    """The error summary of a form sent back, as one short line."""
    match = ERROR_SUMMARY.search(body)
    if not match:
        return "formulaire renvoyé sans message d'erreur"
    text = " ".join(html.unescape(TAGS.sub(" ", match.group(0))).split())
    return text[:200]


@dataclass
class Outcome:
    index: int
    accepted: bool
    reason: str = ""
    post_seconds: float | None = None
    total_seconds: float | None = None


@dataclass
class Results:
    outcomes: list[Outcome] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


def request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None
) -> tuple[int, dict[str, list[str]], bytes]:
    """One request to 127.0.0.1 on a fresh connection; redirects are not followed."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        received: dict[str, list[str]] = collections.defaultdict(list)
        for name, value in response.getheaders():
            received[name.lower()].append(value)
        return response.status, received, data
    finally:
        connection.close()


def csrf_cookie(headers: dict[str, list[str]]) -> str:
    for value in headers.get("set-cookie", []):
        name, _, rest = value.partition("=")
        if name.strip() == "csrftoken":
            return rest.split(";", 1)[0]
    return ""


def submit(port: int, index: int, run_id: str, deadline: float) -> Outcome:
    """GET the form, then POST one valid, distinct testimony with both consents ticked."""
    if time.monotonic() > deadline:
        return Outcome(index, False, "abandonné : durée maximale dépassée")
    started = time.perf_counter()
    try:
        status, headers, data = request(port, "GET", FORM_PATH)
        if status != 200:
            return Outcome(index, False, f"GET du formulaire : HTTP {status}")
        parser = HiddenInputs()
        parser.feed(data.decode("utf-8", "replace"))
        cookie = csrf_cookie(headers)
        if not cookie or "csrfmiddlewaretoken" not in parser.fields:
            return Outcome(index, False, "GET du formulaire : jeton CSRF absent")
        fields = dict(parser.fields)
        fields.update(
            pseudonym=f"Banc {index}",
            role="patient",
            department="33",
            title=f"{TITLE_PREFIX} {run_id} n° {index}",
            story=f"{STORY_TEXT}(Témoignage de charge n° {index}, série {run_id}.)",
            email="",
            consent_publication="on",
            consent_health_data="on",
            website="",
        )
        body = urllib.parse.urlencode(fields).encode()
        post_started = time.perf_counter()
        status, headers, data = request(
            port,
            "POST",
            FORM_PATH,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
            },
        )
        finished = time.perf_counter()
    except (OSError, http.client.HTTPException) as exc:
        return Outcome(index, False, f"erreur réseau : {type(exc).__name__}")
    post_seconds = finished - post_started
    total_seconds = finished - started
    location = (headers.get("location") or [""])[0]
    if status in (302, 303) and "/merci/" in location:
        return Outcome(index, True, "", post_seconds, total_seconds)
    if status == 200:
        reason = "HTTP 200, " + form_errors(data.decode("utf-8", "replace"))
    elif status in (301, 302, 303, 307, 308):
        reason = f"HTTP {status} vers {location or '?'}"
    else:
        reason = f"HTTP {status}"
    return Outcome(index, False, reason, post_seconds, total_seconds)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def pg_connect(base_url: str, dbname: str):
    import psycopg  # installed with the project (its PostgreSQL driver)

    parts = urllib.parse.urlsplit(base_url)
    return psycopg.connect(
        host=parts.hostname or HOST,
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password or "") or None,
        dbname=dbname,
        autocommit=True,
        connect_timeout=10,
    )


def run_manage(env: dict[str, str], *args: str) -> None:
    log(f"  manage.py {' '.join(args)}")
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=300,
    )


def wait_healthy(port: int, server: subprocess.Popen, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn s'est arrêté (code {server.returncode})")
        try:
            status, _, _ = request(port, "GET", "/healthz/")
            if status == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.25)
    raise RuntimeError("/healthz/ ne répond pas après 60 s")


def stop_server(server: subprocess.Popen) -> None:
    """Stop the gunicorn master started here (it stops its own workers)."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def production_env(pg_url: str, dbname: str, port: int, tmp: Path) -> dict[str, str]:
    """gunicorn's environment for a benchmark: production settings on a throwaway database,
    plain http on loopback, spam guards off (every request comes from 127.0.0.1), files in
    ``tmp``, e-mails kept in memory, and the database cache chosen explicitly, as
    production requires (shared by the workers; no Redis needed)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"{pg_url}/{dbname}",
        "DJANGO_SETTINGS_MODULE": "fabrique.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_hex(32),  # 64 random characters
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": HOST,
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{port}",
        "FABRIQUE_FORM_MIN_SECONDS": "0",
        "FABRIQUE_SUBMISSION_RATE": "0",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "FABRIQUE_PRIVATE_ROOT": str(tmp / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "FABRIQUE_CACHE": "database",
    }
    env.pop("REDIS_URL", None)
    return env


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[position]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="workers gunicorn")
    parser.add_argument("--max-seconds", type=float, default=600.0, help="durée maximale")
    options = parser.parse_args()
    if not 1 <= options.count <= 100_000 or not 1 <= options.concurrency <= 200:
        parser.error("--count entre 1 et 100000, --concurrency entre 1 et 200")

    pg_url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    dbname = f"fabrique_bench_{os.getpid()}"
    run_id = secrets.token_hex(4)
    port = free_port()
    server: subprocess.Popen | None = None
    database_created = False
    exit_code = 0

    with tempfile.TemporaryDirectory(prefix="fabrique-bench-") as tmp:
        env = production_env(pg_url, dbname, port, Path(tmp))
        server_log_path = Path(tmp) / "gunicorn.log"
        try:
            log(
                f"Banc d'essai « Témoigner » : {options.count} envois, {options.concurrency} en parallèle"
            )
            log(
                "Anti-spam désactivé pour la mesure : FABRIQUE_FORM_MIN_SECONDS=0, "
                "FABRIQUE_SUBMISSION_RATE=0 (toutes les requêtes viennent de 127.0.0.1)."
            )
            log("Cache : base de données (FABRIQUE_CACHE=database), partagé par les workers.")
            log("Courriels : gardés en mémoire, jamais envoyés (EMAIL_BACKEND=locmem).")
            log(f"Base PostgreSQL neuve : {dbname}")
            with pg_connect(pg_url, "postgres") as admin:
                admin.execute(f'CREATE DATABASE "{dbname}"')
            database_created = True
            run_manage(env, "migrate", "--noinput")
            run_manage(env, "createcachetable")
            run_manage(env, "seed_demo")
            run_manage(env, "collectstatic", "--noinput", "--verbosity", "0")

            with pg_connect(pg_url, dbname) as db:
                baseline = db.execute("SELECT count(*) FROM testimonies_testimony").fetchone()[0]

            log(f"gunicorn sur http://{HOST}:{port} ({options.workers} workers)")
            with server_log_path.open("wb") as server_log:
                server = subprocess.Popen(
                    [
                        str(VENV_BIN / "gunicorn"),
                        "fabrique.wsgi:application",
                        "--bind",
                        f"{HOST}:{port}",
                        "--workers",
                        str(options.workers),
                        "--timeout",
                        "60",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=server_log,
                    stderr=subprocess.STDOUT,
                )
            wait_healthy(port, server)

            log("Envoi des témoignages…")
            results = Results()
            started = time.monotonic()
            deadline = started + options.max_seconds
            with concurrent.futures.ThreadPoolExecutor(max_workers=options.concurrency) as pool:
                futures = [
                    pool.submit(submit, port, index, run_id, deadline)
                    for index in range(1, options.count + 1)
                ]
                for future in concurrent.futures.as_completed(futures):
                    results.add(future.result())
                    done = len(results.outcomes)
                    if done % 100 == 0:
                        log(f"  {done}/{options.count}")
            elapsed = time.monotonic() - started

            accepted = {o.index for o in results.outcomes if o.accepted}
            pattern = f"{TITLE_PREFIX} {run_id} n° %"
            with pg_connect(pg_url, dbname) as db:
                rows = db.execute(
                    "SELECT t.title, c.testimony_id IS NOT NULL FROM testimonies_testimony t "
                    "LEFT JOIN testimonies_testimonycontact c ON c.testimony_id = t.id "
                    "WHERE t.title LIKE %s",
                    [pattern],
                ).fetchall()
                total_rows = db.execute("SELECT count(*) FROM testimonies_testimony").fetchone()[0]
            stored_indexes = collections.Counter(int(title.rsplit(" ", 1)[1]) for title, _ in rows)
            without_contact = sum(1 for _, has_contact in rows if not has_contact)
            stored = len(accepted & set(stored_indexes))
            lost = len(accepted) - stored
            errors = options.count - len(accepted)
            not_accepted_but_stored = len(set(stored_indexes) - accepted)
            duplicates = sum(n - 1 for n in stored_indexes.values() if n > 1)

            post_latencies = [o.post_seconds for o in results.outcomes if o.post_seconds]
            cycle_latencies = [o.total_seconds for o in results.outcomes if o.total_seconds]
            log("")
            log("Résultats")
            log(f"  envoyés      : {options.count}")
            log(f"  acceptés     : {len(accepted)}")
            log(f"  enregistrés  : {stored}")
            log(f"  perdus       : {lost}")
            log(f"  erreurs      : {errors}")
            if not_accepted_but_stored or duplicates or without_contact:
                log(
                    f"  anomalies    : {not_accepted_but_stored} enregistrés sans succès, "
                    f"{duplicates} doublons, {without_contact} sans coordonnées"
                )
            log(
                f"  lignes Testimony : {total_rows} (dont {baseline} de la démo, "
                f"{len(rows)} de cette série)"
            )
            log(f"  durée        : {elapsed:.1f} s")
            log(
                f"  débit        : {options.count / elapsed:.1f} envois/s ({2 * options.count / elapsed:.1f} requêtes/s, GET + POST)"
            )
            if post_latencies:
                log(
                    f"  latence POST : p50 {percentile(post_latencies, 0.5) * 1000:.0f} ms, "
                    f"p95 {percentile(post_latencies, 0.95) * 1000:.0f} ms, "
                    f"max {max(post_latencies) * 1000:.0f} ms"
                )
                log(
                    f"  GET + POST   : p50 {percentile(cycle_latencies, 0.5) * 1000:.0f} ms, "
                    f"p95 {percentile(cycle_latencies, 0.95) * 1000:.0f} ms, "
                    f"moyenne {statistics.mean(cycle_latencies) * 1000:.0f} ms"
                )
            reasons = collections.Counter(o.reason for o in results.outcomes if not o.accepted)
            for reason, number in reasons.most_common(10):
                log(f"  refus ×{number} : {reason}")
            if lost:
                missing = sorted(accepted - set(stored_indexes))[:20]
                log(f"ÉCHEC : {lost} témoignages acceptés mais absents de la base ({missing}…)")
                exit_code = 1
            elif errors:
                log(f"ÉCHEC : {errors} envois valides n'ont pas été acceptés.")
                exit_code = 2
            else:
                log("OK : chaque témoignage accepté est enregistré.")
        except Exception as exc:
            log(f"Le banc d'essai a échoué : {type(exc).__name__}: {exc}")
            exit_code = 3
        finally:
            if server is not None:
                stop_server(server)
            if exit_code and server_log_path.exists():
                tail = server_log_path.read_text("utf-8", "replace").splitlines()[-40:]
                if tail:
                    log("Dernières lignes du journal gunicorn :")
                    for line in tail:
                        log(f"  | {line}")
            if database_created:
                try:
                    with pg_connect(pg_url, "postgres") as admin:
                        admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
                    log(f"Base {dbname} supprimée.")
                except Exception as exc:
                    log(f"Impossible de supprimer la base {dbname} : {exc}")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
