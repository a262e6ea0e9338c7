"""Retention by dates: no path through the moderation states escapes purge_testimonies.

Each story is moved through real moderation actions, then its dates are moved 400 days
back, as if a year had passed, and the daily purge is run.
"""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from fabrique.moderation.actions import mark_for_review, publish, refuse
from fabrique.moderation.models import ModerationStatus
from testimonies import factories, models

Story = models.Testimony
Contact = models.TestimonyContact

pytestmark = pytest.mark.django_db


def set_status(testimony, status):
    """A status no moderation action sets (pending, withdrawn), saved as the model allows."""
    testimony.status = status
    testimony.save()
    return testimony


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def story_with_contact(**fields):
    return factories.TestimonyContactFactory(
        testimony=factories.TestimonyFactory(**fields), email="autrice@example.org"
    ).testimony


def age(testimony, published=None, decided=None, submitted=400):
    """Move the story's dates back: first publication, last decision and reception."""
    updates = {"submitted_at": days_ago(submitted)}
    if published is not None:
        updates["published_at"] = days_ago(published)
    if decided is not None:
        updates["status_changed_at"] = days_ago(decided)
    Story.objects.filter(pk=testimony.pk).update(**updates)


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_testimonies", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def email_of(testimony) -> str:
    return Contact.objects.get(testimony_id=testimony.pk).email


def test_unpublishing_keeps_the_first_publication_date():
    testimony = story_with_contact()
    publish(testimony)
    first = Story.objects.get(pk=testimony.pk).published_at
    assert first is not None
    for action in (mark_for_review, refuse, publish):
        action(testimony)
        assert Story.objects.get(pk=testimony.pk).published_at == first
    # Even a direct attempt to clear it on the instance keeps it.
    testimony = Story.objects.get(pk=testimony.pk)
    testimony.published_at = None
    testimony.save()
    assert Story.objects.get(pk=testimony.pk).published_at == first


@pytest.mark.parametrize(
    "back_to", [ModerationStatus.PENDING, ModerationStatus.NEEDS_REVIEW, ModerationStatus.REFUSED]
)
def test_story_published_once_then_taken_back_is_deleted_after_the_period(back_to):
    testimony = story_with_contact()
    publish(testimony)
    set_status(testimony, back_to)
    age(testimony, published=400, decided=390)
    out = purge()
    assert "1 témoignage(s) supprimé(s)" in out
    assert not Story.objects.filter(pk=testimony.pk).exists()
    assert not Contact.objects.filter(testimony_id=testimony.pk).exists()


def test_email_is_blanked_after_first_publication_whatever_the_state_now():
    back_in_review = story_with_contact()
    publish(back_in_review)
    mark_for_review(back_in_review)
    # First published 400 days ago, sent back to review recently: kept, e-mail blanked.
    age(back_in_review, published=400, decided=5)
    still_published = story_with_contact()
    publish(still_published)
    age(still_published, published=400, decided=400)
    recent = story_with_contact()
    publish(recent)
    age(recent, published=5, decided=5)

    out = purge()
    assert "2 e-mail(s) effacé(s)" in out
    assert email_of(back_in_review) == ""
    assert email_of(still_published) == ""
    assert email_of(recent) == "autrice@example.org"
    assert Story.objects.filter(pk=back_in_review.pk).exists()


@pytest.mark.parametrize(
    "status",
    [
        ModerationStatus.PENDING,
        ModerationStatus.NEEDS_REVIEW,
        ModerationStatus.REFUSED,
        ModerationStatus.WITHDRAWN,
    ],
)
def test_never_published_story_is_deleted_after_its_last_decision(status):
    old = story_with_contact(status=status)
    age(old, decided=400 if status != ModerationStatus.PENDING else None)
    recent_decision = story_with_contact(status=status)
    age(recent_decision, submitted=400, decided=10)
    purge()
    assert not Story.objects.filter(pk=old.pk).exists()
    assert Story.objects.filter(pk=recent_decision.pk).exists()


@pytest.mark.parametrize("days", ["-1", "0", "29"])
def test_a_retention_below_the_safe_minimum_is_refused(days):
    fresh = story_with_contact()
    with pytest.raises(CommandError, match="au moins 30 jours"):
        purge("--older-than-days", days)
    assert Story.objects.filter(pk=fresh.pk).exists()


def test_a_setting_below_the_safe_minimum_is_refused_too(settings):
    settings.FABRIQUE_TESTIMONY_RETENTION_DAYS = 1
    story_with_contact()
    with pytest.raises(CommandError, match="Durée de conservation refusée"):
        purge()
    assert Story.objects.count() == 1
