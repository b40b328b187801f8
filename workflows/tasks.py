"""Background work of the editorial workflow, run by ``manage.py run_worker``."""

from __future__ import annotations

from django_tasks import task


@task()
def email_notifications(ids: list[int]) -> int:
    from .notifications import send_notification_emails

    return send_notification_emails(ids)


@task()
def daily_digest() -> int:
    """Each responsible person's due-soon and overdue items, once a day."""
    from .digest import send_daily_digests

    return send_daily_digests()
