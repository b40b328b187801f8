"""A school's timetable versions and their lessons.

The version in force on a date is the latest *published* one whose ``effective_from`` is on or
before that date (``selectors.timetable_in_force``). Versions are created by the Excel import
(``importing.py`` + ``services.create_timetable``); the admin only edits their heading fields.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

WEEKDAYS = [
    (2, _("Monday")),
    (3, _("Tuesday")),
    (4, _("Wednesday")),
    (5, _("Thursday")),
    (6, _("Friday")),
    (7, _("Saturday")),
]
MORNING, AFTERNOON = "sang", "chieu"
SESSIONS = [(MORNING, _("Morning")), (AFTERNOON, _("Afternoon"))]
PERIODS = range(1, 6)


class TimetableQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)

    def published(self):
        return self.filter(is_published=True)

    def in_force(self, on):
        """Published versions that have taken effect on ``on``, the one in force first."""
        return (
            self.published()
            .filter(effective_from__lte=on)
            .order_by("-effective_from", "-created_at", "-pk")
        )


class Timetable(models.Model):
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="timetables",
        verbose_name=_("school"),
    )
    name = models.CharField(_("name"), max_length=255, help_text=_("For example “TKB học kỳ I”."))
    effective_from = models.DateField(_("effective from"))
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TimetableQuerySet.as_manager()
    panels = [
        FieldPanel("school"),
        FieldPanel("name"),
        FieldPanel("effective_from"),
        FieldPanel("is_published"),
    ]

    class Meta:
        verbose_name = _("timetable")
        verbose_name_plural = _("timetables")
        ordering = ["-effective_from", "-created_at"]

    def __str__(self) -> str:
        return self.name


class Lesson(models.Model):
    timetable = models.ForeignKey(
        Timetable, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("timetable")
    )
    class_name = models.CharField(_("class"), max_length=20)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    session = models.CharField(_("session"), max_length=10, choices=SESSIONS)
    period = models.PositiveSmallIntegerField(_("period"))
    subject = models.CharField(_("subject"), max_length=100)
    teacher = models.CharField(_("teacher"), max_length=100)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["weekday", "session", "period", "class_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["timetable", "class_name", "weekday", "session", "period"],
                name="unique_lesson_slot_per_class",
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__gte=2, weekday__lte=7), name="lesson_weekday_2_to_7"
            ),
            models.CheckConstraint(
                condition=models.Q(period__gte=1, period__lte=5), name="lesson_period_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.class_name} {self.get_weekday_display()} {self.period}: {self.subject}"
