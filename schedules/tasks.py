"""Background tasks of the work calendar, run by the worker: the e-mails to subscribers.

Enqueued by ``schedules.services`` once their transaction has committed; they take ids and do
the work in ``schedules.notices``. Also the periodic purge of never-confirmed addresses
(``PORTAL_PERIODIC_TASKS``).
"""

from __future__ import annotations

from django_tasks import task

from . import notices


@task()
def send_subscription_confirmation(subscriber_id: int) -> bool:
    """The confirmation e-mail (double opt-in) of one subscriber."""
    return notices.send_confirmation(subscriber_id)


@task()
def send_week_notice(week_id: int) -> int:
    """A week was published for the first time: its entries to every confirmed subscriber."""
    return notices.send_week_published(week_id)


@task()
def send_change_notice(change_id: int) -> int:
    """A published week changed: the summary of the change to every confirmed subscriber."""
    return notices.send_week_changed(change_id)


@task()
def purge_unconfirmed_subscribers() -> int:
    """Delete addresses whose owners never confirmed them (personal data kept no longer)."""
    from .services import purge_unconfirmed_subscribers as purge  # services enqueue these tasks

    return purge()
