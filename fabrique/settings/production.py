"""Production: behind a TLS proxy, secrets from the environment, refuses to start unsafe."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import EMAIL_HOST, FABRIQUE_CACHE, REDIS_URL, SECRET_KEY
from .env import env_bool, env_int, env_str

DEBUG = False

if (
    not SECRET_KEY
    or len(SECRET_KEY) < 50
    or SECRET_KEY.startswith(("dev-", "test-", "django-insecure"))
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY doit être défini avec une valeur aléatoire d'au moins 50 caractères "
        '(python -c "import secrets; print(secrets.token_urlsafe(64))").'
    )

# A per-process cache would let each gunicorn worker keep its own rate-limit counters:
# production says which shared cache it uses, or explicitly chooses a local one.
if not REDIS_URL and not FABRIQUE_CACHE:
    raise ImproperlyConfigured(
        "REDIS_URL n'est pas défini : les limites d'envoi et les jetons à usage unique "
        "doivent être partagés par tous les workers. Définissez REDIS_URL=redis://hôte:6379/0, "
        "ou choisissez explicitement FABRIQUE_CACHE=database (cache dans la base, partagé par "
        "les workers ; lancer `manage.py createcachetable`) ou FABRIQUE_CACHE=locmem (un seul "
        "processus, pour une démonstration)."
    )

# Without a mail server the default console backend would write every e-mail (an author's
# address, a story's title) into the server's log: choosing a console or file backend in
# production is a decision someone states (make serve, the bench and compose do).
if not EMAIL_HOST and not env_str("EMAIL_BACKEND"):
    raise ImproperlyConfigured(
        "EMAIL_HOST n'est pas défini : sans serveur SMTP, les courriels (adresses et titres "
        "des témoignages) seraient écrits dans le journal. Définissez EMAIL_HOST=smtp.exemple.fr, "
        "ou choisissez explicitement EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend "
        "(fichiers dans EMAIL_FILE_PATH) ou django.core.mail.backends.console.EmailBackend "
        "(démonstration : courriels dans le journal)."
    )

# Background tasks (the password-reset e-mail, Wagtail's reference index) run in the worker
# of `run_scheduler`, not in the request: the answer to "mot de passe oublié" then takes
# the same time for every address. TASKS_BACKEND=…ImmediateBackend runs them in the request.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# TLS ends at the proxy in front of gunicorn, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
# Cookies only over HTTPS. `make serve` turns this off to try production settings on
# plain http://127.0.0.1; a real deployment never should.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Preloading HSTS is a lasting commitment for the whole domain, which the association's
# domain owner makes (SECURE_HSTS_PRELOAD=true), not a code default.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
