"""Database outage: a French 503 with Retry-After, a form's text kept, /healthz/ says 503.

The site runs in a subprocess with production settings pointed at a database that does
not answer (a closed port for PostgreSQL, a file that cannot be opened for SQLite), and
Django's test client sends the requests there: the real middleware stack and templates,
without a server to start.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.a11y import check_page

BASE_DIR = Path(__file__).resolve().parents[2]
STORY = 'Trois mois d\'attente.\nPuis <b>dix minutes</b> & "rien".'

SCRIPT = r"""
import json, sys, django
django.setup()
from django.test import Client

story = sys.argv[1]
client = Client(raise_request_exception=False)
answers = {}
for name, call in [
    ("home", lambda: client.get("/")),
    ("form", lambda: client.get("/vos-histoires/temoigner/")),
    ("post", lambda: client.post("/vos-histoires/temoigner/?source=accueil", {
        "csrfmiddlewaretoken": "jeton-du-formulaire",
        "title": "Une longue attente", "story": story, "pseudonym": "Lou",
        "consent_publication": "on", "website": "", "started": "signé:1",
        "password": "secret",
    })),
    ("healthz", lambda: client.get("/healthz/")),
    ("articles", lambda: client.get("/articles/?tag=soin")),
    ("admin_login", lambda: client.post("/admin/login/", {
        "username": "modo", "password": "mot-de-passe-ne-pas-afficher",
    })),
]:
    response = call()
    answers[name] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "html": response.content.decode(),
    }
print(json.dumps(answers))
"""

UNREACHABLE = {
    "postgresql": "postgres://postgres@127.0.0.1:1/fabrique",
    "sqlite": "sqlite:////nonexistent-directory/fabrique.sqlite3",
}


@pytest.fixture(scope="module", params=sorted(UNREACHABLE))
def answers(request):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fabrique.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": UNREACHABLE[request.param],
        "FABRIQUE_CACHE": "locmem",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "CRITICAL",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, STORY],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", ["home", "form", "articles", "admin_login"])
def test_pages_answer_a_french_503_with_retry_after(answers, name):
    answer = answers[name]
    assert answer["status"] == 503
    assert answer["retry_after"] == "60"
    assert "Service momentanément indisponible" in answer["html"]
    assert check_page(answer["html"]) == []


def test_a_form_post_gets_its_text_back_in_a_form_that_posts_again(answers):
    answer = answers["post"]
    assert answer["status"] == 503
    assert answer["retry_after"] == "60"
    assert check_page(answer["html"]) == []
    soup = BeautifulSoup(answer["html"], "html.parser")
    form = soup.find("form", method="post")
    assert form["action"] == "/vos-histoires/temoigner/?source=accueil"
    assert soup.find("textarea", attrs={"name": "story"}).string == STORY
    assert soup.find("input", attrs={"name": "title"})["value"] == "Une longue attente"
    assert soup.find("input", attrs={"name": "consent_publication"}).has_attr("checked")
    assert soup.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"] == (
        "jeton-du-formulaire"
    )
    # Escaped, never markup; secrets and anti-robot fields are not written back.
    assert "<b>dix minutes</b>" not in answer["html"]
    for dropped in ("password", "website", "started"):
        assert not soup.find(attrs={"name": dropped})
    assert "secret" not in answer["html"]
    assert "votre texte est conservé" in answer["html"]


def test_a_password_is_never_written_back(answers):
    html = answers["admin_login"]["html"]
    assert 'value="modo"' in html
    assert "mot-de-passe-ne-pas-afficher" not in html


def test_healthz_answers_503(answers):
    assert answers["healthz"]["status"] == 503
    assert answers["healthz"]["retry_after"] == "60"


def test_handler500_finds_a_lost_database_in_the_exception_chain(rf):
    """Raised outside a view (a middleware, the session save), it still answers 503."""
    from django.db import OperationalError

    from fabrique.web.views import server_error

    request = rf.post("/vos-histoires/temoigner/", {"title": "Mon titre"})
    try:
        try:
            raise OperationalError("connection refused")
        except OperationalError as exc:
            raise RuntimeError("session save failed") from exc
    except RuntimeError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert 'value="Mon titre"' in response.content.decode()


def test_handler500_keeps_the_500_page_for_other_errors(rf):
    from fabrique.web.views import server_error

    try:
        raise ValueError("bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()
