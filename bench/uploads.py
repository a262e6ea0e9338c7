"""Benchmark of refused uploads: zip bombs sent to an open call cost little time and memory.

Not a test: it starts a real stack (fresh PostgreSQL database, production settings,
gunicorn on 127.0.0.1), then posts COUNT answers to the demo's open call, each with one
attachment of about 1 MB that inflates to 1 GiB (an ODT whose ``mimetype`` entry declares
it, the same declaring 39 bytes, a DOCX whose ``word/document.xml`` declares it), at
CONCURRENCY from threads, through the real form (its CSRF and start tokens). Every answer
must be refused with the French message beside the field. It reports:

    time per refusal   each POST as the worker spent it (gunicorn's access log: from the
                       request line read to the answer sent; waiting for a free worker
                       is not counted), and as the client saw it
    RSS growth         per gunicorn worker, its peak resident memory during the run
                       (VmHWM, reset before the run) minus its resident memory before

Exit status 1 when a worker spends 1 s or more on one refusal or a worker grows by 50 MB or more; 2 when
an answer is not the expected refusal (stored, or an error page); 3 when the stack fails.
The anti-spam limits (minimum filling time, submissions per hour) are turned off so that
every bomb reaches the content check, the costly part (refusals are never counted anyway).

Usage: python bench/uploads.py [--count 30] [--concurrency 2] [--workers 2]
Needs PostgreSQL on 127.0.0.1:5432 where the user "postgres" may create databases
(override with BENCH_PG_URL=postgres://user@host:port).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.zip_bombs import docx_bomb, odt_bomb  # noqa: E402


def _load_stack_helpers():
    """The stack helpers of the testimonies benchmark (gunicorn, PostgreSQL, HTTP)."""
    spec = importlib.util.spec_from_file_location("bench_stack", ROOT / "bench" / "testimonies.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


stack = _load_stack_helpers()
HOST = stack.HOST
CALL_PATH = "/appels-a-contributions/aller-vers-la-sante/"
REFUSAL = "n&#x27;est pas un document PDF, DOCX ou ODT lisible"
MAX_REFUSAL_SECONDS = 1.0
MAX_RSS_GROWTH = 50 * 1024 * 1024
MB = 1024 * 1024
# gunicorn.conf.py's access log line ends with the time the worker spent, in ms.
POST_LINE = re.compile(r'"POST ' + re.escape(CALL_PATH) + r' HTTP/1\.1" (\d{3}) .* (\d+)ms$')

FIELDS = {
    "organisation": "Banc d'essai des envois",
    "actor_kind": "association",
    "commune": "Tulle",
    "department": "19",
    "action_what": "Une fiche envoyée avec une pièce jointe piégée.",
    "contact_name": "Banc d'essai",
    "email": "banc@example.org",
    "consent_contact": "on",
    "website": "",
}


def log(message: str) -> None:
    print(message, flush=True)


def multipart(fields: dict[str, str], file_name: str, content: bytes) -> tuple[bytes, str]:
    boundary = f"----fabrique{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
            f'filename="{file_name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@dataclass
class Outcome:
    refused: bool
    seconds: float
    reason: str = ""


def send_bomb(port: int, name: str, content: bytes, deadline: float) -> Outcome:
    if time.monotonic() > deadline:
        return Outcome(False, 0.0, "abandonné : durée maximale dépassée")
    try:
        status, headers, data = stack.request(port, "GET", CALL_PATH)
        if status != 200:
            return Outcome(False, 0.0, f"GET du formulaire : HTTP {status}")
        parser = stack.HiddenInputs()
        parser.feed(data.decode("utf-8", "replace"))
        cookie = stack.csrf_cookie(headers)
        body, content_type = multipart({**parser.fields, **FIELDS}, name, content)
        started = time.perf_counter()
        status, headers, data = stack.request(
            port,
            "POST",
            CALL_PATH,
            body=body,
            headers={"Content-Type": content_type, "Cookie": f"csrftoken={cookie}"},
        )
        seconds = time.perf_counter() - started
    except (OSError, http.client.HTTPException) as exc:
        return Outcome(False, 0.0, f"erreur réseau : {type(exc).__name__}")
    text = data.decode("utf-8", "replace")
    if status == 200 and REFUSAL in text and name in text:
        return Outcome(True, seconds)
    if status == 200:
        return Outcome(False, seconds, "HTTP 200, " + stack.form_errors(text))
    return Outcome(False, seconds, f"HTTP {status}")


def worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(entry.name))
    return sorted(pids)


def memory_of(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak resident) of a process, in bytes."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) * 1024
    return values


def reset_peak(pid: int) -> bool:
    """Reset VmHWM to the current RSS (Linux: writing 5 to clear_refs)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="workers gunicorn")
    parser.add_argument("--max-seconds", type=float, default=300.0, help="durée maximale")
    options = parser.parse_args()
    if not 1 <= options.count <= 1000 or not 1 <= options.concurrency <= 20:
        parser.error("--count entre 1 et 1000, --concurrency entre 1 et 20")
    if not 1 <= options.workers <= 8:
        parser.error("--workers entre 1 et 8")

    pg_url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    dbname = f"fabrique_bench_uploads_{os.getpid()}"
    port = stack.free_port()
    server: subprocess.Popen | None = None
    database_created = False
    exit_code = 0
    bombs = [
        ("note.odt", odt_bomb()),
        ("note-menteuse.odt", odt_bomb(39)),
        ("fiche.docx", docx_bomb()),
    ]

    with tempfile.TemporaryDirectory(prefix="fabrique-bench-") as tmp:
        env = stack.production_env(pg_url, dbname, port, Path(tmp))
        server_log_path = Path(tmp) / "gunicorn.log"
        try:
            sizes = ", ".join(f"{name} {len(content) / MB:.1f} Mo" for name, content in bombs)
            log(
                f"Banc d'essai « pièces jointes piégées » : {options.count} envois, "
                f"{options.concurrency} en parallèle, {options.workers} workers ({sizes}, "
                "1 Gio chacune une fois décompressée)"
            )
            log("Anti-spam désactivé : chaque bombe va jusqu'à la lecture du fichier.")
            log(f"Base PostgreSQL neuve : {dbname}")
            with stack.pg_connect(pg_url, "postgres") as admin:
                admin.execute(f'CREATE DATABASE "{dbname}"')
            database_created = True
            stack.run_manage(env, "migrate", "--noinput")
            stack.run_manage(env, "createcachetable")
            stack.run_manage(env, "seed_demo")
            stack.run_manage(env, "collectstatic", "--noinput", "--verbosity", "0")

            log(f"gunicorn sur http://{HOST}:{port}")
            with server_log_path.open("wb") as server_log:
                server = subprocess.Popen(
                    [
                        str(stack.VENV_BIN / "gunicorn"),
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
            stack.wait_healthy(port, server)
            # Warm-up: every worker has loaded the form, its templates and the checks.
            deadline = time.monotonic() + options.max_seconds
            for index in range(2 * options.workers):
                name, content = bombs[index % len(bombs)]
                send_bomb(port, name, content, deadline)
            workers = worker_pids(server.pid)
            before = {pid: memory_of(pid)["VmRSS"] for pid in workers}
            peaks_reset = all(reset_peak(pid) for pid in workers)
            log_offset = server_log_path.stat().st_size
            if not peaks_reset:
                log("VmHWM non réinitialisable : la croissance compte depuis le démarrage.")

            log("Envoi des pièces jointes piégées…")
            started = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(max_workers=options.concurrency) as pool:
                futures = [
                    pool.submit(send_bomb, port, *bombs[index % len(bombs)], deadline)
                    for index in range(options.count)
                ]
                outcomes = [future.result() for future in futures]
            elapsed = time.monotonic() - started
            after = {pid: memory_of(pid) for pid in workers if Path(f"/proc/{pid}").exists()}

            time.sleep(0.5)  # the last access lines reach the log
            with server_log_path.open("rb") as server_log:
                server_log.seek(log_offset)
                lines = server_log.read().decode("utf-8", "replace").splitlines()
            times = [
                int(match.group(2)) / 1000
                for match in map(POST_LINE.search, lines)
                if match and match.group(1) == "200"
            ]
            refused = [o for o in outcomes if o.refused]
            client_times = [o.seconds for o in refused]
            growth = {pid: after[pid]["VmHWM"] - before[pid] for pid in after}
            log("")
            log("Résultats")
            log(f"  envoyées       : {options.count}")
            log(f"  refusées       : {len(refused)} (message en français à côté du champ)")
            log(f"  durée          : {elapsed:.1f} s")
            for label, values in (("worker", times), ("client", client_times)):
                if values:
                    log(
                        f"  temps par refus ({label}) : "
                        f"p50 {stack.percentile(values, 0.5) * 1000:.0f} ms, "
                        f"p95 {stack.percentile(values, 0.95) * 1000:.0f} ms, "
                        f"max {max(values) * 1000:.0f} ms"
                    )
            for pid in workers:
                if pid not in after:
                    log(f"  worker {pid} : disparu pendant la mesure (tué ?)")
                    continue
                log(
                    f"  worker {pid} : RSS {before[pid] / MB:.1f} Mo avant, pic "
                    f"{after[pid]['VmHWM'] / MB:.1f} Mo, croissance {growth[pid] / MB:.1f} Mo"
                )
            reasons: dict[str, int] = {}
            for outcome in outcomes:
                if not outcome.refused:
                    reasons[outcome.reason] = reasons.get(outcome.reason, 0) + 1
            for reason, number in sorted(reasons.items(), key=lambda item: -item[1])[:10]:
                log(f"  autre réponse ×{number} : {reason}")

            slow = [t for t in times if t >= MAX_REFUSAL_SECONDS]
            grown = [pid for pid, value in growth.items() if value >= MAX_RSS_GROWTH]
            if slow or grown or len(after) < len(workers):
                log(
                    f"ÉCHEC : {len(slow)} refus de 1 s ou plus, {len(grown)} worker(s) ayant "
                    f"grossi de 50 Mo ou plus, {len(workers) - len(after)} worker(s) disparu(s)."
                )
                exit_code = 1
            elif len(refused) != options.count or len(times) != options.count:
                log(f"ÉCHEC : {options.count - len(refused)} envois sans le refus attendu.")
                exit_code = 2
            else:
                log("OK : chaque bombe est refusée en moins d'1 s, sans faire grossir les workers.")
        except Exception as exc:
            log(f"Le banc d'essai a échoué : {type(exc).__name__}: {exc}")
            exit_code = 3
        finally:
            if server is not None:
                stack.stop_server(server)
            if exit_code and server_log_path.exists():
                tail = server_log_path.read_text("utf-8", "replace").splitlines()[-40:]
                if tail:
                    log("Dernières lignes du journal gunicorn :")
                    for line in tail:
                        log(f"  | {line}")
            if database_created:
                try:
                    with stack.pg_connect(pg_url, "postgres") as admin:
                        admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
                    log(f"Base {dbname} supprimée.")
                except Exception as exc:
                    log(f"Impossible de supprimer la base {dbname} : {exc}")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
