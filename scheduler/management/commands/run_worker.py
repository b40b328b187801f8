"""Run the background worker with its scheduler: no cron needed for scheduled publishing."""

import threading

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from scheduler.periodic import configured_jobs, run_scheduler


class Command(DbWorkerCommand):
    help = "Run the database task worker and enqueue the periodic tasks (PORTAL_PERIODIC_TASKS)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-scheduler",
            action="store_false",
            dest="scheduler",
            help="Only run queued tasks; do not enqueue periodic ones.",
        )

    def handle(self, *args, scheduler=True, **options):
        stop = threading.Event()
        if scheduler:
            thread = threading.Thread(
                target=run_scheduler, args=(stop, configured_jobs()), daemon=True
            )
            thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
