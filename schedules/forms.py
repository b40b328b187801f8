"""The admin form of a work week: a Monday, and every entry dated within that week."""

from __future__ import annotations

from django.utils.translation import gettext as _

from schools.scoping import SchoolScopedAdminForm

from .models import in_week


class WorkWeekForm(SchoolScopedAdminForm):
    def is_valid(self):
        valid = super().is_valid()
        week_start = self.cleaned_data.get("week_start") if hasattr(self, "cleaned_data") else None
        if not valid or week_start is None:
            return valid
        formset = self.formsets["entries"]
        for form in formset.forms:
            if form in formset.deleted_forms or (not form.has_changed() and not form.instance.pk):
                continue
            date = form.cleaned_data.get("date")
            if date and not in_week(week_start, date):
                form.add_error("date", _("This date is not in the week."))
                valid = False
        return valid
