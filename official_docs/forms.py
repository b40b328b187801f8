"""The admin form of official documents: files checked by content, one school throughout."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from schools.scoping import SchoolScopedAdminForm
from schools.selectors import page_in_school, pages_for_user, schools_for_user
from uploads.checks import DOCUMENT_KINDS
from uploads.forms import CheckedFilesFormMixin


class OfficialDocumentForm(CheckedFilesFormMixin, SchoolScopedAdminForm):
    checked_formsets = {"files": DOCUMENT_KINDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        from sections.models import SectionPage

        from .models import DocumentType, OfficialDocument

        schools = schools_for_user(self.for_user)
        if "document_type" in self.fields:
            self.fields["document_type"].queryset = DocumentType.objects.filter(school__in=schools)
        if "unit" in self.fields:
            self.fields["unit"].queryset = pages_for_user(self.for_user, SectionPage.objects.all())
        targets = OfficialDocument.objects.filter(school__in=schools)
        relations = self.formsets.get("relations")
        if relations is not None:
            for form in [*relations.forms, relations.empty_form]:
                form.fields["target"].queryset = targets

    def clean(self):
        cleaned = super().clean()
        school = cleaned.get("school") or getattr(self.instance, "school", None)
        if school is None:
            return cleaned
        self._check_same_school(cleaned, school)
        number, issued_on = cleaned.get("number"), cleaned.get("issued_on")
        if number and issued_on:
            from .models import OfficialDocument

            duplicate = OfficialDocument.objects.filter(
                school=school,
                number_key=OfficialDocument.make_number_key(number),
                issued_on=issued_on,
            ).exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error(
                    "number", _("Your school already has a document with this number and date.")
                )
        return cleaned

    def _check_same_school(self, cleaned, school) -> None:
        doc_type = cleaned.get("document_type")
        if doc_type is not None and doc_type.school_id != school.pk:
            self.add_error("document_type", _("Choose a document type of your school."))
        unit = cleaned.get("unit")
        if unit is not None and not page_in_school(unit, school):
            self.add_error("unit", _("Choose a unit of your school."))

    def save(self, commit=True):
        document = super().save(commit=False)
        if document.is_public and document.published_at is None:
            document.published_at = timezone.now()
        if commit:
            document.save()
            self.save_m2m()
        return document
