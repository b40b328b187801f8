"""The admin form of resources: files checked by content; kind and team of the same school."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from schools.scoping import SchoolScopedAdminForm
from schools.selectors import page_in_school, pages_for_user, schools_for_user
from uploads.checks import RESOURCE_KINDS
from uploads.forms import CheckedFilesFormMixin


class ResourceForm(CheckedFilesFormMixin, SchoolScopedAdminForm):
    checked_fields = {"answer_key": RESOURCE_KINDS}
    checked_formsets = {"files": RESOURCE_KINDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        from sections.models import SectionPage

        from .models import ResourceKind

        if "kind" in self.fields:
            self.fields["kind"].queryset = ResourceKind.objects.filter(
                school__in=schools_for_user(self.for_user)
            )
        if "team" in self.fields:
            self.fields["team"].queryset = pages_for_user(self.for_user, SectionPage.objects.all())

    def clean(self):
        cleaned = super().clean()
        school = cleaned.get("school") or getattr(self.instance, "school", None)
        if school is None:
            return cleaned
        kind = cleaned.get("kind")
        if kind is not None and kind.school_id != school.pk:
            self.add_error("kind", _("Choose a kind of your school."))
        grade = cleaned.get("grade")
        if grade is not None and grade not in school.grade_list:
            self.add_error(
                "grade",
                _("Your school teaches grades %(grades)s.")
                % {"grades": ", ".join(map(str, school.grade_list))},
            )
        team = cleaned.get("team")
        if team is not None and not page_in_school(team, school):
            self.add_error("team", _("Choose a subject team of your school."))
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        if valid and self.instance.answer_key and "answer_key" in self.changed_data:
            from uploads.checks import sniff

            self.instance.answer_key.open("rb")
            self.instance.answer_key_kind = sniff(self.instance.answer_key.read())
            self.instance.answer_key.seek(0)
        return valid

    def save(self, commit=True):
        resource = super().save(commit=False)
        if not resource.is_staff_only and resource.published_at is None:
            resource.published_at = timezone.now()
        if commit:
            resource.save()
            self.save_m2m()
        return resource
