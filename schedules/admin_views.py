"""Admin views of the work calendar: the week editor, "copy to next week" and "publish".

The editor warns when a published week has changes readers do not see yet (and says so again
after a save). Copy and publish show a confirmation on GET and call one service on POST; a week
outside the actor's schools answers 404, the same as a missing one.
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
from wagtail.admin import messages as admin_messages
from wagtail.snippets.views.snippets import EditView as SnippetEditView

from schools.scoping import school_scoped

from .models import WorkWeek
from .services import copy_week, publish_week
from .snapshot import describe_changes, snapshot_entries


def _week(request, pk) -> WorkWeek:
    week = school_scoped(WorkWeek, request.user).select_related("school").filter(pk=pk).first()
    if week is None:
        raise Http404
    return week


def _edit_url(week) -> str:
    return reverse("wagtailsnippets_schedules_workweek:edit", args=[week.pk])


def _publish_url(week) -> str:
    return reverse("schedules_publish", args=[week.pk])


def pending_changes(week: WorkWeek) -> list[str]:
    """What publishing ``week`` now would change for readers, one line per entry; [] for a
    week never published (all of it is new) or one without changes."""
    if not week.is_published:
        return []
    current = snapshot_entries(week.entries.all())
    return describe_changes(week.published_entries, current).splitlines()


def unpublished_changes_message() -> str:
    return _(
        "This week has changes that are not published yet: visitors still see the version "
        "published before. Publish the week so that they see the changes."
    )


class WorkWeekEditView(SnippetEditView):
    """The week editor: warns, above the form and after saving, when a published week's
    entries differ from what readers see."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unpublished = self.object.has_unpublished_changes
        context["has_unpublished_changes"] = unpublished
        context["pending_changes"] = pending_changes(self.object) if unpublished else []
        context["publish_url"] = _publish_url(self.object)
        return context

    def save_action(self):
        response = super().save_action()
        if not self.expects_json_response and self.object.has_unpublished_changes:
            admin_messages.warning(
                self.request,
                unpublished_changes_message(),
                buttons=[admin_messages.button(_publish_url(self.object), _("Publish"))],
            )
        return response


def _confirm(request, week, *, heading, message, button, changes=()):
    context = {
        "week": week,
        "heading": heading,
        "message": message,
        "button": button,
        "changes": changes,
    }
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
        return _confirm(
            request, week, heading=_("Publish"), message=message, button=_("Publish"),
            changes=pending_changes(week),
        )  # fmt: skip
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
