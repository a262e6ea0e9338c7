"""Delete finished background-task rows (database task backend only), a daily job.

A row keeps its task's arguments, e.g. the address typed in "mot de passe oublié": a
successful one goes after a day, a failed one after a week (time to read its error).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from fabrique.jobs.worker import database_backend_in_use


class Command(BaseCommand):
    help = "Supprime les tâches de fond terminées (un jour, une semaine pour les échecs)."

    def handle(self, *args, **options):
        if not database_backend_in_use():
            return
        call_command(
            "prune_db_task_results",
            queue_name="*",
            min_age_days=1,
            failed_min_age_days=7,
            verbosity=options.get("verbosity", 1),
        )
