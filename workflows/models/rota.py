"""The news rota (plan III.2): the tổ chuyên môn take turns writing news, week by week, by theme."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RotaEntryQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)


class RotaEntry(models.Model):
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="rota_entries",
        verbose_name=_("school"),
    )
    week_start = models.DateField(_("week starting (Monday)"))
    team = models.ForeignKey(
        "sections.SectionPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("team (tổ)"),
    )
    theme = models.CharField(_("theme"), max_length=255)
    notes = models.TextField(_("notes"), blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    objects = RotaEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("news rota entry")
        verbose_name_plural = _("news rota")
        ordering = ["week_start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "week_start", "team"], name="one_rota_entry_per_team_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.week_start:%d/%m/%Y} – {self.team}: {self.theme}"
