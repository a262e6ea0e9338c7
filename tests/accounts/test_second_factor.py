"""The optional second factor of staff accounts: asked only of those who turned it on, then
asked at every login, by every path into the admin; set up and removed from the admin."""

import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "un mot de passe solide"
URL = "/admin/compte/double-authentification/"
START = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=datetime.UTC)


def code_for(device, at=None) -> str:
    """The code the user's phone would show at ``at`` (now by default)."""
    generator = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    generator.time = int((at or datetime.datetime.now(datetime.UTC)).timestamp())
    return f"{generator.token():06d}"


@pytest.fixture
def staff(db, django_user_model, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    return django_user_model.objects.create_superuser("camille", "camille@example.org", PASSWORD)


@pytest.fixture
def device(staff):
    return TOTPDevice.objects.create(user=staff, name="Téléphone", confirmed=True)


def login(client, code=None, username="camille", password=PASSWORD):
    data = {"username": username, "password": password}
    if code is not None:
        data["otp_token"] = code
    return client.post("/admin/login/", data)


def in_admin(client) -> bool:
    return client.get("/admin/").status_code == 200


def field_error(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.get_text(" ", strip=True)


def test_the_login_page_offers_the_code_field_as_optional(staff):
    response = Client().get("/admin/login/")
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find("input", attrs={"name": "otp_token"})
    assert field is not None and not field.has_attr("required")
    label = soup.find("label", attrs={"for": field["id"]})
    assert "Code de vérification (si vous avez activé la double authentification)" in label.text


def test_without_a_device_the_password_alone_logs_in(staff):
    client = Client()
    response = login(client)
    assert response.status_code == 302
    assert in_admin(client)


def test_with_a_device_the_password_alone_is_refused(device):
    client = Client()
    response = login(client)
    assert response.status_code == 200
    assert "protégé par la double authentification" in field_error(response)
    # The right password is kept: only the code is typed again.
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "password"})["value"] == PASSWORD
    assert not in_admin(client)


def test_with_a_device_a_wrong_code_is_refused(device):
    client = Client()
    right = code_for(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = login(client, wrong)
    assert response.status_code == 200
    assert "Ce code n'est pas valable" in field_error(response)
    assert not in_admin(client)


def test_with_a_device_the_right_code_logs_in(device):
    client = Client()
    response = login(client, code_for(device))
    assert response.status_code == 302
    assert in_admin(client)
    # The session stays verified from page to page.
    assert client.get("/admin/pages/").status_code == 200


def test_a_backup_code_logs_in_once(device):
    backup = StaticDevice.objects.create(user=device.user, name="Codes", confirmed=True)
    backup.token_set.create(token="abcd2345")
    client = Client()
    assert login(client, "ABCD 2345").status_code == 302
    assert in_admin(client)
    assert login(Client(), "abcd2345").status_code == 200


def test_an_unverified_session_of_a_device_user_is_sent_back_to_login(device):
    client = Client()
    client.force_login(device.user)  # a session made without the login form
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/pages/")
    # The session is ended, so the login page does not bounce back to the admin; it says why.
    page = client.get("/admin/login/")
    assert page.status_code == 200
    assert "votre code de vérification" in page.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_session_without_a_device_is_left_alone(staff):
    client = Client()
    client.force_login(staff)
    assert in_admin(client)


def test_wrong_codes_count_towards_the_login_lockout(device):
    right = code_for(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    responses = []
    for _ in range(5):
        # django-otp's own delay between wrong codes is not what is tested here.
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
        responses.append(login(Client(REMOTE_ADDR="203.0.113.7"), wrong).status_code)
    assert responses[:4] == [200] * 4 and responses[4] == 429
    response = login(Client(REMOTE_ADDR="203.0.113.7"), right)
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()


def test_wrong_passwords_still_lock_the_login_form(device):
    for _ in range(4):
        assert login(Client(), password="mauvais").status_code == 200
    assert login(Client(), password="mauvais").status_code == 429
    client = Client()
    assert login(client, code_for(device)).status_code == 429
    assert not in_admin(client)


def test_setting_up_showing_a_qr_code_then_confirming(staff):
    client = Client()
    assert login(client).status_code == 302
    account = client.get("/admin/account/")
    assert URL in account.content.decode()

    with time_machine.travel(START, tick=False):
        page = client.get(URL)
        assert page.status_code == 200
        soup = BeautifulSoup(page.content, "html.parser")
        svg = soup.select_one("figure svg")
        assert svg is not None and svg["role"] == "img" and svg["aria-label"]
        assert not soup.select("figure [style]")
        pending = TOTPDevice.objects.get(user=staff)
        assert not pending.confirmed
        secret = soup.select_one("figcaption code").text.replace(" ", "")
        assert re.fullmatch(r"[A-Z2-7]+", secret)
        # A reload keeps the same key, so a QR code already scanned stays right.
        client.get(URL)
        assert TOTPDevice.objects.get(user=staff).pk == pending.pk

        right = code_for(pending, START)
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        refused = client.post(URL, {"code": wrong})
        assert refused.status_code == 200
        assert "Ce code n'est pas valable" in field_error(refused)
        assert not TOTPDevice.objects.get(pk=pending.pk).confirmed

    # django-otp waits a moment after a wrong code.
    with time_machine.travel(START + datetime.timedelta(seconds=5), tick=False):
        done = client.post(URL, {"code": right})
        assert done.status_code == 200
        assert TOTPDevice.objects.get(pk=pending.pk).confirmed
        codes = [code.text for code in BeautifulSoup(done.content, "html.parser").select("li code")]
        assert len(codes) == 10 and len(set(codes)) == 10
        # The session that confirmed the code stays in.
        assert in_admin(client)

    # The next login asks for the code (a later one: a code is accepted once).
    later = START + datetime.timedelta(seconds=35)
    with time_machine.travel(later, tick=False):
        assert login(Client()).status_code == 200
        other = Client()
        assert login(other, code_for(pending, later)).status_code == 302
        assert in_admin(other)
    # A backup code works once.
    assert login(Client(), codes[0]).status_code == 302
    assert login(Client(), codes[0]).status_code == 200


def test_the_page_asks_for_a_code_in_french(staff):
    client = Client()
    client.force_login(staff)
    response = client.post(URL, {"code": ""})
    assert response.status_code == 200
    assert "Saisissez le code affiché par votre application" in field_error(response)


def verified_client(device, at=None):
    client = Client()
    assert login(client, code_for(device, at)).status_code == 302
    return client


def test_turning_it_off_asks_for_a_current_code(device):
    with time_machine.travel(START, tick=False):
        client = verified_client(device, START)
        page = client.get(URL)
        assert "est activée" in page.content.decode()
        refused = client.post(URL, {"action": "disable", "disable-code": "000000"})
        assert refused.status_code == 200
        assert "Ce code n'est pas valable" in field_error(refused)
        assert TOTPDevice.objects.filter(user=device.user).exists()
    later = START + datetime.timedelta(seconds=35)
    with time_machine.travel(later, tick=False):
        response = client.post(URL, {"action": "disable", "disable-code": code_for(device, later)})
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=device.user).exists()
        assert "désactivée" in client.get(URL).content.decode()
    # The password alone logs in again.
    other = Client()
    assert login(other).status_code == 302 and in_admin(other)


def test_new_backup_codes_replace_the_old_ones(device):
    with time_machine.travel(START, tick=False):
        client = verified_client(device, START)
    later = START + datetime.timedelta(seconds=35)
    with time_machine.travel(later, tick=False):
        response = client.post(URL, {"action": "codes", "codes-code": code_for(device, later)})
    codes = [code.text for code in BeautifulSoup(response.content, "html.parser").select("li code")]
    assert len(codes) == 10
    assert StaticDevice.objects.get(user=device.user).token_set.count() == 10


def test_otp_reset_removes_a_lost_phone(device, capsys):
    StaticDevice.objects.create(user=device.user, name="Codes", confirmed=True)
    call_command("otp_reset", "camille")
    assert "retirée" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=device.user).exists()
    assert not StaticDevice.objects.filter(user=device.user).exists()
    client = Client()
    assert login(client).status_code == 302 and in_admin(client)


def test_django_otp_delays_repeated_wrong_codes(device):
    with time_machine.travel(START, tick=False):
        right = code_for(device, START)
        login(Client(), f"{(int(right) + 1) % 1_000_000:06d}")
        # The right code in the same second as a wrong one is refused for now.
        response = login(Client(), right)
    assert response.status_code == 200
    assert "suspendue un instant" in field_error(response)


def test_a_superuser_sees_and_removes_someone_else_s_second_factor(device, django_user_model):
    admin = django_user_model.objects.create_superuser("dominique", "d@example.org", PASSWORD)
    url = f"{URL}{device.user.pk}/"
    client = Client()
    client.force_login(admin)
    listing = client.get("/admin/users/")
    assert url in listing.content.decode()
    page = client.get(url)
    assert "est activée pour « camille »" in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=device.user).exists()
    assert "n'a pas activé" in client.get(url).content.decode()


def test_only_a_superuser_may_remove_someone_else_s_second_factor(device, django_user_model):
    editor = django_user_model.objects.create_user("alex", "a@example.org", PASSWORD)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(editor)
    # Wagtail's refusal: back to the dashboard with its message, nothing removed.
    response = client.post(f"{URL}{device.user.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TOTPDevice.objects.filter(user=device.user).exists()
