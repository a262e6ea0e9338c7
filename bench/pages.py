"""Page benchmark: what a reader costs, on a generated site, beside a trivial WSGI app.

Not a test. In a throwaway PostgreSQL database it loads the demo, then a generated site
(``bench/dataset.py``: sizes from the options), and serves it with production settings
under gunicorn on loopback. For the home page, each listing, one page of each kind,
search and each feed it measures, with a bounded number of requests at concurrency 1
and 8: requests per second, p50/p95/p99 latencies, the HTML's size, and the queries one
request costs (counted in-process with Django's test client, the page cache off). The
same requests are sent to a trivial WSGI app that answers the same bytes under the same
gunicorn settings: each page's throughput is printed as a ratio to it.

Then the in-process render time of an article (median of ``--renders`` renders, no page
cache) on the large dataset.

    python bench/pages.py [--scale 1.0] [--requests 400] [--workers 2]

``--scale`` multiplies every size of the dataset (1.0: 10,000 articles, 1,000 videos,
500 episodes, 2,000 events, 50,000 testimonies, 200 tags). With ``REDIS_URL`` set, the
site runs on Redis (the production set-up); without it, on the database cache.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def _load_stack_helpers():
    """The stack helpers of the testimonies benchmark (gunicorn, PostgreSQL, HTTP)."""
    spec = importlib.util.spec_from_file_location("bench_stack", ROOT / "bench" / "testimonies.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


stack = _load_stack_helpers()
HOST = stack.HOST
log = stack.log

# The trivial reference: the same bytes, no framework (gunicorn imports it by this path).
REFERENCE_APP = """
import os
BODY = open(os.environ["BENCH_REFERENCE_BODY"], "rb").read()

def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                              ("Content-Length", str(len(BODY)))])
    return [BODY]
"""

COUNT_QUERIES = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
result = {}
for path in json.loads(sys.argv[1]):
    Client().get(path)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path)
    result[path] = [response.status_code, len(queries), len(response.content)]
import statistics, time
article = json.loads(sys.argv[2])
times = []
for _ in range(int(sys.argv[3])):
    started = time.perf_counter()
    Client().get(article)
    times.append(time.perf_counter() - started)
result["__render__"] = statistics.median(times) if times else None
print(json.dumps(result))
"""


def targets(port: int) -> dict[str, str]:
    """The addresses measured: the home page, each listing, a page of each kind, search, feeds."""
    status, _, body = stack.request(port, "GET", "/sitemap.xml")
    if status != 200:
        raise RuntimeError("sitemap.xml ne répond pas")
    import re
    import urllib.parse

    locations = re.findall(rb"<loc>([^<]+)</loc>", body)
    paths = [urllib.parse.urlsplit(location.decode()).path for location in locations]
    chosen = {"accueil": "/"}
    for prefix, name in (
        ("/articles/", "article"),
        ("/videos/", "vidéo"),
        ("/podcasts/", "podcast"),
        ("/evenements/", "événement"),
        ("/dossiers/", "dossier"),
        ("/appels-a-contributions/", "appel"),
    ):
        chosen[f"liste {name}s"] = prefix
        detail = next(
            (p for p in paths if p.startswith(prefix) and p.count("/") == prefix.count("/") + 1),
            None,
        )
        if detail:
            chosen[name] = detail
    chosen["témoignages"] = "/vos-histoires/"
    chosen["page simple"] = "/a-propos/"
    chosen["recherche"] = "/recherche/?q=desert+medical"
    chosen["flux articles"] = "/articles/rss/"
    chosen["agenda iCal"] = "/evenements/ical/"
    return chosen


def load(port: int, path: str, total: int, concurrency: int) -> dict:
    latencies: list[float] = []
    errors = 0

    def one(_):
        started = time.perf_counter()
        status, _, _ = stack.request(port, "GET", path)
        return status, time.perf_counter() - started

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
        for status, seconds in pool.map(one, range(total)):
            latencies.append(seconds)
            errors += status != 200
    elapsed = time.perf_counter() - started
    return {
        "rps": total / elapsed,
        "p50": stack.percentile(latencies, 0.50) * 1000,
        "p95": stack.percentile(latencies, 0.95) * 1000,
        "p99": stack.percentile(latencies, 0.99) * 1000,
        "errors": errors,
    }


def gunicorn(app: str, port: int, workers: int, env: dict, log_path: Path) -> subprocess.Popen:
    with log_path.open("ab") as server_log:
        return subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                app,
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="taille du jeu de données (1.0 : 10 000 articles)"
    )
    parser.add_argument(
        "--requests", type=int, default=400, help="requêtes par adresse et par concurrence"
    )
    parser.add_argument("--workers", type=int, default=2, help="workers gunicorn")
    parser.add_argument(
        "--renders", type=int, default=50, help="rendus d'un article mesurés en processus"
    )
    options = parser.parse_args()
    if not 0 < options.scale <= 2 or not 10 <= options.requests <= 5000:
        parser.error("--scale entre 0 et 2, --requests entre 10 et 5000")

    pg_url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    dbname = f"fabrique_bench_pages_{os.getpid()}"
    port, reference_port = stack.free_port(), stack.free_port()
    servers: list[subprocess.Popen] = []
    created = False
    with tempfile.TemporaryDirectory(prefix="fabrique-bench-") as tmp:
        tmp = Path(tmp)
        env = stack.production_env(pg_url, dbname, port, tmp)
        if os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = os.environ["REDIS_URL"]
            env.pop("FABRIQUE_CACHE", None)
        try:
            with stack.pg_connect(pg_url, "postgres") as admin:
                admin.execute(f'CREATE DATABASE "{dbname}"')
            created = True
            log(
                f"Base PostgreSQL neuve : {dbname} ; cache : {env.get('FABRIQUE_CACHE') or 'redis'}"
            )
            stack.run_manage(env, "migrate", "--noinput")
            stack.run_manage(env, "createcachetable")
            stack.run_manage(env, "seed_demo")
            stack.run_manage(env, "collectstatic", "--noinput", "--verbosity", "0")
            sizes = {
                "articles": 10_000,
                "videos": 1_000,
                "episodes": 500,
                "events": 2_000,
                "testimonies": 50_000,
                "tags": 200,
            }
            arguments = [f"--{k}={max(1, round(v * options.scale))}" for k, v in sizes.items()]
            log(f"Jeu de données : {' '.join(arguments)}")
            started = time.monotonic()
            subprocess.run(
                [sys.executable, "bench/dataset.py", *arguments], cwd=ROOT, env=env, check=True
            )
            log(f"  généré en {time.monotonic() - started:.0f} s")

            # The same addresses, the page cache off then on (production's default).
            chosen: dict[str, str] = {}
            results: dict[str, dict] = {}
            for mode, page_cache in (("sans cache", "false"), ("avec cache", "true")):
                mode_env = {**env, "FABRIQUE_PAGE_CACHE": page_cache}
                server = gunicorn(
                    "fabrique.wsgi:application", port, options.workers, mode_env, tmp / "site.log"
                )
                servers.append(server)
                stack.wait_healthy(port, server, limit=120)
                chosen = chosen or targets(port)
                results[mode] = {
                    name: {c: load(port, path, options.requests, c) for c in (1, 8)}
                    for name, path in chosen.items()
                }
                log(f"  mesuré {mode} : {len(chosen)} adresses")
                if mode == "avec cache":
                    _, _, body = stack.request(port, "GET", chosen.get("article", "/"))
                stack.stop_server(server)
                servers.remove(server)

            counted = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    COUNT_QUERIES,
                    json.dumps(list(chosen.values())),
                    json.dumps(chosen.get("article", "/")),
                    str(options.renders),
                ],
                cwd=ROOT,
                env={**env, "ALLOWED_HOSTS": "*", "FABRIQUE_PAGE_CACHE": "false"},
                check=True,
                capture_output=True,
                text=True,
            )
            facts = json.loads(counted.stdout.strip().splitlines()[-1])

            # The reference: the article's very bytes, from a WSGI app that does nothing else.
            (tmp / "reference.html").write_bytes(body)
            (tmp / "bench_reference.py").write_text(REFERENCE_APP)
            reference_env = {
                **env,
                "BENCH_REFERENCE_BODY": str(tmp / "reference.html"),
                "PYTHONPATH": str(tmp),
            }
            servers.append(
                gunicorn(
                    "bench_reference:application",
                    reference_port,
                    options.workers,
                    reference_env,
                    tmp / "reference.log",
                )
            )
            time.sleep(2)
            reference = {c: load(reference_port, "/", options.requests, c) for c in (1, 8)}

            log("")
            log(
                f"Référence WSGI triviale : {reference[1]['rps']:.0f} req/s (c=1), "
                f"{reference[8]['rps']:.0f} req/s (c=8)"
            )
            for mode, by_name in results.items():
                log("")
                log(f"— {mode}")
                log(
                    f"{'page':<20} {'req/s c1':>9} {'req/s c8':>9} {'ratio c8':>8} {'p50':>7} "
                    f"{'p95':>7} {'p99':>7} {'requêtes':>8} {'octets':>8}"
                )
                for name, by_concurrency in by_name.items():
                    _status, queries, size = facts.get(chosen[name], [0, 0, 0])
                    c1, c8 = by_concurrency[1], by_concurrency[8]
                    log(
                        f"{name:<20} {c1['rps']:>9.1f} {c8['rps']:>9.1f} "
                        f"{c8['rps'] / reference[8]['rps']:>8.2f} {c8['p50']:>5.0f}ms "
                        f"{c8['p95']:>5.0f}ms {c8['p99']:>5.0f}ms {queries:>8} {size:>8}"
                        + (f"  ({c8['errors']} erreurs)" if c8["errors"] else "")
                    )
            render = facts.get("__render__")
            if render:
                log(
                    f"Rendu d'un article en processus (médiane de {options.renders}) : {render * 1000:.1f} ms"
                )
        finally:
            for server in servers:
                stack.stop_server(server)
            if created:
                with stack.pg_connect(pg_url, "postgres") as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
