"""Writes of the timetables app: one entry point, one transaction."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from schools.selectors import schools_for_user

from .models import Lesson, Timetable

PERMISSION = "timetables.add_timetable"


@transaction.atomic
def create_timetable(
    *,
    actor,
    school,
    name: str,
    effective_from: datetime.date,
    is_published: bool,
    lessons: list[dict],
) -> Timetable:
    """A new version with all its lessons, or nothing. Earlier versions are kept as they are."""
    if not actor.has_perm(PERMISSION) or not schools_for_user(actor).filter(pk=school.pk).exists():
        raise PermissionDenied
    timetable = Timetable.objects.create(
        school=school, name=name, effective_from=effective_from, is_published=is_published
    )
    Lesson.objects.bulk_create(Lesson(timetable=timetable, **lesson) for lesson in lessons)
    return timetable
