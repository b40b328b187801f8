"""Reads for the public timetable pages: the version in force, its classes and teachers, a week.

Only the school's published versions are read. Each page costs a fixed number of queries: one
for the version in force, one for its lessons.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import vntext

from .models import PERIODS, SESSIONS, WEEKDAYS, Timetable


@dataclass(frozen=True)
class Week:
    """A week grid: ``days`` is [(weekday, label, [(session_label, period, lesson|None), ...])]."""

    days: list
    is_empty: bool


def timetable_in_force(*, school, on: datetime.date) -> Timetable | None:
    return Timetable.objects.for_school(school).in_force(on).first()


def lessons_of(timetable: Timetable | None) -> list:
    if timetable is None:
        return []
    return list(timetable.lessons.all())


def class_names(lessons) -> list[str]:
    return sorted({lesson.class_name for lesson in lessons}, key=vntext.sort_key)


def teacher_names(lessons) -> list[str]:
    return sorted({lesson.teacher for lesson in lessons}, key=vntext.person_sort_key)


def week(lessons, *, class_name: str = "", teacher: str = "") -> Week:
    """The grid of one class or one teacher (a teacher may teach two classes in one slot)."""
    chosen = [
        lesson
        for lesson in lessons
        if (class_name and lesson.class_name == class_name)
        or (teacher and lesson.teacher == teacher)
    ]
    slots: dict[tuple, list] = {}
    for lesson in chosen:
        slots.setdefault((lesson.weekday, lesson.session, lesson.period), []).append(lesson)
    days = [
        (
            weekday,
            label,
            [
                (session, session_label, period, slots.get((weekday, session, period), []))
                for session, session_label in SESSIONS
                for period in PERIODS
            ],
        )
        for weekday, label in WEEKDAYS
    ]
    return Week(days=days, is_empty=not chosen)


def weekday_of(date: datetime.date) -> int:
    """2 (Monday) .. 7 (Saturday); Sunday shows Monday."""
    return date.isoweekday() + 1 if date.isoweekday() < 7 else 2
