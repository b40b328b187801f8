"""Admin view: import official documents from a spreadsheet and a zip of files."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from schools.selectors import schools_for_user

from .importing import COLUMNS, check_import, import_documents


class ImportForm(forms.Form):
    school = forms.ModelChoiceField(label=gettext_lazy("School"), queryset=None)
    spreadsheet = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    files = forms.FileField(
        label=gettext_lazy("Files (.zip)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
        help_text=gettext_lazy("The documents' files, named as in the “Tệp” column."),
    )
    valid_only = forms.BooleanField(
        label=gettext_lazy("Import the valid rows even if other rows have errors"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        schools = schools_for_user(user)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.get()
            self.fields["school"].widget = forms.HiddenInput()


def import_view(request):
    if not request.user.has_perm("official_docs.add_officialdocument"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    report = None
    if request.method == "POST" and form.is_valid():
        school = form.cleaned_data["school"]
        try:
            report = check_import(
                school=school,
                workbook_file=form.cleaned_data["spreadsheet"],
                zip_file=form.cleaned_data["files"],
            )
            if not report.has_errors or form.cleaned_data["valid_only"]:
                created = import_documents(
                    school=school, report=report, valid_only=form.cleaned_data["valid_only"]
                )
                messages.success(
                    request,
                    ngettext(
                        "%(count)s document imported.",
                        "%(count)s documents imported.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
                return redirect(reverse("wagtailsnippets_official_docs_officialdocument:list"))
        except ValidationError as error:
            form.add_error("spreadsheet", error)
    return TemplateResponse(
        request,
        "official_docs/admin/import.html",
        {"form": form, "report": report, "columns": COLUMNS.values()},
    )
