"""The public form: storing apart, French errors keeping the text, anti-spam, withdrawal."""

import pytest
from django.core import mail
from django.test import Client

from fabrique.core.roles import MODERATORS
from testimonies.models import Testimony, TestimonyContact
from tests.a11y import assert_accessible

from .conftest import FORM_URL, csrf_and_start, valid_data

pytestmark = pytest.mark.django_db(transaction=False)


def test_form_page_is_accessible_and_shows_crisis_numbers(csrf_client):
    response = csrf_client.get(FORM_URL)
    assert response.status_code == 200
    assert_accessible(response)
    html = response.content.decode()
    for number in ("15", "112", "3114"):
        assert f"<strong>{number}</strong>" in html
    assert 'name="consent_publication"' in html and 'name="consent_health_data"' in html
    assert "checked" not in html
    assert 'aria-hidden="true"' in html and 'tabindex="-1"' in html


def test_valid_submission_stores_testimony_and_contact_apart(
    submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit()
    assert response.status_code == 302
    testimony = Testimony.objects.get()
    assert testimony.status == "pending"
    assert testimony.story.startswith("Trois mois")
    contact = TestimonyContact.objects.get(testimony=testimony)
    assert contact.email == "lou@example.org"
    assert contact.consent_publication_at and contact.consent_health_data_at
    assert contact.consent_publication_version and contact.withdrawal_token
    field_names = {f.name for f in Testimony._meta.get_fields()}
    assert "email" not in field_names
    assert not {"ip", "ip_address", "user_agent"} & field_names
    assert "/vos-histoires/merci/" in response["Location"]


def test_confirmation_shows_private_follow_link_and_withdrawal_erases(submit, csrf_client):
    response = submit()
    thanks = csrf_client.get(response["Location"])
    assert thanks.status_code == 200
    assert_accessible(thanks)
    html = thanks.content.decode()
    assert "/vos-histoires/suivi/" in html
    follow_url = html.split('href="http://testserver')[-1].split('"')[0]
    page = csrf_client.get(follow_url)
    assert page.status_code == 200
    assert "en attente" in page.content.decode()
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert csrf_client.post(follow_url, {"action": "withdraw"}).status_code == 403
    done = csrf_client.post(follow_url, {"action": "withdraw", "csrfmiddlewaretoken": token})
    assert done.status_code == 200
    assert not Testimony.objects.exists()
    assert not TestimonyContact.objects.exists()
    assert csrf_client.get(follow_url).status_code == 404


def test_forged_follow_token_is_refused(site_tree):
    assert Client().get("/vos-histoires/suivi/abcdef/forged/").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message", "kept"),
    [
        ({"story": ""}, "Écrivez votre histoire", "Une longue attente"),
        ({"story": "x" * 10_001}, "dépasse 10000 caractères", "x" * 100),
        ({"consent_publication": ""}, "pour que nous puissions publier", "Trois mois"),
        ({"consent_health_data": ""}, "votre témoignage peut parler de santé", "Trois mois"),
        ({"email": "pas-une-adresse"}, "adresse e-mail valide", "pas-une-adresse"),
        ({"story": "Bonjour\x07 à tous"}, "caractères de contrôle", "Une longue attente"),
        ({"title": "Titre\x00nul"}, "Le formulaire n", "Trois mois"),
    ],
)
def test_bad_input_shows_french_error_and_keeps_text(submit, overrides, message, kept):
    response = submit(**overrides)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert kept in html
    assert "error-summary" in html
    assert not Testimony.objects.exists()
    assert_accessible(response)


def test_double_submit_creates_no_duplicate(submit):
    assert submit().status_code == 302
    response = submit()
    assert response.status_code == 200
    assert "déjà bien reçu ce témoignage" in response.content.decode()
    assert Testimony.objects.count() == 1


def test_honeypot_gives_generic_answer_and_stores_nothing(submit):
    response = submit(website="http://spam.example")
    assert response.status_code == 200
    assert "Merci pour votre témoignage" in response.content.decode()
    assert "/suivi/" not in response.content.decode()
    assert not Testimony.objects.exists()


def test_time_trap(settings, csrf_client):
    settings.FABRIQUE_FORM_MIN_SECONDS = 60
    data = {**csrf_and_start(csrf_client), **valid_data()}
    response = csrf_client.post(FORM_URL, data)
    assert response.status_code == 200
    assert "envoyé trop vite" in response.content.decode()
    assert "Trois mois" in response.content.decode()
    assert not Testimony.objects.exists()


def test_time_trap_passes_once_enough_time_has_gone(settings, csrf_client, monkeypatch):
    settings.FABRIQUE_FORM_MIN_SECONDS = 5
    data = {**csrf_and_start(csrf_client), **valid_data()}
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10)
    assert csrf_client.post(FORM_URL, data).status_code == 302
    stored = Testimony.objects.get()
    assert stored.title == "Une longue attente"
    assert stored.story.startswith("Trois mois pour un rendez-vous.")


def test_rate_limit(settings, submit):
    settings.FABRIQUE_SUBMISSION_RATE = "2/h"
    assert submit(title="Un").status_code == 302
    assert submit(title="Deux").status_code == 302
    response = submit(title="Trois")
    assert response.status_code == 429
    assert "Réessayez dans une heure" in response.content.decode()
    assert "Trois mois" in response.content.decode()
    assert Testimony.objects.count() == 2


def test_correcting_errors_never_uses_up_the_rate_limit(settings, submit):
    settings.FABRIQUE_SUBMISSION_RATE = "1/h"
    for _ in range(3):
        response = submit(story="")
        assert response.status_code == 200
        assert "Écrivez votre histoire" in response.content.decode()
    assert submit(title="Enfin complet").status_code == 302
    assert submit(title="Un second").status_code == 429


def test_rate_limit_uses_configured_header(settings, site_tree):
    settings.FABRIQUE_SUBMISSION_RATE = "1/h"
    settings.FABRIQUE_CLIENT_IP_HEADER = "X-Forwarded-For"
    for n, ip in enumerate(["10.0.0.1", "10.0.0.2"]):
        client = Client()
        data = {**valid_data(title=f"T{n}"), "started": ""}
        response = client.post(FORM_URL, data, HTTP_X_FORWARDED_FOR=ip)
        assert response.status_code == 302
    response = Client().post(FORM_URL, valid_data(title="T3"), HTTP_X_FORWARDED_FOR="10.0.0.1")
    assert response.status_code == 429


def test_moderators_are_emailed_on_submission(
    submit, django_user_model, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    moderator = django_user_model.objects.create_user("modo", "modo@example.org", "x")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["modo@example.org"]
    assert "Trois mois" not in mail.outbox[0].body
    assert "http://testserver/admin/snippets/testimonies/testimony/" in mail.outbox[0].body


def test_field_error_is_announced_with_its_field(submit):
    html = submit(story="").content.decode()
    assert 'id="id_story_error"' in html
    assert 'aria-describedby="id_story_error id_story_helptext"' in html
    assert 'aria-invalid="true"' in html


def test_withdrawal_leaves_no_trace_in_the_admin_log(submit, csrf_client):
    """The admin's history names the story by its title: withdrawal erases it too."""
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    response = submit()
    testimony = Testimony.objects.get()
    log(testimony, "wagtail.edit")
    assert ModelLogEntry.objects.filter(object_id=str(testimony.pk)).exists()
    html = csrf_client.get(response["Location"]).content.decode()
    follow_url = html.split('href="http://testserver')[-1].split('"')[0]
    page = csrf_client.get(follow_url).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    csrf_client.post(follow_url, {"action": "withdraw", "csrfmiddlewaretoken": token})
    assert not Testimony.objects.exists()
    assert not ModelLogEntry.objects.filter(object_id=str(testimony.pk)).exists()
