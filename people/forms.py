"""The admin form of staff members: units and user account of the member's school only."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from schools.scoping import SchoolScopedAdminForm
from schools.selectors import pages_for_user, schools_for_user


class StaffMemberForm(SchoolScopedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        from sections.models import SectionPage

        if "units" in self.fields:
            self.fields["units"].queryset = pages_for_user(
                self.for_user, SectionPage.objects.order_by("path")
            )
        if "user" in self.fields:
            schools = schools_for_user(self.for_user)
            self.fields["user"].queryset = (
                get_user_model()
                .objects.filter(groups__school_role__school__in=schools)
                .distinct()
                .order_by("username")
            )

    def clean(self):
        cleaned = super().clean()
        school = cleaned.get("school") or getattr(self.instance, "school", None)
        if school is None:
            return cleaned
        from sections.models import SectionPage

        units = cleaned.get("units")
        if units:
            inside = SectionPage.objects.descendant_of(school.site.root_page)
            if units.exclude(pk__in=inside.values("pk")).exists():
                self.add_error("units", _("Choose units of your school."))
        user = cleaned.get("user")
        if user is not None and not school.staff_users().filter(pk=user.pk).exists():
            self.add_error("user", _("Choose a user account of your school."))
        return cleaned
