"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the environment
(see docs/configuration.md). Defaults are safe: DEBUG is off unless ``dev`` turns it on.
"""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "fabrique.web",
    "fabrique.search",
    "fabrique.accounts",
    "fabrique.core",
    "fabrique.jobs",
    "fabrique.home",
    "fabrique.standard",
    "fabrique.demo",
    "articles",
    "videos",
    "podcasts",
    "testimonies",
    "events",
    # Calls for contributions, answers and Inspir'actions (apart from the content apps).
    "contributions",
    # Last of the content: its demo gathers what the others made.
    "dossiers",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    # Optional second factor for staff: authenticator app and backup codes (accounts/second_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    # Database backend of django-tasks and its worker (TASKS below, `run_scheduler`).
    "django_tasks_db",
    # Trigram similarity of answers to calls (possible duplicates) on PostgreSQL.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # First, so that a lost database anywhere below answers a French 503 (web/middleware.py).
    "fabrique.web.middleware.DatabaseOutageMiddleware",
    "fabrique.web.middleware.RejectUnreadableRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Feeds, calendars and the sitemap gzipped, never HTML (BREACH: web/page_cache.py).
    "fabrique.web.page_cache.FeedGZipMiddleware",
    # An ETag on every answer that may be kept (not on « no-store » ones), and 304 Not
    # Modified when a feed reader, a calendar or a browser already holds it (If-None-Match,
    # If-Modified-Since against the feeds' Last-Modified): a poll costs no download.
    "django.middleware.http.ConditionalGetMiddleware",
    # Cache-Control: « public … s-maxage » for anonymous answers that set no cookie,
    # « private, no-cache » for editors and form pages; outside session, CSRF and
    # messages, whose cookies it must see (web/page_cache.py).
    "fabrique.web.page_cache.CacheHeadersMiddleware",
    # The generation read once, then the site, its root paths and view restrictions given
    # to Wagtail from memory: no query for them on a page view (core/frame.py).
    "fabrique.core.frame.FrameMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the body first: a story over the size limit comes back cut,
    # with the form and a French message, instead of Django's bare 400.
    "testimonies.middleware.OversizedStoryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.user.is_verified(); then admin sessions of users with a second factor that no
    # code verified are sent back to the login page, with a message (accounts/second_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "fabrique.accounts.second_factor.RequireVerifiedSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy: the public site's strict policy, the admin's own (web/csp.py).
    "fabrique.web.csp.SiteCSPMiddleware",
    # Wagtail's redirects, except on reserved paths and to unlisted hosts (web/redirects.py).
    "fabrique.web.redirects.ReservedPathRedirectMiddleware",
    # Page chooser and bulk page actions closed to accounts without page rights.
    "fabrique.accounts.admin_guards.PageListingGuardMiddleware",
    # The admin's search boxes (`q`) go through the public search's cleaner (search/middleware.py).
    "fabrique.search.middleware.AdminSearchQueryMiddleware",
    # Last, as django-axes asks: answers a locked-out login with templates/axes/lockout.html.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fabrique.urls"
# A French page that says going back keeps what was typed; no database query.
CSRF_FAILURE_VIEW = "fabrique.web.views.csrf_failure"
WSGI_APPLICATION = "fabrique.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under var/ with zero setup; DATABASE_URL=postgres://… in production.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fabrique.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A database that stops answering costs seconds, not a worker (all in seconds; 0 = off):
# - DATABASE_REQUEST_TIMEOUT: inside a request, the longest wait for one answer of the
#   database (or for a connection); past it the connection is dropped and the visitor gets
#   the French 503. Counted by the site itself, since a hung server or proxy still
#   acknowledges every byte (fabrique/web/database_deadline.py). /healthz/ has its own,
#   shorter one, DATABASE_HEALTHZ_TIMEOUT.
# - DATABASE_CONNECT_TIMEOUT: connecting outside requests (commands, the task worker).
# - DATABASE_STATEMENT_TIMEOUT: the server cancels any statement running longer, in every
#   process (a query cut by the site's deadline stops there too). A long migration on a
#   large database may need DATABASE_STATEMENT_TIMEOUT=0 for that one command.
# - DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: the server ends a session left idle inside a
#   transaction, whose locks would otherwise block every page that needs those rows.
# - DATABASE_TCP_TIMEOUT: TCP keepalives and tcp_user_timeout, so that a vanished server or
#   network (no answer at all, not even TCP's) is noticed by the worker and commands too.
# gunicorn's timeout (gunicorn.conf.py, 30 s) is above all of them.
DATABASE_REQUEST_TIMEOUT = env_int("DATABASE_REQUEST_TIMEOUT", 3)
DATABASE_HEALTHZ_TIMEOUT = env_int("DATABASE_HEALTHZ_TIMEOUT", 2)
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3)
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 10)
DATABASE_IDLE_IN_TRANSACTION_TIMEOUT = env_int("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", 60)
DATABASE_TCP_TIMEOUT = env_int("DATABASE_TCP_TIMEOUT", 10)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, whose waits inside a request honour DATABASE_REQUEST_TIMEOUT.
    DATABASES["default"]["ENGINE"] = "fabrique.web.postgresql"
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    if DATABASE_CONNECT_TIMEOUT > 0:
        _options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    # Server settings for every session; any given in DATABASE_URL's own `options` come
    # after, so they win.
    _server = " ".join(
        f"-c {name}={seconds * 1000}"
        for name, seconds in (
            ("statement_timeout", DATABASE_STATEMENT_TIMEOUT),
            ("idle_in_transaction_session_timeout", DATABASE_IDLE_IN_TRANSACTION_TIMEOUT),
        )
        if seconds > 0
    )
    if _server:
        _options["options"] = f"{_server} {_options.get('options', '')}".strip()
    if DATABASE_TCP_TIMEOUT > 0:
        _options.setdefault("keepalives", 1)
        _options.setdefault("keepalives_idle", DATABASE_TCP_TIMEOUT)
        _options.setdefault("keepalives_interval", max(1, DATABASE_TCP_TIMEOUT // 3))
        _options.setdefault("keepalives_count", 3)
        _options.setdefault("tcp_user_timeout", DATABASE_TCP_TIMEOUT * 1000)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: rate-limit counters and one-use tokens must be shared by every worker and server,
# or each gunicorn worker counts on its own (3 workers let 14 of 30 posts through a 5/h
# limit). Redis when REDIS_URL is set; otherwise Django's database cache, shared by all
# workers on one database (its table is made by `manage.py createcachetable`, which
# `make run`, `make serve` and the Docker image run). FABRIQUE_CACHE chooses explicitly:
# redis, database, or locmem (one process only: a demo). Production refuses to start
# without REDIS_URL unless FABRIQUE_CACHE is set (see production.py).
REDIS_URL = env_str("REDIS_URL")
FABRIQUE_CACHE = env_str("FABRIQUE_CACHE").strip().lower()
CACHE_TABLE = "fabrique_cache"
# Django's default of 300 entries would cull live rate-limit counters on a busy day.
CACHE_MAX_ENTRIES = 100_000

# Anonymous pages answered from the cache before Django (fabrique/web/page_cache.py,
# wrapped around the application in fabrique/wsgi.py), under the publication generation:
# any publication or change of what pages show makes every entry stale at once. On by
# default (off in the tests and in development); entries live at most
# FABRIQUE_PAGE_CACHE_SECONDS, a page over FABRIQUE_PAGE_CACHE_MAX_BYTES is not kept, and
# on the database cache each process keeps at most FABRIQUE_PAGE_CACHE_LOCAL_ENTRIES.
FABRIQUE_PAGE_CACHE = env_bool("FABRIQUE_PAGE_CACHE", True)
FABRIQUE_PAGE_CACHE_SECONDS = env_int("FABRIQUE_PAGE_CACHE_SECONDS", 300)
FABRIQUE_PAGE_CACHE_MAX_BYTES = env_int("FABRIQUE_PAGE_CACHE_MAX_BYTES", 1024 * 1024)
FABRIQUE_PAGE_CACHE_LOCAL_ENTRIES = env_int("FABRIQUE_PAGE_CACHE_LOCAL_ENTRIES", 500)


def cache_settings(backend: str, redis_url: str = "") -> dict:
    """``CACHES`` for ``backend`` (redis, database or locmem).

    Beside the shared ``default`` (rate limits, one-use tokens, the publication
    generation), two aliases keep a reader's GET from writing to the database:

    - ``renditions``: Wagtail keeps there which picture files exist, and sets it again on
      every view that shows a picture. On Redis that is a memory write; on the database
      cache it would be a database write on every visit, so there it is this process's
      memory (each worker learns the renditions once; a made rendition never changes).
    - ``reading``: this process's memory, on every backend, for the memos readers'
      requests keep under the publication generation (``fabrique/core/generation.py``).
    - ``pages``: whole anonymous pages (``fabrique/web/page_cache.py``). The shared Redis
      itself (the very same settings, so one round trip reads the generation and the
      page); on the database cache, this process's memory, bounded: storing a page there
      would be a database write on a reader's visit.
    """
    process_memory = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
    }
    reading = {**process_memory, "LOCATION": "reading"}
    local_pages = {
        **process_memory,
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": FABRIQUE_PAGE_CACHE_LOCAL_ENTRIES},
    }
    if backend == "redis":
        if not redis_url:
            raise ImproperlyConfigured(
                "FABRIQUE_CACHE=redis demande REDIS_URL=redis://hôte:6379/0."
            )
        shared = {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "fabrique",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
        return {
            "default": shared,
            "renditions": {**shared, "KEY_PREFIX": "fabrique-renditions"},
            "reading": reading,
            "pages": shared,
        }
    if backend == "database":
        shared = {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
        }
        return {
            "default": shared,
            "renditions": {**process_memory, "LOCATION": "renditions"},
            "reading": reading,
            "pages": local_pages,
        }
    if backend == "locmem":
        return {
            "default": process_memory,
            "renditions": {**process_memory, "LOCATION": "renditions"},
            "reading": reading,
            "pages": local_pages,
        }
    raise ImproperlyConfigured(
        f"FABRIQUE_CACHE doit valoir redis, database ou locmem, pas {backend!r}."
    )


CACHES = cache_settings(FABRIQUE_CACHE or ("redis" if REDIS_URL else "database"), REDIS_URL)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords from one
# client address, or for one account from one address, logging in from that address (or
# to that account from it) is refused for AXES_COOLOFF_TIME, even with the right password.
# Never an account from everywhere: anyone could keep an editor out by sending five wrong
# passwords for their name every quarter of an hour. An account guessed at from many
# addresses e-mails its holder instead (FABRIQUE_LOGIN_ALERT_RATE, accounts/login_alerts.py).
# Counts live in the database, so every worker shares them; the client address is the one
# the trusted proxies saw (fabrique/web/client_ip.py).
# AxesBackend refuses a locked-out login and authenticates nobody itself (ModelBackend
# does); it comes first and, unlike AxesStandaloneBackend, can load a session's user, which
# is what Django's force_login and test helpers ask of the first backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "fabrique.web.client_ip.get_client_ip"
AXES_LOCKOUT_CALLABLE = "fabrique.web.views.login_locked_out"
AXES_RESET_ON_SUCCESS = True
# Successful logins are not recorded (who logged in from where is nobody's business);
# failed attempts are, and axes deletes them once their cool-off has passed.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# This many failed logins (wrong password or second-factor code) for one account within the
# period, from any addresses, e-mail its holder once for that period; "0" turns it off.
FABRIQUE_LOGIN_ALERT_RATE = env_str("FABRIQUE_LOGIN_ALERT_RATE", "10/d")

# Wagtail's login page with an optional « code de vérification » field, required only for
# users who turned the second factor on (Compte → Double authentification).
WAGTAILADMIN_USER_LOGIN_FORM = "fabrique.accounts.second_factor.SecondFactorLoginForm"
# The name the authenticator app shows beside the account.
OTP_TOTP_ISSUER = "La Fabrique des Soignants"

# A staff session ends after SESSION_IDLE_HOURS without a request (each request pushes
# the end further), and with the browser.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_HOURS", 8) * 3600
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French first: the public site and the admin speak French, dates read "11 octobre 2024".
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
# Files sent with answers to calls: outside MEDIA_ROOT, with no URL; only moderators read
# them, through a permission-checked admin view (contributions.admin_views).
FABRIQUE_PRIVATE_ROOT = Path(env_str("FABRIQUE_PRIVATE_ROOT", str(VAR_DIR / "private")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads on S3-compatible object storage once one disk is not enough (several servers,
# large audio): set the bucket and install the `s3` extra (django-storages + boto3, not
# needed otherwise). Files are then served by the storage's own address (or MEDIA_URL's
# CDN), never through the application.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            # Public, unsigned links: media are public and renditions are cached for long.
            "querystring_auth": False,
            "default_acl": env_str("AWS_DEFAULT_ACL") or None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    # boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment itself.

# The application serves MEDIA_ROOT itself (fabrique/web/media.py) only when asked:
# `make serve` and the Docker image turn it on; a deployment with a web server, a CDN or
# object storage leaves it off. `make run` (DEBUG) serves through the same view.
FABRIQUE_SERVE_MEDIA = env_bool("FABRIQUE_SERVE_MEDIA", False) and not AWS_STORAGE_BUCKET_NAME

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# A stranger's request holds no more files, nor larger ones, than the public forms accept:
# checked while the body arrives, before any form reads a file (web/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "fabrique.web.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Email: console in development, SMTP when EMAIL_HOST is set. Production refuses to start
# without one or an explicit EMAIL_BACKEND (production.py): the console would print
# authors' addresses and titles into the logs.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "La Fabrique des Soignants <ne-pas-repondre@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work goes through django-tasks, which Wagtail 8 ships with (Wagtail's own
# tasks, e.g. reference index updates; the password-reset e-mail). The immediate backend
# runs a task at once, in the request (development, tests). Production's default is the
# database backend (django-tasks-db, production.py): tasks are rows that the worker of
# `manage.py run_scheduler` (or `manage.py db_worker`) runs. The project's other e-mails
# are sent with send_mail (EMAIL_BACKEND above) once the database transaction has committed.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# "Mot de passe oublié" of the admin (fabrique/accounts/password_reset.py): one task enqueued
# for any address, the task looks the accounts up; a limit per address and per client.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "fabrique.accounts.password_reset.QueuedPasswordResetForm"
FABRIQUE_PASSWORD_RESET_RATE_PER_ADDRESS = env_str(
    "FABRIQUE_PASSWORD_RESET_RATE_PER_ADDRESS", "3/h"
)
FABRIQUE_PASSWORD_RESET_RATE_PER_CLIENT = env_str("FABRIQUE_PASSWORD_RESET_RATE_PER_CLIENT", "10/h")
# Wrong passwords on a private page or document, per client and restriction
# (fabrique/web/private_pages.py).
FABRIQUE_PRIVATE_PASSWORD_RATE = env_str("FABRIQUE_PRIVATE_PASSWORD_RATE", "10/15m")

# Public forms (testimonies, calls for contributions): anti-spam without third parties.
FABRIQUE_FORM_MIN_SECONDS = env_int("FABRIQUE_FORM_MIN_SECONDS", 4)
FABRIQUE_SUBMISSION_RATE = env_str("FABRIQUE_SUBMISSION_RATE", "5/h")
# Messages a day to one address typed in any public form (confirmation requests and the
# acknowledgement sent on confirming; moderators' decisions count but always leave),
# counted in the shared cache (fabrique/submissions/mail.py).
FABRIQUE_MAILS_PER_ADDRESS_PER_DAY = env_int("FABRIQUE_MAILS_PER_ADDRESS_PER_DAY", 3)
# A public form's start token is valid this long, and once only (remembered in the cache).
FABRIQUE_FORM_MAX_AGE_SECONDS = env_int("FABRIQUE_FORM_MAX_AGE_SECONDS", 3 * 60 * 60)
# A story posted over Django's 2.5 MB limit comes back cut, up to this multiple of it.
FABRIQUE_FORM_OVERSIZE_FACTOR = env_int("FABRIQUE_FORM_OVERSIZE_FACTOR", 4)
# Header set by the TLS proxy with the client's address (e.g. X-Forwarded-For, in any of
# its usual spellings); blank means REMOTE_ADDR is the client. The address used is the
# FABRIQUE_TRUSTED_PROXY_COUNT-th from the right, the one your own proxies appended
# (see fabrique/web/client_ip.py): left-most entries are chosen by the client.
FABRIQUE_CLIENT_IP_HEADER = env_str("FABRIQUE_CLIENT_IP_HEADER")
FABRIQUE_TRUSTED_PROXY_COUNT = env_int("FABRIQUE_TRUSTED_PROXY_COUNT", 1)
# Retention of testimonies (see docs/privacy.md), applied by `manage.py purge_testimonies`.
FABRIQUE_TESTIMONY_RETENTION_DAYS = env_int("FABRIQUE_TESTIMONY_RETENTION_DAYS", 183)
FABRIQUE_CONTACT_RETENTION_DAYS = env_int("FABRIQUE_CONTACT_RETENTION_DAYS", 30)

# Wagtail
WAGTAIL_SITE_NAME = "La Fabrique des Soignants"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Every slug the site makes is ASCII: accented URLs break in e-mails, some clients and
# the front-end cache purge (HTTPBackend raises UnicodeEncodeError on them).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Keywords' slugs too (taggit): « déserts médicaux » → « deserts-medicaux ».
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
# Search (docs/search.md). By default the database: Wagtail's backend with French reading
# added (fabrique/search/backends.py), accent-blind on PostgreSQL through the text search
# configurations fabrique/search's migration creates. ELASTICSEARCH_URL switches to
# Wagtail's Elasticsearch 8 backend (the `elasticsearch` client, an optional dependency),
# with a French analyser; run `update_index` after switching.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": env_str("ELASTICSEARCH_INDEX", "fabrique"),
            "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 5),
            "OPTIONS": {},
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "filter": {
                            "french_elision": {
                                "type": "elision",
                                "articles_case": True,
                                "articles": [
                                    "l",
                                    "m",
                                    "t",
                                    "qu",
                                    "n",
                                    "s",
                                    "j",
                                    "d",
                                    "c",
                                    "jusqu",
                                    "quoiqu",
                                    "lorsqu",
                                    "puisqu",
                                ],
                            },
                            "french_stop": {"type": "stop", "stopwords": "_french_"},
                            "french_stemmer": {"type": "stemmer", "language": "light_french"},
                        },
                        "analyzer": {
                            "default": {
                                "tokenizer": "standard",
                                "filter": [
                                    "french_elision",
                                    "lowercase",
                                    "asciifolding",
                                    "french_stop",
                                    "french_stemmer",
                                ],
                            },
                        },
                    }
                }
            },
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "fabrique.search.backends",
            "SEARCH_CONFIG": "french_unaccent",
            "AUTOCOMPLETE_CONFIG": "simple_unaccent",
        }
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# An 11,000 × 11,000 PNG of 375 KB cost a worker 600 MB, then 1 GB when the library opened:
# 30 million pixels (a 6,000 × 5,000 photo) is refused beyond, with Wagtail's French message.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 30_000_000
# Files fetched from addresses found in feeds (fabrique/web/remote_fetch.py) come from
# public addresses only. Host names listed here skip that check: for tests, which start a
# server on loopback to prove the accepted path. Not read from the environment; leave empty.
FABRIQUE_REMOTE_FETCH_TEST_HOSTS: list[str] = []
# The file of an image or document used by a live page is replaced by Éditeurs only
# (fabrique/accounts/library_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "fabrique.accounts.library_forms.GuardedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "fabrique.accounts.library_forms.GuardedDocumentForm"
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# A CDN or caching proxy in front of the site, purged at each publication of what shows
# the page (fabrique/core/frontend_cache.py); off unless configured. An HTTP purge
# endpoint (Varnish, nginx's proxy_cache_purge: a PURGE request to this address with the
# page's host), and/or Cloudflare (an API token allowed to purge, and the zone's id).
FABRIQUE_FRONTEND_CACHE_URL = env_str("FABRIQUE_FRONTEND_CACHE_URL")
FABRIQUE_CLOUDFLARE_TOKEN = env_str("FABRIQUE_CLOUDFLARE_TOKEN")
FABRIQUE_CLOUDFLARE_ZONE_ID = env_str("FABRIQUE_CLOUDFLARE_ZONE_ID")
WAGTAILFRONTENDCACHE = {}
if FABRIQUE_FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FABRIQUE_FRONTEND_CACHE_URL,
    }
if FABRIQUE_CLOUDFLARE_TOKEN and FABRIQUE_CLOUDFLARE_ZONE_ID:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": FABRIQUE_CLOUDFLARE_TOKEN,
        "ZONEID": FABRIQUE_CLOUDFLARE_ZONE_ID,
    }

# Rich text in pages: a small, safe feature set editors cannot break the layout with.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "link", "document-link", "ol", "ul"]},
    }
}

# Every record goes through one handler whose filter masks the token of private links
# (fabrique/web/logging.py): Django's "Not Found: /vos-histoires/suivi/…" and CSRF
# warnings would otherwise keep the link that erases a story. Django's own "django"
# logger loses its mail_admins handler (it would e-mail the request) and propagates here;
# runserver's "django.server" log goes through the same handler.
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private_paths": {"()": "fabrique.web.logging.PrivatePathFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["private_paths"]},
    },
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# Podcasts (podcasts/): the largest sound an editor may upload, and the hosts whose audio
# an imported episode may keep playing from (import_podcast --keep-remote-audio); the
# site's Content-Security-Policy allows media from these origins.
FABRIQUE_PODCAST_MAX_AUDIO_BYTES = env_int("FABRIQUE_PODCAST_MAX_AUDIO_BYTES", 300 * 1024 * 1024)

# Content-Security-Policy (django-csp 4). No nonce and no inline script or style on public
# pages, so a cached page stays valid. Sources come from here only: the site itself, the
# origin of MEDIA_URL when it is absolute (object storage, a CDN), the video players'
# origins and an explicit list of extra media origins (e.g. an episode's audio kept at its
# original host). JSON-LD blocks are data, not scripts: the policy does not concern them.
FABRIQUE_PEERTUBE_HOSTS = env_list("FABRIQUE_PEERTUBE_HOSTS", "framatube.org")
# Hosts the donation link of the site settings may point to (always https), besides the
# site's own host: the association's payment provider (fabrique/core/site_settings.py).
FABRIQUE_DONATION_HOSTS = env_list("FABRIQUE_DONATION_HOSTS", "helloasso.com,www.helloasso.com")
FABRIQUE_VIDEO_PLAYER_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.dailymotion.com",
    "https://player.twitch.tv",
    "https://clips.twitch.tv",
    *(f"https://{host}" for host in FABRIQUE_PEERTUBE_HOSTS),
]
FABRIQUE_EXTRA_MEDIA_ORIGINS = env_list("FABRIQUE_EXTRA_MEDIA_ORIGINS")


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme or 'https'}://{parts.netloc}" if parts.netloc else ""


FABRIQUE_MEDIA_ORIGINS = [
    origin
    for origin in (
        _origin(MEDIA_URL),
        _origin("//" + env_str("AWS_S3_CUSTOM_DOMAIN")) if env_str("AWS_S3_CUSTOM_DOMAIN") else "",
        *FABRIQUE_EXTRA_MEDIA_ORIGINS,
    )
    if origin
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *FABRIQUE_MEDIA_ORIGINS],
        "media-src": ["'self'", *FABRIQUE_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": FABRIQUE_VIDEO_PLAYER_ORIGINS,
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# The Wagtail admin (and the page previews it frames) runs inline scripts and styles:
# its own, looser policy, still limited to the site, its media and the players.
FABRIQUE_ADMIN_PATH_PREFIX = "/admin/"
FABRIQUE_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *FABRIQUE_MEDIA_ORIGINS],
    "frame-src": ["'self'", *FABRIQUE_VIDEO_PLAYER_ORIGINS],
    "frame-ancestors": ["'self'"],
}
# Editors' avatars are not fetched from gravatar.com: no third-party request in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Redirects (fabrique/web/redirects.py): an old path that is, or is under, one of these,
# or that has one of these segments anywhere (feeds, the public forms' steps), can be
# neither saved nor answered; the site's own URLs (urls.py) must all be covered (a test
# checks). A redirect to another site is allowed only to FABRIQUE_REDIRECT_HOSTS.
FABRIQUE_RESERVED_PATHS = [
    "/admin",
    "/documents",
    "/_util",
    STATIC_URL,
    *([MEDIA_URL] if MEDIA_URL.startswith("/") and not MEDIA_URL.startswith("//") else []),
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
    "/recherche",
    "/s-abonner",
    "/.well-known",
    "/faire-un-don",
    "/connexion",
    "/mot-de-passe",
]
FABRIQUE_RESERVED_PATH_SEGMENTS = [
    # Feeds: articles' and podcasts' RSS, events' iCalendar.
    "rss",
    "ical",
    "feed",
    "flux",
    # The public forms' steps (testimonies, answers to calls).
    "temoigner",
    "merci",
    "suivi",
    "confirmer",
]
FABRIQUE_REDIRECT_HOSTS = env_list("FABRIQUE_REDIRECT_HOSTS")
