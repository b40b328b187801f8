"""The filter form of the public list (``/van-ban/?q=…&nhom=…``): a value that does not
validate is ignored, never an error page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OfficialDocument
from .selectors import EXPIRED, IN_FORCE, MAX_QUERY_LENGTH, DocumentFilters

ANY = [("", _("All"))]
STATUSES = [(IN_FORCE, _("In force")), (EXPIRED, _("No longer in force"))]


class DocumentFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Number or summary"),
        required=False,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    nhom = forms.ChoiceField(
        label=_("Issued by"), required=False, choices=ANY + OfficialDocument.ISSUER_GROUPS
    )
    loai = forms.TypedChoiceField(label=_("Type"), required=False, coerce=int, empty_value=None)
    nam = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    linh_vuc = forms.ChoiceField(label=_("Field"), required=False)
    hieu_luc = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + STATUSES)
    don_vi = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data, *, types, years, fields):
        super().__init__(data)
        self.fields["loai"].choices = ANY + [(t.pk, t.name) for t in types]
        self.fields["nam"].choices = ANY + [(y, str(y)) for y in years]
        self.fields["linh_vuc"].choices = ANY + [(f, f) for f in fields]

    def filters(self) -> DocumentFilters:
        """The valid values only; the rest are dropped."""
        self.is_valid()
        data = self.cleaned_data
        return DocumentFilters(
            q=(data.get("q") or "")[:MAX_QUERY_LENGTH],
            issuer_group=data.get("nhom") or "",
            type_id=data.get("loai"),
            year=data.get("nam"),
            field=data.get("linh_vuc") or "",
            status=data.get("hieu_luc") or "",
            unit_id=data.get("don_vi"),
        )
