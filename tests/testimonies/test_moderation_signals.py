"""What a moderation action announces after commit reaches every receiver, whatever one does."""

import logging

import pytest
from django.core import mail

from fabrique.moderation.signals import submission_received
from testimonies.models import Testimony


@pytest.fixture
def broken_then_listening():
    """A receiver that fails (a mail server down), then one connected after it."""
    heard = []

    def broken(sender, instance, **kwargs):
        raise ConnectionRefusedError("SMTP injoignable")

    def listening(sender, instance, **kwargs):
        heard.append(instance.pk)

    submission_received.connect(broken, sender=Testimony, dispatch_uid="test-broken")
    submission_received.connect(listening, sender=Testimony, dispatch_uid="test-listening")
    yield heard
    submission_received.disconnect(sender=Testimony, dispatch_uid="test-broken")
    submission_received.disconnect(sender=Testimony, dispatch_uid="test-listening")


def test_a_failing_receiver_neither_fails_the_form_nor_silences_the_others(
    submit, broken_then_listening, django_capture_on_commit_callbacks, caplog
):
    with (
        caplog.at_level(logging.ERROR, logger="fabrique.moderation.actions"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = submit()
    # The story is saved: its author sees the thank-you page, not an error inviting a resend.
    assert response.status_code == 302
    testimony = Testimony.objects.get()
    assert broken_then_listening == [testimony.pk]
    # The author's confirmation, sent by a receiver of the kind, still left.
    assert any(message.to == ["lou@example.org"] for message in mail.outbox)
    assert "SMTP injoignable" in caplog.text
