"""Periodic jobs: what must run on its own for the site to keep its promises.

Wagtail publishes a scheduled page and unpublishes an expired one only when its
``publish_scheduled`` command runs; the privacy notice's retention periods hold only if the
purge runs daily. Each app declares its jobs here (from its ``sections.py``, like its
section) and one process, ``manage.py run_scheduler``, runs whatever is due: beside the
server under ``make run``/``make serve``, as its own service in ``compose.yaml``, or every
minute from cron with ``--once``.

Which job is due is decided in the database (``JobRun``), not in the process: two
schedulers, or a restart in the middle of the day, never run a daily job twice, and a
claim is a single conditional UPDATE, so it holds on SQLite and PostgreSQL alike.
"""

import logging
import traceback
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from fabrique.core.models import JobRun

logger = logging.getLogger(__name__)

_registry: dict[str, "Job"] = {}


@dataclass(frozen=True)
class Job:
    """A management command run every ``every``; ``name`` is its key in ``JobRun``."""

    name: str
    command: str
    every: timedelta
    args: tuple[str, ...] = field(default_factory=tuple)


def register_job(job: Job) -> Job:
    _registry[job.name] = job
    return job


def get_jobs() -> list[Job]:
    return list(_registry.values())


def claim(job: Job, now) -> bool:
    """True when this process is the one to run ``job`` now (and books its next run)."""
    JobRun.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
    with transaction.atomic():
        claimed = JobRun.objects.filter(name=job.name, next_run_at__lte=now).update(
            next_run_at=now + job.every, last_started_at=now
        )
    return claimed == 1


def run_due_jobs(now=None) -> list[str]:
    """Run every registered job that is due; returns the names of those that ran.

    A job that fails is logged and recorded, and the others still run: an expired
    article must not stay online because the purge of old stories crashed.
    """
    now = now or timezone.now()
    ran = []
    for job in get_jobs():
        if not claim(job, now):
            continue
        error = ""
        try:
            call_command(job.command, *job.args, verbosity=0)
        except Exception:  # one job's failure must not stop the others
            error = traceback.format_exc(limit=5)
            logger.exception("Le travail périodique %s a échoué", job.name)
        JobRun.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(), last_error=error
        )
        ran.append(job.name)
    return ran


# This package's own job: Wagtail's scheduled publishing and expiry, every minute.
register_job(Job(name="publish_scheduled", command="publish_scheduled", every=timedelta(minutes=1)))
# Finished background tasks (their arguments may hold an e-mail address), once a day.
register_job(Job(name="prune_task_results", command="prune_task_results", every=timedelta(days=1)))
