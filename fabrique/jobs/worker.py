"""The task worker that runs inside ``run_scheduler``: one process for jobs and tasks.

With the database task backend (django-tasks-db, production's default) an enqueued task
is a row until a worker runs it. Rather than a third process beside the web server and
the scheduler, ``run_scheduler`` runs every ready task between its passes, each second:
a password-reset e-mail leaves about a second after the request. Several schedulers (or
``manage.py db_worker``, django-tasks-db's own worker, for more throughput) share the
rows safely: each task is claimed in a locking transaction before it runs.
"""

from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends


def database_backend_in_use() -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def run_ready_tasks(max_tasks: int = 100) -> int:
    """Run the tasks that are ready now (at most ``max_tasks``); returns how many ran.

    The claim is django-tasks-db's own (a locking transaction, exclusive on SQLite) and so
    is the run (its ``Worker.run_task`` records the result or the error); only the loop is
    ours, so that it neither sleeps nor closes the caller's database connection.
    """
    if not database_backend_in_use():
        return 0
    from django.db.utils import OperationalError
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )
    ran = 0
    while ran < max_tasks:
        ready = DBTaskResult.objects.ready().filter(backend_name=DEFAULT_TASK_BACKEND_ALIAS)
        with exclusive_transaction(ready.db):
            try:
                task_result = ready.get_locked()
                if task_result is not None:
                    task_result.claim(worker.worker_id)
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                task_result = None  # another worker holds the queue: next second
        if task_result is None:
            return ran
        worker.run_task(task_result)
        ran += 1
    return ran
