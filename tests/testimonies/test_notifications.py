"""E-mails: nothing the author wrote, an address confirmed before anything else is sent,
and links on the site's own public address."""

import inspect
import re

import pytest
from django.core import mail
from django.test import Client

from fabrique.moderation.actions import publish
from testimonies import notifications, views
from testimonies.factories import TestimonyContactFactory, TestimonyFactory
from testimonies.models import TestimonyContact
from tests.a11y import assert_accessible

SECRET_TITLE = "Mon diabète et le Dr Quimperlé"


@pytest.fixture
def public_site(site_tree):
    """The site record says where the public site lives; e-mails must follow it."""
    site = site_tree["site"]
    site.hostname, site.port = "fabrique.example", 8011
    site.save()
    return site


def confirmation_link(message) -> str:
    match = re.search(r"http://fabrique\.example:8011(/vos-histoires/confirmer/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_an_address_is_asked_to_confirm_right_after_sending(
    public_site, submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(title=SECRET_TITLE).status_code == 302
    to_author = [m for m in mail.outbox if m.to == ["lou@example.org"]]
    assert len(to_author) == 1
    message = to_author[0]
    assert "Confirmez" in message.subject
    assert SECRET_TITLE not in message.subject + message.body
    assert "Trois mois" not in message.body and "Lou" not in message.body
    contact = TestimonyContact.objects.get()
    # The link never carries the withdrawal token: a stranger's inbox cannot withdraw.
    assert contact.withdrawal_token not in message.body
    assert contact.email_confirmed_at is None

    page = Client().get(confirmation_link(message))
    assert page.status_code == 200
    assert_accessible(page)
    assert "Adresse confirmée" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    contact.refresh_from_db()
    assert contact.email_confirmed_at is not None


def test_no_address_no_confirmation(submit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(email="")
    assert mail.outbox == []


@pytest.mark.parametrize(
    "tamper",
    [
        lambda link: link.replace("/confirmer/", "/confirmer/x"),
        lambda link: link[:-3] + "xx/",
        lambda link: "/vos-histoires/confirmer/abc/def/ghi/",
    ],
)
def test_forged_confirmation_link_confirms_nothing(
    public_site, submit, django_capture_on_commit_callbacks, tamper
):
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    response = Client().get(tamper(confirmation_link(mail.outbox[-1])))
    assert response.status_code == 404
    assert "Lien de confirmation non valable" in response.content.decode()
    assert TestimonyContact.objects.get().email_confirmed_at is None


def test_confirmation_link_expires_and_dies_with_the_address(
    public_site, submit, django_capture_on_commit_callbacks, monkeypatch
):
    import time

    with django_capture_on_commit_callbacks(execute=True):
        submit()
    link = confirmation_link(mail.outbox[-1])
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 15 * 24 * 3600)
    assert Client().get(link).status_code == 404
    monkeypatch.setattr(time, "time", real)
    TestimonyContact.objects.update(email="")  # blanked by retention
    assert Client().get(link).status_code == 404
    assert TestimonyContact.objects.get().email_confirmed_at is None


def test_publication_notice_goes_to_confirmed_addresses_only(
    public_site, django_capture_on_commit_callbacks
):
    unconfirmed = TestimonyContactFactory(email="jamais@example.org", email_confirmed_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        publish(unconfirmed.testimony)
    assert mail.outbox == []


def test_publication_notice_has_the_link_only_on_the_sites_address(
    public_site, django_capture_on_commit_callbacks
):
    contact = TestimonyContactFactory(
        email="autrice@example.org",
        testimony=TestimonyFactory(title=SECRET_TITLE, pseudonym="Lou D."),
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(contact.testimony)
    (message,) = mail.outbox
    assert message.to == ["autrice@example.org"]
    body = message.subject + message.body
    assert SECRET_TITLE not in body and "Quimperlé" not in body and "Lou D." not in body
    assert contact.testimony.story.splitlines()[0] not in body
    url = f"http://fabrique.example:8011/vos-histoires/{contact.testimony.uuid}/"
    assert url in message.body
    assert ":8000" not in message.body


def test_moderators_notice_lives_with_the_other_emails():
    """views.py sends no e-mail itself: every message of the app is in notifications.py."""
    assert "send_mail" not in inspect.getsource(views)
    assert callable(notifications.notify_moderators_new_testimony)


def test_confirmation_page_refuses_other_methods(public_site):
    assert Client().post("/vos-histoires/confirmer/a/b/c/").status_code == 405
