"""Factories for the work calendar.

``WorkWeekFactory(school=school, week_start=monday)`` makes a draft week; ``WorkEntryFactory(
week=week, date=...)`` adds a row; ``grant_calendar(user)`` gives a user the model permissions
(the roles of ``schools.plan`` do not include them yet).
"""

from __future__ import annotations

import factory
from django.contrib.auth.models import Permission

from .models import WorkEntry, WorkWeek


class WorkWeekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkWeek

    school = None  # required
    week_start = None  # required: a Monday


class WorkEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkEntry

    week = None  # required
    date = factory.LazyAttribute(lambda e: e.week.week_start)
    session = WorkEntry.MORNING
    content = factory.Sequence(lambda n: f"Họp giao ban số {n + 1}")
    place = "Phòng họp Hội đồng"
    chair = "Hiệu trưởng"
    participants = "Ban giám hiệu, tổ trưởng"
    sort_order = factory.Sequence(lambda n: n)


def grant_calendar(user) -> None:
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="schedules",
            codename__in=["add_workweek", "change_workweek", "delete_workweek"],
        )
    )
