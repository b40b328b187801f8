"""Reads for the public work calendar. Everything starts from the school and shows only
published weeks, read from their published snapshot (never the draft entries).
Each function costs a fixed number of queries whatever the number of entries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from schools.models import School

from .models import CalendarSubscriber, WorkEntry, WorkWeek, WorkWeekChange

WEEK = datetime.timedelta(days=7)
WORKING_DAYS = 6  # Monday to Saturday are always shown; Sunday only when it has entries
FEED_WEEKS_BACK = 8


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def this_monday() -> datetime.date:
    return monday_of(timezone.localdate())


@dataclass(frozen=True)
class Entry:
    id: int
    date: datetime.date
    session: str
    session_label: str
    time: datetime.time | None
    content: str
    place: str
    chair: str
    participants: str
    preparation: str
    notes: str
    changed: bool


@dataclass
class Session:
    code: str
    label: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Day:
    date: datetime.date
    is_today: bool
    sessions: list[Session]

    @property
    def entries(self) -> list[Entry]:
        return [entry for session in self.sessions for entry in session.entries]


@dataclass
class WeekCalendar:
    week_start: datetime.date
    week: WorkWeek | None
    days: list[Day]
    changes: list[WorkWeekChange]

    @property
    def week_end(self) -> datetime.date:
        return self.week_start + WEEK - datetime.timedelta(days=1)

    @property
    def previous(self) -> datetime.date:
        return self.week_start - WEEK

    @property
    def next(self) -> datetime.date:
        return self.week_start + WEEK

    @property
    def is_current(self) -> bool:
        return self.week_start == this_monday()

    @property
    def has_entries(self) -> bool:
        return any(day.entries for day in self.days)


def _entries(snapshot: list[dict]) -> list[Entry]:
    labels = dict(WorkEntry.SESSIONS)
    return [
        Entry(
            id=row["id"],
            date=datetime.date.fromisoformat(row["date"]),
            session=row["session"],
            session_label=str(labels.get(row["session"], row["session"])),
            time=datetime.time.fromisoformat(row["time"]) if row.get("time") else None,
            content=row["content"],
            place=row.get("place", ""),
            chair=row.get("chair", ""),
            participants=row.get("participants", ""),
            preparation=row.get("preparation", ""),
            notes=row.get("notes", ""),
            changed=bool(row.get("changed")),
        )
        for row in snapshot
    ]


def published_week(*, school: School, week_start: datetime.date) -> WorkWeek | None:
    return WorkWeek.objects.for_school(school).published().filter(week_start=week_start).first()


def week_calendar(*, school: School, week_start: datetime.date) -> WeekCalendar:
    """The published week of ``school`` starting on ``week_start`` (a Monday), by day and
    session, with its change history, newest first. Two queries."""
    week = published_week(school=school, week_start=week_start)
    changes = list(week.changes.all()) if week else []
    return _calendar(week_start, week, changes)


def published_calendar(week: WorkWeek) -> WeekCalendar:
    """``week``'s published entries by day and session, without the history (no query)."""
    return _calendar(week.week_start, week, [])


def _calendar(
    week_start: datetime.date, week: WorkWeek | None, changes: list[WorkWeekChange]
) -> WeekCalendar:
    entries = _entries(week.published_entries) if week else []
    today = timezone.localdate()
    days = []
    for offset in range(7):
        date = week_start + datetime.timedelta(days=offset)
        of_day = [entry for entry in entries if entry.date == date]
        if offset >= WORKING_DAYS and not of_day:
            continue
        sessions = [
            Session(code, str(label), [e for e in of_day if e.session == code])
            for code, label in WorkEntry.SESSIONS
        ]
        days.append(Day(date=date, is_today=date == today, sessions=sessions))
    return WeekCalendar(week_start=week_start, week=week, days=days, changes=changes)


def upcoming_this_week(*, school: School) -> list[Entry]:
    """Today's and the coming days' entries of this week's published calendar. One query."""
    today = timezone.localdate()
    week = published_week(school=school, week_start=monday_of(today))
    if week is None:
        return []
    return [entry for entry in _entries(week.published_entries) if entry.date >= today]


def feed_entries(*, school: School) -> list[tuple[WorkWeek, Entry]]:
    """The published entries of the school's weeks from ``FEED_WEEKS_BACK`` weeks ago on,
    with their week. One query."""
    since = this_monday() - FEED_WEEKS_BACK * WEEK
    weeks = WorkWeek.objects.for_school(school).published().filter(week_start__gte=since)
    return [
        (week, entry)
        for week in weeks.order_by("week_start")
        for entry in _entries(week.published_entries)
    ]


def subscriber_by_token(*, school: School, token: str) -> CalendarSubscriber | None:
    """The school's subscriber holding ``token``; ``None`` also for another school's token."""
    if not token:
        return None
    return CalendarSubscriber.objects.for_school(school).filter(token=token).first()
