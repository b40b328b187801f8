"""The admin form of links: categories of the link's own school only."""

from __future__ import annotations

from django.utils.translation import gettext as _

from schools.scoping import SchoolScopedAdminForm
from schools.selectors import schools_for_user


class LinkForm(SchoolScopedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None or "category" not in self.fields:
            return
        from .models import LinkCategory

        self.fields["category"].queryset = LinkCategory.objects.filter(
            school__in=schools_for_user(self.for_user)
        )

    def clean(self):
        cleaned = super().clean()
        school = cleaned.get("school") or getattr(self.instance, "school", None)
        category = cleaned.get("category")
        if school is not None and category is not None and category.school_id != school.pk:
            self.add_error("category", _("Choose a category of your school."))
        return cleaned
