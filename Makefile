# Fabrique — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
PORT   ?= 8000
HOST   ?= 127.0.0.1
# The public address every absolute link names (canonical, sitemap, feeds, e-mails):
# the site record follows it at each start (fabrique/web/site_url.py).
SITE_URL ?= http://$(HOST):$(PORT)
export WAGTAILADMIN_BASE_URL ?= $(SITE_URL)
# pytest-xdist workers; 2 matches the machines this project runs on.
TEST_WORKERS ?= 2

.PHONY: help install install-test run serve test lint format migrate seed clean bench bench-pages bench-testimonies bench-uploads messages guide

help:
	@echo "make run     installe, migre, charge la démo et sert http://$(HOST):$(PORT) (réglages dev)"
	@echo "make test    installe ce qu'il faut et lance toute la suite (DATABASE_URL=postgres://… pour PostgreSQL)"
	@echo "make serve   comme en production : DEBUG désactivé, collectstatic, gunicorn + WhiteNoise"
	@echo "make lint    ruff check + ruff format --check"
	@echo "make guide   reprend les captures d'écran du guide des éditeurs (docs/images/guide)"

# Each step says what it does, on one line, before it starts. At a terminal, pip shows
# its own progress (each package as it is fetched, then the install); without one (CI
# logs) pip prints errors only. The project is installed as a plain wheel, not in
# editable mode: it holds no package (code is imported from the checkout), and the
# editable build is what made setuptools print its warning on every fresh install.
PIP_PROGRESS = if [ -t 1 ]; then progress=; else progress="--quiet --quiet"; fi
$(VENV)/.installed: pyproject.toml
	@echo "→ Environnement Python : création de $(VENV)…"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --quiet --quiet --upgrade pip
	@echo "→ Dépendances du site : installation dans $(VENV) (une à deux minutes la première fois)…"
	@$(PIP_PROGRESS); $(PIP) install $$progress .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	@echo "→ Outils de test : installation…"
	@$(PIP_PROGRESS); $(PIP) install $$progress ".[test]"
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# The cache table holds rate-limit counters shared by every worker (docs/architecture.md « Cache »).
migrate: install
	@echo "→ Base de données : migrations et table du cache…"
	@$(PY) manage.py migrate --noinput --verbosity 0
	@$(PY) manage.py createcachetable

# Ends with one block: the site's address, the admin's, the login and the password.
seed: migrate
	@echo "→ Démonstration : contenu (si la base est vide) et compte admin…"
	@$(PY) manage.py bootstrap_demo

# The scheduler (publish_scheduled, purge_testimonies: fabrique/jobs/scheduler.py) runs beside
# the server and stops with it; under production settings (make serve) it also runs the
# background tasks (fabrique/jobs/worker.py).
run: seed
	@$(PY) manage.py run_scheduler --exit-with-parent & $(PY) manage.py runserver $(HOST):$(PORT)

# Production-like: production settings, compressed static files, gunicorn. A secret key
# is generated once into var/ when DJANGO_SECRET_KEY is not set; cookies are allowed
# over plain http because this runs on http://127.0.0.1 without a TLS proxy; gunicorn
# serves the uploaded media itself (FABRIQUE_SERVE_MEDIA, fabrique/web/media.py). Without
# REDIS_URL the cache is chosen explicitly: the database cache, shared by the workers;
# without EMAIL_HOST e-mails go to files in var/mail/ (said at start), not to the log.
serve: install
	@test -n "$$DJANGO_SECRET_KEY" || test -s var/secret_key || $(PY) -c "import secrets; print(secrets.token_urlsafe(64))" > var/secret_key
	@export DJANGO_SETTINGS_MODULE=fabrique.settings.production \
		DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat var/secret_key)}" \
		SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} SECURE_COOKIES=$${SECURE_COOKIES:-false} \
		SECURE_HSTS_SECONDS=$${SECURE_HSTS_SECONDS:-0} \
		FABRIQUE_SERVE_MEDIA=$${FABRIQUE_SERVE_MEDIA:-true}; \
	if [ -z "$$REDIS_URL" ]; then export FABRIQUE_CACHE=$${FABRIQUE_CACHE:-database}; fi; \
	if [ -z "$$EMAIL_HOST" ]; then export EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}; fi; \
	echo "make serve : cache $${FABRIQUE_CACHE:-redis} (FABRIQUE_CACHE / REDIS_URL)"; \
	echo "make serve : courriels $${EMAIL_BACKEND:-SMTP $$EMAIL_HOST} (fichiers dans $${EMAIL_FILE_PATH:-var/mail} pour filebased)"; \
	$(PY) manage.py migrate --noinput --verbosity 0 && \
	$(PY) manage.py createcachetable && \
	$(PY) manage.py bootstrap_demo && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	{ $(PY) manage.py run_scheduler --exit-with-parent & } && \
	exec $(VENV)/bin/gunicorn fabrique.wsgi:application --config gunicorn.conf.py --bind $(HOST):$(PORT)

# The unit suite in parallel, then the browser tests (tests/browser) in one process of
# their own: one live server and one Chromium for the whole run.
test: install-test
	$(PY) -m pytest -n $(TEST_WORKERS) -p no:cacheprovider -m "not browser"
	$(PY) -m pytest -p no:cacheprovider -m browser tests/browser

# The French message catalogue (locale/fr): every string of the project's code and
# templates, written in French, so each entry's translation is its own text; what matters
# is French plurals (0 and 1 take the singular: « 0 résultat »), which the catalogue's
# Plural-Forms gives. Run after changing strings; CI fails when the catalogue is stale.
messages: install
	@$(PY) manage.py makemessages -l fr --no-location --no-obsolete --no-wrap \
		--ignore=.venv --ignore=var --ignore=node_modules --ignore=tests --verbosity 0
	@msgen --no-wrap --output-file=locale/fr/LC_MESSAGES/django.po locale/fr/LC_MESSAGES/django.po
	@sed -i 's/^"Plural-Forms: .*\\n"$$/"Plural-Forms: nplurals=2; plural=(n > 1);\\n"/; /^"POT-Creation-Date: /d' locale/fr/LC_MESSAGES/django.po
	@$(PY) manage.py compilemessages -l fr --ignore=.venv --verbosity 0

# The editors' guide's screenshots (docs/images/guide/), retaken in the real admin on a
# throwaway SQLite database with Debian's Chromium: docs/screenshots.py says how.
guide: install-test
	$(PY) docs/screenshots.py

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var/static var/media var/fabrique.sqlite3

# Benchmark, not a test: posts BENCH_COUNT valid testimonies at BENCH_CONCURRENCY to
# gunicorn (production settings) on a throwaway PostgreSQL database, then checks that
# every accepted one is stored. Needs PostgreSQL on 127.0.0.1:5432 (user postgres).
BENCH_COUNT ?= 1000
BENCH_CONCURRENCY ?= 20

bench: bench-pages bench-testimonies bench-uploads

# What a reader costs: a generated site (BENCH_SCALE=1: 10,000 articles, 50,000 stories…)
# under gunicorn, each kind of page at concurrency 1 and 8, beside a trivial WSGI app
# serving the same bytes (docs/performance.md keeps a run). REDIS_URL=… runs it on Redis.
BENCH_SCALE ?= 1
BENCH_REQUESTS ?= 400

bench-pages: install
	$(PY) bench/pages.py --scale $(BENCH_SCALE) --requests $(BENCH_REQUESTS)

bench-testimonies: install
	$(PY) bench/testimonies.py --count $(BENCH_COUNT) --concurrency $(BENCH_CONCURRENCY)

# Zip bombs (1 MB files that inflate to 1 GiB) posted to the demo's open call: each must be
# refused in under a second without any gunicorn worker growing by 50 MB (exit 1 otherwise).
BENCH_BOMBS ?= 30
BENCH_BOMB_CONCURRENCY ?= 2

bench-uploads: install
	$(PY) bench/uploads.py --count $(BENCH_BOMBS) --concurrency $(BENCH_BOMB_CONCURRENCY)
