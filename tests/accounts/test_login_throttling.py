"""The admin login stops guessing: a client address, or an account from one address, is
locked for a while after a few wrong passwords, with a French page; a success or the
cool-off ends it. Guesses for an account from many addresses never lock its holder out:
they get one e-mail instead."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

PASSWORD = "un mot de passe solide"
LIMIT = 5


@pytest.fixture
def staff(db, django_user_model, settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    settings.FABRIQUE_LOGIN_ALERT_RATE = "10/d"
    user = django_user_model.objects.create_user("camille", "camille@example.org", PASSWORD)
    user.is_staff = True
    user.is_superuser = True
    user.save()
    django_user_model.objects.create_superuser("dominique", "dominique@example.org", PASSWORD)
    return user


def attempt(username, password, ip="203.0.113.7"):
    client = Client(REMOTE_ADDR=ip)
    response = client.post("/admin/login/", {"username": username, "password": password})
    return client, response


def logged_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_the_right_password_is_refused_after_too_many_wrong_ones(staff):
    for _ in range(LIMIT - 1):
        _, response = attempt("camille", "mauvais")
        assert response.status_code == 200  # the form again, with Wagtail's message
    # The guess that reaches the limit is answered by the lock already.
    assert attempt("camille", "mauvais")[1].status_code == 429
    client, response = attempt("camille", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Trop de tentatives de connexion" in body
    assert "Réessayez dans 15 minutes" in body
    assert "camille" not in body
    assert not logged_in(client)


def test_an_account_is_locked_from_the_address_the_guesses_come_from(staff):
    for _ in range(LIMIT):
        attempt("camille", "mauvais", ip="198.51.100.1")
    assert attempt("camille", PASSWORD, ip="198.51.100.1")[1].status_code == 429
    # The same account from its holder's own address is not.
    client, response = attempt("camille", PASSWORD, ip="192.0.2.50")
    assert response.status_code == 302 and logged_in(client)


class Browser:
    """A browser behind the site's TLS proxy: it opens the login page, then posts its form
    (CSRF token from the page and cookie, the hidden ``next``, an empty code field)."""

    def __init__(self, ip):
        self.client = Client(
            enforce_csrf_checks=True, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=ip
        )
        page = self.client.get("/admin/login/")
        assert page.status_code == 200
        form = BeautifulSoup(page.content, "html.parser").find("form", method="post")
        self.hidden = {
            field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")
        }

    def log_in(self, username, password):
        return self.client.post(
            "/admin/login/",
            {**self.hidden, "username": username, "password": password, "otp_token": ""},
        )


@pytest.fixture
def behind_proxy(settings):
    settings.FABRIQUE_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.FABRIQUE_TRUSTED_PROXY_COUNT = 1


def test_guesses_from_many_addresses_never_lock_the_editor_out_and_mail_them_once(
    staff, behind_proxy
):
    """100 wrong passwords for camille from 20 other addresses (5 each: each is locked)."""
    browsers = [Browser(f"198.51.100.{number + 1}") for number in range(20)]
    statuses = [
        browsers[guess % 20].log_in("camille", f"essai-{guess}").status_code for guess in range(100)
    ]
    assert statuses.count(429) == 20  # the fifth guess of each address is refused
    # Each guessing address is locked, even with the right password.
    assert browsers[0].log_in("camille", PASSWORD).status_code == 429

    own = Browser("192.0.2.10")
    response = own.log_in("camille", PASSWORD)
    assert response.status_code == 302
    assert logged_in(own.client)

    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.to == ["camille@example.org"]
    assert alert.subject == "Tentatives de connexion à votre compte camille"
    assert "tentatives de connexion à votre compte « camille » ont échoué" in alert.body
    assert "Votre compte n'est pas bloqué" in alert.body
    assert "http://testserver/admin/compte/double-authentification/" in alert.body
    # Neither the addresses nor the passwords tried.
    assert "198.51.100" not in alert.body and "essai-" not in alert.body


def test_an_editor_mistyping_a_few_times_gets_no_alert(staff, behind_proxy):
    own = Browser("192.0.2.10")
    for _ in range(LIMIT - 1):
        assert own.log_in("camille", "mauvais").status_code == 200
    assert own.log_in("camille", PASSWORD).status_code == 302
    assert mail.outbox == []


def test_guesses_for_names_that_are_no_account_mail_nobody(staff, behind_proxy):
    for number in range(30):
        Browser(f"198.51.100.{number + 1}").log_in("camile", "mauvais")
    assert mail.outbox == []


def test_the_alert_comes_again_in_the_next_period(staff):
    start = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC)
    for day in range(2):
        with time_machine.travel(start + datetime.timedelta(days=day), tick=False):
            for number in range(15):
                attempt("camille", "mauvais", ip=f"198.51.100.{number + 1}")
    assert [message.to for message in mail.outbox] == [["camille@example.org"]] * 2


def test_an_address_trying_many_accounts_is_locked(staff):
    for number in range(LIMIT):
        attempt(f"inconnu{number}", "mauvais", ip="198.51.100.99")
    _, response = attempt("dominique", PASSWORD, ip="198.51.100.99")
    assert response.status_code == 429
    client, response = attempt("dominique", PASSWORD, ip="192.0.2.61")
    assert response.status_code == 302 and logged_in(client)


def test_the_lock_ends_after_the_cool_off(staff):
    start = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(LIMIT):
            attempt("camille", "mauvais")
        assert attempt("camille", PASSWORD)[1].status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        client, response = attempt("camille", PASSWORD)
        assert response.status_code == 302 and logged_in(client)


def test_a_success_starts_the_count_again(staff):
    for _ in range(LIMIT - 1):
        attempt("camille", "mauvais")
    assert attempt("camille", PASSWORD)[1].status_code == 302
    for _ in range(LIMIT - 1):
        attempt("camille", "mauvais")
    client, response = attempt("camille", PASSWORD)
    assert response.status_code == 302 and logged_in(client)
