"""Local development: DEBUG on, a throwaway secret, emails printed to the console."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
ALLOWED_HOSTS = ["*"]
# A template edited shows at the next reload (FABRIQUE_PAGE_CACHE=true to try the cache).
FABRIQUE_PAGE_CACHE = env_bool("FABRIQUE_PAGE_CACHE", False)
