"""Tests: fast hashing, an isolated cache, no emails leaving, real database from DATABASE_URL."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test process has its own cache, cleared around every test (tests/conftest.py).
CACHES = cache_settings("locmem")  # noqa: F405
# The anonymous page cache answers before Django; its own tests turn it on
# (tests/web/test_page_cache.py), the others read what Django makes.
FABRIQUE_PAGE_CACHE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests set their own timings; the defaults would make every form test wait.
FABRIQUE_FORM_MIN_SECONDS = 0
FABRIQUE_SUBMISSION_RATE = "0"
# As Wagtail's own test settings: saving a page does not write its search index, nor a
# redirect when its slug changes; the tests of those two ask for them (tests/conftest.py:
# ``search_index``, ``auto_redirects``).
WAGTAILSEARCH_BACKENDS = {
    "default": {**WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False},  # noqa: F405
}
WAGTAILREDIRECTS_AUTO_CREATE = False
