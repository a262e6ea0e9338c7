"""Staff accounts: weak passwords refused in French, sessions that end when left idle."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

START = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_a_weak_password_is_refused_with_french_reasons(django_user_model):
    user = django_user_model(username="camille.martin", email="camille@example.org")
    with pytest.raises(ValidationError) as refused:
        validate_password("12345678", user)
    messages = " ".join(refused.value.messages)
    assert "trop courant" in messages
    assert "entièrement numérique" in messages


@pytest.mark.django_db
def test_an_idle_staff_session_ends_and_an_active_one_goes_on(django_user_model, settings):
    settings.SESSION_COOKIE_AGE = 8 * 3600
    user = django_user_model.objects.create_superuser("camille", "c@example.org", "x")
    client = Client()
    with time_machine.travel(START, tick=False):
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 200
        # Ends with the browser: no persistent cookie.
        assert not response.cookies["sessionid"]["max-age"]
    # Each request pushes the end further: seven hours, then seven more, still signed in.
    with time_machine.travel(START + datetime.timedelta(hours=7), tick=False):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(START + datetime.timedelta(hours=14), tick=False):
        assert client.get("/admin/").status_code == 200
    # Nine idle hours: back to the login page.
    with time_machine.travel(START + datetime.timedelta(hours=23), tick=False):
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
