"""The periodic jobs production runs: scheduled pages go live, expired ones go offline,
the retention purge runs once a day, and one failing job does not stop the others."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles.factories import ArticlePageFactory
from fabrique.core.models import JobRun
from fabrique.demo.site import publish
from fabrique.jobs import scheduler as jobs
from testimonies.factories import TestimonyFactory
from testimonies.models import Testimony

NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def articles(site_tree):
    return site_tree["sections"]["articles"]


def run_scheduler_at(moment):
    with time_machine.travel(moment, tick=False):
        call_command("run_scheduler", "--once")


def test_a_page_scheduled_for_later_goes_live_when_its_time_has_come(articles):
    with time_machine.travel(NOW, tick=False):
        article = ArticlePageFactory(parent=articles, title="Programmé pour demain", live=False)
        article.go_live_at = NOW + datetime.timedelta(days=1)
        article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live, "publishing with a future date only schedules the page"
    url = article.get_url()

    run_scheduler_at(NOW + datetime.timedelta(hours=23))
    article.refresh_from_db()
    assert not article.live
    assert Client().get(url).status_code == 404

    run_scheduler_at(NOW + datetime.timedelta(days=1, minutes=1))
    article.refresh_from_db()
    assert article.live
    assert Client().get(url).status_code == 200


def test_an_expired_page_goes_offline(articles):
    with time_machine.travel(NOW, tick=False):
        article = ArticlePageFactory(parent=articles, title="Jusqu'à ce soir")
        article.expire_at = NOW + datetime.timedelta(hours=8)
        publish(article)
    url = article.get_url()
    assert Client().get(url).status_code == 200

    run_scheduler_at(NOW + datetime.timedelta(hours=9))
    article.refresh_from_db()
    assert not article.live and article.expired
    assert Client().get(url).status_code == 404


def test_the_daily_purge_runs_once_a_day_however_often_the_scheduler_passes(site_tree, settings):
    settings.FABRIQUE_TESTIMONY_RETENTION_DAYS = 30
    with time_machine.travel(NOW - datetime.timedelta(days=40), tick=False):
        old = TestimonyFactory(title="Refusé il y a longtemps", status="refused")
        old.status_changed_at = timezone.now()
        old.save()

    run_scheduler_at(NOW)
    assert not Testimony.objects.filter(pk=old.pk).exists()
    first = JobRun.objects.get(name="purge_testimonies")
    assert first.last_started_at == NOW and first.last_error == ""

    # Another pass later the same day does not run it again…
    run_scheduler_at(NOW + datetime.timedelta(hours=5))
    assert JobRun.objects.get(name="purge_testimonies").last_started_at == NOW
    # …the next day does.
    run_scheduler_at(NOW + datetime.timedelta(days=1, minutes=1))
    assert JobRun.objects.get(name="purge_testimonies").last_started_at > NOW


def test_a_failing_job_is_recorded_and_the_others_still_run(articles):
    broken = jobs.register_job(
        jobs.Job(
            name="purge_too_eager",
            command="purge_testimonies",
            args=("--older-than-days", "1"),
            every=datetime.timedelta(days=1),
        )
    )
    try:
        with time_machine.travel(NOW, tick=False):
            article = ArticlePageFactory(parent=articles, title="Programmé", live=False)
            article.go_live_at = NOW + datetime.timedelta(minutes=5)
            article.save_revision().publish()
        run_scheduler_at(NOW + datetime.timedelta(minutes=10))
    finally:
        jobs._registry.pop(broken.name)
    assert "Durée de conservation refusée" in JobRun.objects.get(name="purge_too_eager").last_error
    article.refresh_from_db()
    assert article.live
