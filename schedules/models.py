"""The weekly work calendar ("Lịch công tác") of a school.

A ``WorkWeek`` (one per school and Monday) holds its ``WorkEntry`` rows, edited in the admin as
one table. Publishing (``services.publish_week``) freezes the entries into ``published_entries``;
the public side reads only that snapshot, so later edits stay private until published again, and
each republication of a changed week adds a ``WorkWeekChange`` to the week's visible history.
``CalendarSubscriber`` rows are the people who asked (and confirmed, double opt-in) to be e-mailed
when a week is published or changed; their addresses are personal data, shown only in the admin.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

DAYS_IN_WEEK = 7


def week_end(week_start: datetime.date) -> datetime.date:
    """The Sunday of the week that starts on ``week_start``."""
    return week_start + datetime.timedelta(days=DAYS_IN_WEEK - 1)


def in_week(week_start: datetime.date, day: datetime.date) -> bool:
    return week_start <= day <= week_end(week_start)


class WorkWeekQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)

    def published(self):
        return self.filter(is_published=True, published_at__isnull=False)


class WorkWeek(ClusterableModel):
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="work_weeks",
        verbose_name=_("school"),
    )
    week_start = models.DateField(_("week starting (Monday)"))
    is_published = models.BooleanField(_("published"), default=False, editable=False)
    published_at = models.DateTimeField(
        _("last published at"), null=True, blank=True, editable=False
    )
    published_entries = models.JSONField(default=list, blank=True, editable=False)
    notice_sent_at = models.DateTimeField(
        _("subscribers notified at"), null=True, blank=True, editable=False
    )

    objects = WorkWeekQuerySet.as_manager()

    panels = [
        FieldPanel("school"),
        FieldPanel("week_start"),
        InlinePanel("entries", heading=_("The week's work"), label=_("work item")),
    ]

    class Meta:
        verbose_name = _("work week")
        verbose_name_plural = _("work calendar")
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "week_start"], name="unique_work_week_per_school"
            )
        ]

    def __str__(self) -> str:
        return _("Week of %(start)s – %(end)s") % {
            "start": self.week_start.strftime("%d/%m/%Y"),
            "end": week_end(self.week_start).strftime("%d/%m/%Y"),
        }

    @property
    def has_unpublished_changes(self) -> bool:
        """Published, and its entries now differ from what readers see (``published_entries``).
        Uses prefetched ``entries`` when there are."""
        from .snapshot import differs, snapshot_entries

        if not self.is_published:
            return False
        return differs(self.published_entries, snapshot_entries(self.entries.all()))

    def clean(self):
        super().clean()
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError({"week_start": _("A work week starts on a Monday.")})


class WorkEntry(Orderable):
    MORNING, AFTERNOON, EVENING = "sang", "chieu", "toi"
    SESSIONS = [
        (MORNING, _("Morning")),
        (AFTERNOON, _("Afternoon")),
        (EVENING, _("Evening")),
    ]

    week = ParentalKey(
        WorkWeek, on_delete=models.CASCADE, related_name="entries", verbose_name=_("week")
    )
    date = models.DateField(_("date"))
    session = models.CharField(_("session"), max_length=10, choices=SESSIONS, default=MORNING)
    time = models.TimeField(_("time"), null=True, blank=True)
    content = models.TextField(_("content"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    chair = models.CharField(_("chaired by"), max_length=255, blank=True)
    participants = models.CharField(_("participants"), max_length=500, blank=True)
    preparation = models.CharField(_("preparation"), max_length=500, blank=True)
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("session"), FieldPanel("time")]),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("place"), FieldPanel("chair")]),
        FieldRowPanel([FieldPanel("participants"), FieldPanel("preparation")]),
        FieldPanel("notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("work item")
        verbose_name_plural = _("work items")

    def __str__(self) -> str:
        return self.content[:80]

    def clean(self):
        super().clean()
        week = getattr(self, "week", None)
        known = week is not None and week.week_start and self.date
        if known and not in_week(week.week_start, self.date):
            raise ValidationError({"date": _("This date is not in the week.")})


class WorkWeekChange(models.Model):
    """One republication of a week whose entries had changed since it was last published."""

    week = models.ForeignKey(
        WorkWeek, on_delete=models.CASCADE, related_name="changes", verbose_name=_("week")
    )
    changed_at = models.DateTimeField(_("changed at"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    summary = models.TextField(_("what changed"))
    notice_sent_at = models.DateTimeField(
        _("subscribers notified at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("change of a work week")
        verbose_name_plural = _("changes of work weeks")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return self.summary[:80]


def new_subscriber_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarSubscriberQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)

    def active(self):
        """Confirmed and not unsubscribed: the people who receive the notices."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class CalendarSubscriber(models.Model):
    """An e-mail address that receives the school's work calendar (double opt-in).

    The address is personal data: it is never put on a public page, feed or JSON, and the
    admin only lists and deletes rows (they are created through the public form only). The
    ``token`` (random, unguessable) signs the confirmation and unsubscribe links.
    """

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="calendar_subscribers",
        verbose_name=_("school"),
    )
    email = models.EmailField(_("e-mail address"), max_length=254)
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_subscriber_token, editable=False
    )
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(
        _("confirmation sent at"), null=True, blank=True, editable=False
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    objects = CalendarSubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar subscriber")
        verbose_name_plural = _("calendar subscribers")
        ordering = ["-created_at", "-pk"]
        # Created by the public form only: the admin may list and delete, never add or edit.
        default_permissions = ("view", "delete")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "email"], name="unique_calendar_subscriber_per_school"
            )
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @property
    def is_waiting(self) -> bool:
        """Subscribed, not confirmed yet."""
        return self.confirmed_at is None and self.unsubscribed_at is None

    def state(self) -> str:
        if self.unsubscribed_at is not None:
            return str(_("Unsubscribed"))
        if self.confirmed_at is None:
            return str(_("Waiting for confirmation"))
        return str(_("Receiving e-mails"))

    state.short_description = _("Subscription state")
