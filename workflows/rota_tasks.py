"""Background work of the news rota, run by ``manage.py run_worker`` (``PORTAL_PERIODIC_TASKS``).

django-tasks finds a task by its import path, so the rota's task lives in its own module."""

from __future__ import annotations

from django_tasks import task


@task()
def rota_reminders() -> int:
    """Hourly: remind the tổ heads whose turn comes (from 07:00 to 21:59 local time)."""
    from .rota import send_rota_reminders

    return send_rota_reminders()
