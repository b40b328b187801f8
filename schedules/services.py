"""Writes for the weekly work calendar: copy last week, publish (with the change history).

Each function checks that ``actor`` may change the school's calendar, runs in one transaction
and writes Wagtail's audit log.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from schools.selectors import schools_for_user

from .models import WorkEntry, WorkWeek, WorkWeekChange, in_week
from .snapshot import describe_changes, mark_changed, snapshot_entries

WEEK = datetime.timedelta(days=7)


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
    return change
