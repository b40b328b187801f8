"""Reads for the events calendar: a school's events by month, upcoming, and for the iCal feed.

An event is an ``ArticlePage`` with ``event_start`` set that the public may see: live, without
view restrictions, not past its expiry time, below the school's home page. Every function costs
a fixed number of queries whatever the number of events.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from wagtail.models import Page

from .models import ArticlePage

MIN_YEAR, MAX_YEAR = 1900, 2999  # outside this range a month URL is a 404
ICAL_PAST_DAYS = 366  # the feed carries a year of past events and every future one
ICAL_MAX_EVENTS = 500


def school_events(root: Page) -> QuerySet[ArticlePage]:
    """Every public event of the school whose home page is ``root``, soonest first."""
    now = timezone.now()
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(root)
        .filter(event_start__isnull=False)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .order_by("event_start", "pk")
    )


def events_between(root: Page, start: datetime.datetime, end: datetime.datetime) -> list:
    """Events that overlap ``[start, end)`` (an event without an end lasts an instant)."""
    return list(
        school_events(root).filter(
            Q(event_start__lt=end),
            Q(event_end__gte=start) | Q(event_end__isnull=True, event_start__gte=start),
        )
    )


def upcoming_events(root: Page) -> QuerySet[ArticlePage]:
    """Events not over yet: still running or starting later."""
    now = timezone.now()
    return school_events(root).filter(
        Q(event_end__gte=now) | Q(event_end__isnull=True, event_start__gte=now)
    )


def feed_events(root: Page) -> list:
    """Events for the iCal feed: the past year and everything after it."""
    since = timezone.now() - datetime.timedelta(days=ICAL_PAST_DAYS)
    return list(
        school_events(root).filter(
            Q(event_end__gte=since) | Q(event_end__isnull=True, event_start__gte=since)
        )[:ICAL_MAX_EVENTS]
    )


# ---- The month grid ------------------------------------------------------------------------


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)


@dataclass
class MonthCalendar:
    """A month as weeks of days (Monday first), each day with the events happening on it."""

    first: datetime.date
    weeks: list[list[Day]]

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=32)).replace(day=1)

    @property
    def days_with_events(self) -> list[Day]:
        return [day for week in self.weeks for day in week if day.in_month and day.events]


def first_of_month(year: int, month: int) -> datetime.date:
    """The month's first day; 404 for a month that does not exist or is out of range."""
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise Http404
    return datetime.date(year, month, 1)


def month_calendar(root: Page, first: datetime.date) -> MonthCalendar:
    """The weeks shown for ``first``'s month (with the neighbouring days that complete them),
    with the school's events placed on every local day they cover."""
    dates = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    today = timezone.localdate()
    days = {
        date: Day(date=date, in_month=date.month == first.month, is_today=date == today)
        for week in dates
        for date in week
    }
    start = _local_midnight(dates[0][0])
    end = _local_midnight(dates[-1][-1] + datetime.timedelta(days=1))
    for event in events_between(root, start, end):
        day, last = event_days(event)
        day, last = max(day, dates[0][0]), min(last, dates[-1][-1])
        while day <= last:
            days[day].events.append(event)
            day += datetime.timedelta(days=1)
    return MonthCalendar(first=first, weeks=[[days[date] for date in week] for week in dates])


def event_days(event) -> tuple[datetime.date, datetime.date]:
    """First and last local day of an event; an end at midnight does not count that day."""
    first = timezone.localtime(event.event_start).date()
    if not event.event_end or event.event_end <= event.event_start:
        return first, first
    end = timezone.localtime(event.event_end)
    last = end.date()
    if end.time() == datetime.time(0, 0) and last > first:
        last -= datetime.timedelta(days=1)
    return first, last


def _local_midnight(date: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(0, 0)))
