"""Periodic jobs: enqueue each configured task on the database queue at its interval.

Settings: ``PORTAL_PERIODIC_TASKS = [("dotted.path.to.task", seconds), ...]``. A task is not
enqueued again while an earlier run of it is still waiting, so a slow worker never piles up
copies; the worker that runs the queue is Django Tasks' database worker.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import close_old_connections
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


@dataclass
class PeriodicJob:
    task_path: str
    interval: float
    next_run: float = 0.0

    def enqueue_if_due(self, now: float) -> bool:
        if now < self.next_run:
            return False
        self.next_run = now + self.interval
        waiting = DBTaskResult.objects.filter(
            task_path=self.task_path, status=TaskResultStatus.READY
        ).exists()
        if waiting:
            return False
        import_string(self.task_path).enqueue()
        return True


def configured_jobs() -> list[PeriodicJob]:
    return [PeriodicJob(path, float(seconds)) for path, seconds in settings.PORTAL_PERIODIC_TASKS]


def run_scheduler(stop: threading.Event, jobs: list[PeriodicJob], tick: float = 1.0) -> None:
    while not stop.is_set():
        now = time.monotonic()
        for job in jobs:
            try:
                job.enqueue_if_due(now)
            except Exception:  # keep scheduling the other jobs; the error is logged
                logger.exception("Could not enqueue periodic task %s", job.task_path)
        close_old_connections()
        stop.wait(tick)
