"""Admin view: import a timetable version from an Excel workbook, in two steps.

1. Upload: every cell is checked (``importing.read_timetable``); errors are listed by sheet and
   cell and nothing is kept. A valid file shows a summary and its parsed lessons are kept in the
   user's session (not the file itself).
2. Confirm: a second POST (``confirm``) creates the version and its lessons from the session in
   one transaction (``services.create_timetable``). Nothing existing is replaced or changed.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext

from schools.selectors import schools_for_user

from .importing import read_timetable
from .services import PERMISSION, create_timetable

SESSION_KEY = "timetables_import"


class ImportForm(forms.Form):
    school = forms.ModelChoiceField(label=gettext_lazy("School"), queryset=None)
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=255,
        help_text=gettext_lazy("For example “TKB học kỳ I”."),
    )
    effective_from = forms.DateField(label=gettext_lazy("Effective from"))
    is_published = forms.BooleanField(label=gettext_lazy("Publish"), required=False, initial=True)
    spreadsheet = forms.FileField(
        label=gettext_lazy("Timetable (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        schools = schools_for_user(user)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.get()
            self.fields["school"].widget = forms.HiddenInput()


def _confirm(request):
    pending = request.session.pop(SESSION_KEY, None)
    if pending is None:
        messages.error(request, gettext("Nothing to confirm: upload the file again."))
        return redirect("timetables_import")
    school = schools_for_user(request.user).filter(pk=pending["school"]).first()
    if school is None:
        raise PermissionDenied
    timetable = create_timetable(
        actor=request.user,
        school=school,
        name=pending["name"],
        effective_from=datetime.date.fromisoformat(pending["effective_from"]),
        is_published=pending["is_published"],
        lessons=pending["lessons"],
    )
    messages.success(
        request,
        ngettext(
            "Timetable “%(name)s” created with %(count)s lesson.",
            "Timetable “%(name)s” created with %(count)s lessons.",
            len(pending["lessons"]),
        )
        % {"name": timetable.name, "count": len(pending["lessons"])},
    )
    return redirect(reverse("wagtailsnippets_timetables_timetable:list"))


def import_view(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    parsed = None
    if request.method == "POST":
        request.session.pop(SESSION_KEY, None)
        if form.is_valid():
            try:
                parsed = read_timetable(form.cleaned_data["spreadsheet"])
            except ValidationError as error:
                form.add_error("spreadsheet", error)
            else:
                if not parsed.errors:
                    request.session[SESSION_KEY] = {
                        "school": form.cleaned_data["school"].pk,
                        "name": form.cleaned_data["name"],
                        "effective_from": form.cleaned_data["effective_from"].isoformat(),
                        "is_published": form.cleaned_data["is_published"],
                        "lessons": parsed.lessons,
                    }
    return TemplateResponse(
        request,
        "timetables/admin/import.html",
        {"form": form, "parsed": parsed, "pending": request.session.get(SESSION_KEY)},
    )
