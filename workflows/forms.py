"""Admin forms of the editorial workflow."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.scoping import SchoolScopedAdminForm

from .models.policy import WEEKDAY_CHOICES


class EditorialPolicyForm(SchoolScopedAdminForm):
    """Working days as checkboxes; the short workflow offers only the school's own sections."""

    working_weekdays = forms.MultipleChoiceField(
        label=_("working days"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Review steps count only these days."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["working_weekdays"] = [
            d for d in str(self.instance.working_weekdays).split(",") if d
        ]
        sections = self.fields.get("head_only_sections")
        if sections is not None:
            from sections.models import SectionPage

            school = self.instance.school if self.instance.school_id else None
            sections.queryset = (
                SectionPage.objects.descendant_of(school.site.root_page).order_by("path")
                if school
                else SectionPage.objects.none()
            )
            sections.widget = forms.CheckboxSelectMultiple(choices=sections.choices)

    def clean_working_weekdays(self):
        return ",".join(sorted(self.cleaned_data.get("working_weekdays") or []))
