"""Run the site's periodic jobs (``fabrique/jobs/scheduler.py``): publish what is scheduled,
unpublish what expired, apply the retention periods; and, with the database task backend,
run the background tasks (``fabrique/jobs/worker.py``) between passes, each second.

    manage.py run_scheduler            # a loop, beside the web server
    manage.py run_scheduler --once     # what is due now, then exit (for cron)
    manage.py run_scheduler --no-tasks # jobs only, when `manage.py db_worker` runs the tasks
"""

import os
import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from fabrique.jobs.scheduler import run_due_jobs
from fabrique.jobs.worker import run_ready_tasks


class Command(BaseCommand):
    help = "Lance les travaux périodiques : publication programmée, expiration, purge."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Une seule passe, puis quitter.")
        parser.add_argument(
            "--interval", type=int, default=30, help="Secondes entre deux passes (30)."
        )
        parser.add_argument(
            "--exit-with-parent",
            action="store_true",
            help="Quitter quand le processus qui l'a lancé s'arrête (make run, make serve).",
        )
        parser.add_argument(
            "--no-tasks",
            action="store_true",
            help="Ne pas exécuter les tâches de fond (un `manage.py db_worker` s'en charge).",
        )

    def handle(
        self, *args, once=False, interval=30, exit_with_parent=False, no_tasks=False, **options
    ):
        self.verbosity = options.get("verbosity", 1)
        self.run_tasks = not no_tasks
        if once:
            self._report(run_due_jobs())
            self._run_tasks()
            return
        parent = os.getppid()
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stdout.write(f"Travaux périodiques : une passe toutes les {interval} s.")
        while not stopping:
            try:
                self._report(run_due_jobs())
            except DatabaseError as error:
                # The database is away (restart, outage): try again at the next pass.
                self.stderr.write(f"Base de données indisponible : {error}")
            finally:
                close_old_connections()
            for _ in range(max(interval, 1)):
                if stopping or (exit_with_parent and os.getppid() != parent):
                    return
                self._run_tasks()
                close_old_connections()
                time.sleep(1)

    def _run_tasks(self):
        """Ready background tasks, each second between passes (database backend only)."""
        if not self.run_tasks:
            return
        try:
            run_ready_tasks()
        except DatabaseError as error:
            self.stderr.write(f"Tâches de fond : base de données indisponible : {error}")

    def _report(self, ran):
        if ran and self.verbosity > 1:
            self.stdout.write("Travaux lancés : " + ", ".join(ran))
