"""A school's editorial policy: deadlines, working days, who publishes after sign-off."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

WEEKDAY_CHOICES = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


def parse_holidays(text: str) -> list[datetime.date]:
    """One date per line, ``dd/mm/yyyy`` or ``yyyy-mm-dd``; ``#`` starts a comment.
    Raises ValidationError naming the first bad line."""
    dates = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                dates.append(datetime.datetime.strptime(line, fmt).date())  # noqa: DTZ007 (a date)
                break
            except ValueError:
                continue
        else:
            raise ValidationError(
                _("Line %(number)s is not a date (dd/mm/yyyy): %(line)s")
                % {"number": number, "line": line}
            )
    return dates


def _days(default: int, label):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MinValueValidator(0), MaxValueValidator(365)]
    )


class EditorialPolicy(ClusterableModel):
    """One per school (created with the school); the plan's deadlines are the defaults."""

    PUBLISHED_BY_HEAD = "head"
    PUBLISHED_BY_TECHNICAL = "technical"
    PUBLISHER_CHOICES = [
        (PUBLISHED_BY_HEAD, _("The head's sign-off publishes it")),
        (PUBLISHED_BY_TECHNICAL, _("The technical group publishes it after sign-off")),
    ]

    school = models.OneToOneField(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="editorial_policy",
        verbose_name=_("school"),
    )
    news_days = _days(3, _("news and activities: days after the event"))
    document_days = _days(2, _("documents, plans and calendars: days after signing"))
    research_days = _days(14, _("research, lesson plans and tests: days after approval"))
    review_step_days = _days(1, _("each review step: working days"))
    due_soon_days = _days(1, _("warn this many days before a deadline"))
    working_weekdays = models.CharField(
        _("working days"),
        max_length=20,
        default="0,1,2,3,4",
        help_text=_("Review steps count only these days."),
    )
    holidays = models.TextField(
        _("holidays"),
        blank=True,
        help_text=_("One date per line (dd/mm/yyyy); review steps skip them."),
    )
    publisher = models.CharField(
        _("after the head signs off"),
        max_length=20,
        choices=PUBLISHER_CHOICES,
        default=PUBLISHED_BY_HEAD,
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )  # fmt: skip
    short_workflow = models.ForeignKey(
        "wagtailcore.Workflow", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )  # fmt: skip
    head_only_sections = ParentalManyToManyField(
        "sections.SectionPage",
        blank=True,
        related_name="+",
        verbose_name=_("sections signed off by the head alone"),
        help_text=_("A shorter workflow for these sections, e.g. the announcements of the board."),
    )

    class Meta:
        verbose_name = _("editorial policy")
        verbose_name_plural = _("editorial policies")

    def __str__(self) -> str:
        return str(self.school)

    def clean(self):
        super().clean()
        parse_holidays(self.holidays)

    @property
    def weekdays(self) -> frozenset[int]:
        return frozenset(int(d) for d in self.working_weekdays.split(",") if d.strip().isdigit())

    @property
    def holiday_dates(self) -> frozenset[datetime.date]:
        try:
            return frozenset(parse_holidays(self.holidays))
        except ValidationError:
            return frozenset()
