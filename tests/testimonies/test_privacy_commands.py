"""Retention (purge_testimonies) and author requests (testimony_data) leave no trace."""

import datetime
import io
import json
import os
import stat

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.search.models import IndexEntry

from fabrique.moderation.models import ModerationStatus
from testimonies import factories, models

# Module attributes, not names: pytest would try to collect classes named "Test…".
Story = models.Testimony
Contact = models.TestimonyContact

# What these tests read is the search index the site keeps up to date.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def make(status=ModerationStatus.PENDING, age=0, email="auteur@example.org", **fields):
    """A testimony with its contact, whose submission and last status change are ``age`` days old."""
    when = days_ago(age)
    testimony = factories.TestimonyFactory(status=status, **fields)
    Story.objects.filter(pk=testimony.pk).update(
        submitted_at=when, status_changed_at=None if status == ModerationStatus.PENDING else when
    )
    factories.TestimonyContactFactory(testimony=testimony, email=email)
    testimony.refresh_from_db()
    return testimony


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def traces(testimony_pk) -> dict:
    testimony_type = ContentType.objects.get_for_model(Story)
    return {
        "testimony": Story.objects.filter(pk=testimony_pk).count(),
        "contact": Contact.objects.filter(testimony_id=testimony_pk).count(),
        "log": ModelLogEntry.objects.filter(
            content_type=testimony_type, object_id=str(testimony_pk)
        ).count(),
        "index": IndexEntry.objects.filter(
            content_type=testimony_type, object_id=str(testimony_pk)
        ).count(),
    }


NONE_LEFT = {"testimony": 0, "contact": 0, "log": 0, "index": 0}


@pytest.fixture
def ages():
    """One old and one recent testimony in each status, plus their ids by name."""
    rows = {
        "old_refused": make(ModerationStatus.REFUSED, 200),
        "old_withdrawn": make(ModerationStatus.WITHDRAWN, 200),
        "old_pending": make(ModerationStatus.PENDING, 200),
        "old_review": make(ModerationStatus.NEEDS_REVIEW, 200),
        "recent_refused": make(ModerationStatus.REFUSED, 10),
        "recent_pending": make(ModerationStatus.PENDING, 10),
        "old_published": make(ModerationStatus.PUBLISHED, 400, published_at=days_ago(400)),
        "new_published": make(ModerationStatus.PUBLISHED, 5, published_at=days_ago(5)),
    }
    for testimony in rows.values():
        log(instance=testimony, action="wagtail.edit")
    return rows


def test_purge_deletes_old_unpublished_and_keeps_the_rest(ages):
    out = run("purge_testimonies")
    assert "4 témoignage(s) supprimé(s)" in out
    assert "1 e-mail(s) effacé(s)" in out
    for name in ("old_refused", "old_withdrawn", "old_pending", "old_review"):
        assert traces(ages[name].pk) == NONE_LEFT, name
    for name in ("recent_refused", "recent_pending", "old_published", "new_published"):
        assert Story.objects.filter(pk=ages[name].pk).exists(), name
    assert Contact.objects.get(testimony=ages["old_published"]).email == ""
    assert Contact.objects.get(testimony=ages["new_published"]).email != ""
    assert Contact.objects.get(testimony=ages["recent_pending"]).email != ""


def test_purge_is_idempotent(ages):
    run("purge_testimonies")
    out = run("purge_testimonies")
    assert out.startswith("0 témoignage(s) supprimé(s)")
    assert "0 e-mail(s) effacé(s)" in out


def test_purge_dry_run_changes_nothing(ages):
    before = (Story.objects.count(), Contact.objects.exclude(email="").count())
    out = run("purge_testimonies", "--dry-run")
    assert "4 témoignage(s) seraient supprimés" in out
    assert "1 e-mail(s) seraient effacés" in out
    assert (Story.objects.count(), Contact.objects.exclude(email="").count()) == (before)


def test_purge_follows_option_and_settings(ages, settings):
    settings.FABRIQUE_TESTIMONY_RETENTION_DAYS = 300
    settings.FABRIQUE_CONTACT_RETENTION_DAYS = 1
    out = run("purge_testimonies", "--dry-run")
    assert "0 témoignage(s) seraient supprimés" in out
    assert "2 e-mail(s) seraient effacés" in out
    assert "4 témoignage(s) seraient" in run(
        "purge_testimonies", "--dry-run", "--older-than-days", "100"
    )


def test_purge_uses_the_last_status_change_not_the_submission():
    testimony = make(ModerationStatus.REFUSED, 300)
    Story.objects.filter(pk=testimony.pk).update(status_changed_at=days_ago(3))
    run("purge_testimonies")
    assert Story.objects.filter(pk=testimony.pk).exists()


@pytest.fixture
def two_authors():
    mine = [
        make(
            ModerationStatus.PUBLISHED,
            20,
            email="Lou@Example.org",
            title="Ma longue attente",
            story="Trois mois pour un rendez-vous.",
            published_at=days_ago(20),
        ),
        make(
            ModerationStatus.REFUSED,
            2,
            email="lou@example.org",
            title="Mon second récit",
            refusal_reason="Trop identifiant",
        ),
    ]
    other = make(email="autre@example.org", title="Histoire d'une autre", story="Secret d'autrui")
    for testimony in [*mine, other]:
        log(instance=testimony, action="wagtail.edit")
    return mine, other


def test_export_contains_stories_and_consents_of_that_author_only(two_authors):
    data = json.loads(run("testimony_data", "--email", "LOU@example.ORG", "--export"))
    assert [item["title"] for item in data["testimonies"]] == [
        "Ma longue attente",
        "Mon second récit",
    ]
    first = data["testimonies"][0]
    assert first["story"] == "Trois mois pour un rendez-vous."
    assert first["status"] == "published"
    assert first["published_at"]
    assert first["contact"]["consent_publication_version"] == "2026-11"
    assert first["contact"]["consent_health_data_version"] == "2026-11"
    assert first["contact"]["consent_publication_at"]
    assert first["contact"]["consent_health_data_at"]
    assert first["moderation_history"][0]["action"] == "wagtail.edit"
    assert data["testimonies"][1]["refusal_reason"] == "Trop identifiant"
    dumped = json.dumps(data, ensure_ascii=False)
    assert "autre@example.org" not in dumped
    assert "Secret d'autrui" not in dumped


def test_export_to_a_file_readable_by_its_owner_only(two_authors, tmp_path):
    target = tmp_path / "export.json"
    old_umask = os.umask(0o022)  # the usual umask: files readable by every local user
    try:
        assert (
            run("testimony_data", "--email", "lou@example.org", "--export", "--output", str(target))
            == ""
        )
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(json.loads(target.read_text(encoding="utf-8"))["testimonies"]) == 2


def test_export_never_overwrites_a_file(two_authors, tmp_path):
    target = tmp_path / "export.json"
    target.write_text("déjà là", encoding="utf-8")
    with pytest.raises(CommandError, match="existe déjà"):
        run("testimony_data", "--email", "lou@example.org", "--export", "--output", str(target))
    assert target.read_text(encoding="utf-8") == "déjà là"


def test_erase_removes_the_admin_editing_sessions(two_authors, django_user_model):
    from wagtail.admin.models import EditingSession

    mine, other = two_authors
    moderator = django_user_model.objects.create_user("modo", "modo@example.org", "x")
    testimony_type = ContentType.objects.get_for_model(Story)
    for testimony in [*mine, other]:
        EditingSession.objects.create(
            user=moderator,
            content_type=testimony_type,
            object_id=str(testimony.pk),
            last_seen_at=timezone.now(),
        )
    run("testimony_data", "--email", "lou@example.org", "--erase")
    remaining = set(
        EditingSession.objects.filter(content_type=testimony_type).values_list(
            "object_id", flat=True
        )
    )
    assert remaining == {str(other.pk)}


def test_erase_leaves_nothing_of_that_author_and_keeps_the_other(two_authors):
    mine, other = two_authors
    assert traces(mine[0].pk)["log"] == 1
    assert traces(mine[0].pk)["index"] == 1
    out = run("testimony_data", "--email", "lou@EXAMPLE.org", "--erase")
    assert "2 témoignage(s) effacé(s)" in out
    for testimony in mine:
        assert traces(testimony.pk) == NONE_LEFT
    assert not Contact.objects.filter(email__iexact="lou@example.org").exists()
    assert traces(other.pk)["testimony"] == 1
    assert traces(other.pk)["contact"] == 1
    assert traces(other.pk)["log"] == 1
    assert Contact.objects.get(testimony=other).email == "autre@example.org"


@pytest.mark.parametrize("flags", [[], ["--export", "--erase"]])
def test_exactly_one_action_is_required(flags):
    with pytest.raises(CommandError, match="soit --export, soit --erase"):
        run("testimony_data", "--email", "lou@example.org", *flags)
