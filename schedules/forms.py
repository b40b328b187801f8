"""The admin form of a work week (a Monday, and every entry dated within that week) and the
public form to receive the calendar by e-mail."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schools.scoping import SchoolScopedAdminForm

from .models import in_week
from .services import normalize_email


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


class SubscribeForm(forms.Form):
    """The public form "receive the work calendar by e-mail". ``website`` is a honeypot: people
    never see it (hidden from sight and from screen readers), robots fill it in."""

    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Please enter your e-mail address."),
            "invalid": gettext_lazy("This is not a valid e-mail address, e.g. ten@truong.edu.vn."),
            "max_length": gettext_lazy("This e-mail address is too long."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "ten@vi-du.vn"}),
    )
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])

    def full_clean(self):
        super().full_clean()
        if "email" in self.errors:  # the error paragraph of includes/subscribe_form.html
            self.fields["email"].widget.attrs["aria-describedby"] = "subscribe-email-error"
