"""Deadline arithmetic, in one place (Asia/Ho_Chi_Minh dates).

Items have a statutory deadline counted in calendar days from their trigger date (the plan:
news 3 days after the event, documents 2 days after signing, research and lesson plans 14 days
after approval). Review steps are counted in working days (the school's weekdays minus its
holidays).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NO_DEADLINE = "none"
ON_TIME = "on_time"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
PUBLISHED_ON_TIME = "published_on_time"
PUBLISHED_LATE = "published_late"
STATE_LABELS = {
    NO_DEADLINE: _("No deadline"),
    ON_TIME: _("On time"),
    DUE_SOON: _("Due soon"),
    OVERDUE: _("Overdue"),
    PUBLISHED_ON_TIME: _("Published on time"),
    PUBLISHED_LATE: _("Published late"),
}


def policy_for(school):
    from workflows.models import EditorialPolicy

    policy = getattr(school, "_editorial_policy_cache", None)
    if policy is None:
        policy, _created = EditorialPolicy.objects.get_or_create(school=school)
        school._editorial_policy_cache = policy
    return policy


def is_working_day(day: datetime.date, policy) -> bool:
    return day.weekday() in policy.weekdays and day not in policy.holiday_dates


def add_working_days(start: datetime.datetime, days: int, policy) -> datetime.datetime:
    """``start`` moved on by ``days`` working days, keeping its local time of day. A step
    started on a day off counts from the next working day."""
    local = timezone.localtime(start)
    if not policy.weekdays:
        return local + datetime.timedelta(days=days)
    day = local.date()
    remaining = days
    while remaining > 0 or not is_working_day(day, policy):
        day += datetime.timedelta(days=1)
        if is_working_day(day, policy):
            remaining -= 1
    return local.replace(year=day.year, month=day.month, day=day.day)


def step_due_at(*, school, start: datetime.datetime | None = None) -> datetime.datetime:
    policy = policy_for(school)
    return add_working_days(start or timezone.now(), policy.review_step_days, policy)


@dataclass(frozen=True)
class Deadline:
    trigger: datetime.date | None
    due: datetime.date | None
    published: datetime.date | None
    state: str

    @property
    def label(self):
        return STATE_LABELS[self.state]

    @property
    def is_late(self) -> bool:
        return self.state in (OVERDUE, PUBLISHED_LATE)


def deadline_state(
    *,
    due: datetime.date | None,
    published: datetime.date | None,
    today: datetime.date,
    due_soon_days: int,
) -> str:
    if due is None:
        return NO_DEADLINE
    if published is not None:
        return PUBLISHED_ON_TIME if published <= due else PUBLISHED_LATE
    if today > due:
        return OVERDUE
    if (due - today).days <= due_soon_days:
        return DUE_SOON
    return ON_TIME


def _local_date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def trigger_and_days(item, policy, *, submitted_at=None) -> tuple[datetime.date | None, int]:
    """The item's trigger date and the number of days the policy allows after it."""
    from news.models import ArticlePage
    from official_docs.models import OfficialDocument
    from resources.models import Resource

    if isinstance(item, ArticlePage):
        trigger = item.event_end or item.event_start or submitted_at
        return _local_date(trigger), policy.news_days
    if isinstance(item, OfficialDocument):
        return item.issued_on, policy.document_days
    if isinstance(item, Resource):
        return item.approved_on, policy.research_days
    return None, 0


def deadline_for(
    item, *, school, published=None, submitted_at=None, today: datetime.date | None = None
) -> Deadline:
    """The deadline of ``item`` (an article page, an official document or a resource)."""
    policy = policy_for(school)
    trigger, days = trigger_and_days(item, policy, submitted_at=submitted_at)
    due = trigger + datetime.timedelta(days=days) if trigger else None
    if published is None:
        published = getattr(item, "first_published_at", None) or getattr(item, "published_at", None)
    published_date = _local_date(published)
    state = deadline_state(
        due=due,
        published=published_date,
        today=today or timezone.localdate(),
        due_soon_days=policy.due_soon_days,
    )
    return Deadline(trigger=trigger, due=due, published=published_date, state=state)
