"""The weekly work calendar ("Lịch công tác") of a school.

A ``WorkWeek`` (one per school and Monday) holds its ``WorkEntry`` rows, edited in the admin as
one table. Publishing (``services.publish_week``) freezes the entries into ``published_entries``;
the public side reads only that snapshot, so later edits stay private until published again, and
each republication of a changed week adds a ``WorkWeekChange`` to the week's visible history.
"""

from __future__ import annotations

import datetime

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

    class Meta:
        verbose_name = _("change of a work week")
        verbose_name_plural = _("changes of work weeks")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return self.summary[:80]
