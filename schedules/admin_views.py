"""Admin views of the work calendar: "copy to next week" and "publish" for one week.

Each shows a confirmation on GET and calls one service on POST; a week outside the actor's
schools answers 404, the same as a missing one.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from schools.scoping import school_scoped

from .models import WorkWeek
from .services import copy_week, publish_week


def _week(request, pk) -> WorkWeek:
    week = school_scoped(WorkWeek, request.user).select_related("school").filter(pk=pk).first()
    if week is None:
        raise Http404
    return week


def _edit_url(week) -> str:
    return reverse("wagtailsnippets_schedules_workweek:edit", args=[week.pk])


def _confirm(request, week, *, heading, message, button):
    context = {"week": week, "heading": heading, "message": message, "button": button}
    return TemplateResponse(request, "schedules/admin/confirm.html", context)


def copy_next_view(request, pk):
    week = _week(request, pk)
    target = week.week_start + datetime.timedelta(days=7)
    if request.method != "POST":
        message = _("Create the draft of the week starting %(date)s from this week's items?") % {
            "date": target.strftime("%d/%m/%Y")
        }
        return _confirm(
            request, week, heading=_("Copy to next week"), message=message, button=_("Copy")
        )
    try:
        new = copy_week(school=week.school, week_start=target, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_edit_url(week))
    messages.success(request, _("Draft created: %(week)s") % {"week": new})
    return redirect(_edit_url(new))


def publish_view(request, pk):
    week = _week(request, pk)
    if request.method != "POST":
        message = _("Publish %(week)s as it is now?") % {"week": week}
        return _confirm(request, week, heading=_("Publish"), message=message, button=_("Publish"))
    try:
        change = publish_week(week=week, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_edit_url(week))
    if change:
        messages.success(request, _("Published; the changes were added to the history."))
    else:
        messages.success(request, _("Published."))
    return redirect(_edit_url(week))
