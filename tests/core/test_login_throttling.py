"""The admin login stops guessing: an account, or a client address, is locked for a while
after a few wrong passwords, with a French page; a success or the cool-off ends it."""

import datetime

import pytest
import time_machine
from django.test import Client

PASSWORD = "un mot de passe solide"
LIMIT = 5


@pytest.fixture
def staff(db, django_user_model, settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
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


def test_an_account_is_locked_whatever_the_address_the_guesses_come_from(staff):
    for number in range(LIMIT):
        attempt("camille", "mauvais", ip=f"198.51.100.{number + 1}")
    _, response = attempt("camille", PASSWORD, ip="192.0.2.50")
    assert response.status_code == 429
    # Another account, from a clean address, is not affected.
    client, response = attempt("dominique", PASSWORD, ip="192.0.2.60")
    assert response.status_code == 302 and logged_in(client)


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
