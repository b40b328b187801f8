"""The filter form of the public list (``/tu-lieu/?q=…&loai=…&lop=…``): a value that does not
validate is ignored, never an error page. The controls themselves are drawn from the facets
(``selectors.list_facets``), so they show only values in use, each with its count."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import MAX_QUERY_LENGTH, ResourceFilters

MAX_ID = 2**31 - 1  # larger ids exist nowhere and overflow SQLite's integers


class ResourceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Title, author or description"),
        required=False,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    loai = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    mon = forms.CharField(required=False, max_length=100)
    lop = forms.IntegerField(required=False, min_value=1, max_value=12)
    to = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    nam_hoc = forms.CharField(required=False, max_length=9)

    def filters(self) -> ResourceFilters:
        """The valid values only; the rest are dropped."""
        self.is_valid()
        data = self.cleaned_data
        return ResourceFilters(
            q=(data.get("q") or "")[:MAX_QUERY_LENGTH],
            kind_id=data.get("loai"),
            subject=data.get("mon") or "",
            grade=data.get("lop"),
            team_id=data.get("to"),
            school_year=data.get("nam_hoc") or "",
        )
