"""Writes for the weekly work calendar: copy last week, publish (with the change history), and
the e-mail subscriptions (subscribe, confirm, unsubscribe, purge the unconfirmed).

The staff functions check that ``actor`` may change the school's calendar, run in one transaction
and write Wagtail's audit log. The subscription functions are the public's (no actor): their
record is the subscriber's own ``confirmed_at``/``unsubscribed_at``. Every e-mail is sent by the
worker (``schedules.tasks``), enqueued once the transaction has committed.
"""

from __future__ import annotations

import datetime
import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

import vntext
from schools.selectors import schools_for_user

from . import tasks
from .models import (
    CalendarSubscriber,
    WorkEntry,
    WorkWeek,
    WorkWeekChange,
    in_week,
    new_subscriber_token,
    week_end,
)
from .snapshot import describe_changes, mark_changed, snapshot_entries

WEEK = datetime.timedelta(days=7)
# A confirmation e-mail is sent again for the same address at most this often, whoever asks.
CONFIRMATION_RESEND_AFTER = datetime.timedelta(minutes=10)
# Addresses never confirmed are deleted after this long (purge_unconfirmed_subscribers).
UNCONFIRMED_KEPT_FOR = datetime.timedelta(days=7)


def _check_permission(actor, school, perm: str) -> None:
    if not actor.has_perm(perm) or not schools_for_user(actor).filter(pk=school.pk).exists():
        raise PermissionDenied


def copy_week(*, school, week_start: datetime.date, actor) -> WorkWeek:
    """Create the draft week starting on ``week_start`` from the entries of the week before,
    each moved on by seven days. Refused when that week exists or there is nothing to copy."""
    _check_permission(actor, school, "schedules.add_workweek")
    if week_start.weekday() != 0:
        raise ValidationError(_("A work week starts on a Monday."))
    with transaction.atomic():
        source = (
            WorkWeek.objects.for_school(school)
            .filter(week_start=week_start - WEEK)
            .prefetch_related("entries")
            .first()
        )
        if source is None:
            raise ValidationError(_("There is no previous week to copy."))
        if WorkWeek.objects.for_school(school).filter(week_start=week_start).exists():
            raise ValidationError(_("This week already exists."))
        week = WorkWeek.objects.create(school=school, week_start=week_start)
        WorkEntry.objects.bulk_create(
            [
                WorkEntry(
                    week=week,
                    sort_order=entry.sort_order,
                    date=entry.date + WEEK,
                    session=entry.session,
                    time=entry.time,
                    content=entry.content,
                    place=entry.place,
                    chair=entry.chair,
                    participants=entry.participants,
                    preparation=entry.preparation,
                    notes=entry.notes,
                )
                for entry in source.entries.all()
            ]
        )
        log(instance=week, action="wagtail.create", user=actor)
    return week


def publish_week(*, week: WorkWeek, actor) -> WorkWeekChange | None:
    """Publish ``week`` as its entries are now. When it was already published and its entries
    differ from what was published, record (and return) a ``WorkWeekChange`` describing them."""
    _check_permission(actor, week.school, "schedules.change_workweek")
    with transaction.atomic():
        week = WorkWeek.objects.select_for_update().get(pk=week.pk)
        entries = list(week.entries.all())
        outside = [e for e in entries if not in_week(week.week_start, e.date)]
        if outside:
            raise ValidationError(_("Some work items are dated outside the week."))
        new = snapshot_entries(entries)
        now = timezone.now()
        change = None
        first_publication = not week.is_published
        if week.is_published:
            summary = describe_changes(week.published_entries, new)
            if summary:
                change = WorkWeekChange.objects.create(
                    week=week, changed_at=now, changed_by=actor, summary=summary
                )
            new = mark_changed(week.published_entries, new)
        week.published_entries = new
        week.is_published = True
        week.published_at = now
        week.save(update_fields=["published_entries", "is_published", "published_at"])
        log(instance=week, action="wagtail.publish", user=actor)
        # Subscribers hear of weeks that have not ended yet: filling in past weeks stays quiet.
        if week_end(week.week_start) >= timezone.localdate():
            if first_publication:
                transaction.on_commit(functools.partial(tasks.send_week_notice.enqueue, week.pk))
            elif change is not None:
                transaction.on_commit(
                    functools.partial(tasks.send_change_notice.enqueue, change.pk)
                )
    return change


# --- e-mail subscribers (public) --------------------------------------------------------------


def normalize_email(value: str) -> str:
    """One spelling per address: NFC, no surrounding spaces, lower case."""
    return vntext.normalize(value).lower()


def subscribe(*, school, email: str) -> CalendarSubscriber:
    """Ask for ``school``'s work calendar at ``email`` (double opt-in).

    A new or unsubscribed address gets a confirmation e-mail; an unconfirmed one gets it again
    (at most every ``CONFIRMATION_RESEND_AFTER``); a confirmed one gets nothing. The caller tells
    the visitor the same thing in every case, so the form never reveals who subscribed."""
    email = normalize_email(email)
    now = timezone.now()
    with transaction.atomic():
        subscriber, _created = CalendarSubscriber.objects.select_for_update().get_or_create(
            school=school, email=email
        )
        if subscriber.unsubscribed_at is not None:
            # Starting again: new links, and a new confirmation is needed.
            subscriber.unsubscribed_at = None
            subscriber.confirmed_at = None
            subscriber.confirmation_sent_at = None
            subscriber.token = new_subscriber_token()
        if subscriber.confirmed_at is not None:
            return subscriber
        last_sent = subscriber.confirmation_sent_at
        if last_sent is None or now - last_sent >= CONFIRMATION_RESEND_AFTER:
            subscriber.confirmation_sent_at = now
            transaction.on_commit(
                functools.partial(tasks.send_subscription_confirmation.enqueue, subscriber.pk)
            )
        subscriber.save()
    return subscriber


def confirm_subscription(*, subscriber: CalendarSubscriber) -> bool:
    """Confirm the address (the link of the confirmation e-mail). ``False`` when the
    subscription was cancelled since: an old link does not subscribe anyone again."""
    if subscriber.unsubscribed_at is not None:
        return False
    if subscriber.confirmed_at is None:
        now = timezone.now()
        CalendarSubscriber.objects.filter(
            pk=subscriber.pk, confirmed_at__isnull=True, unsubscribed_at__isnull=True
        ).update(confirmed_at=now)
        subscriber.confirmed_at = now
    return True


def unsubscribe(*, subscriber: CalendarSubscriber) -> None:
    """Stop sending to the address (the link in every e-mail); saying it twice is harmless."""
    if subscriber.unsubscribed_at is None:
        now = timezone.now()
        CalendarSubscriber.objects.filter(pk=subscriber.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=now
        )
        subscriber.unsubscribed_at = now


def purge_unconfirmed_subscribers(*, now: datetime.datetime | None = None) -> int:
    """Delete the addresses not confirmed within ``UNCONFIRMED_KEPT_FOR`` of their last
    confirmation e-mail; their number."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_KEPT_FOR
    stale = CalendarSubscriber.objects.filter(confirmed_at__isnull=True).filter(
        Q(confirmation_sent_at__lt=cutoff)
        | Q(confirmation_sent_at__isnull=True, created_at__lt=cutoff)
    )
    deleted, _per_model = stale.delete()
    return deleted
