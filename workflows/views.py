"""Admin views: "Việc của tôi" (everyone's queue; the head's queue and monthly report) and the
notifications list. Actions on items post to Wagtail's own workflow action URLs."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access

from schools.selectors import schools_for_user

from .models import Notification
from .models.tasks import _role_member, reviewer_form_for
from .selectors import month_report, open_items

OVERSIGHT_ROLES = ("head", "deputy", "secretary", "sysadmin")


def _school_for(request):
    schools = schools_for_user(request.user).select_related("site__root_page")
    pk = request.GET.get("truong")
    if pk and pk.isdigit():
        school = schools.filter(pk=int(pk)).first()
        if school:
            return school, schools
    return schools.first(), schools


def _month(value: str | None) -> datetime.date | None:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return None


@require_admin_access
def my_work(request):
    school, schools = _school_for(request)
    if school is None:
        raise PermissionDenied
    user = request.user
    items = open_items(school=school, user=user)
    form_class = reviewer_form_for(school)
    for item in items:  # one form per item, so that element ids stay unique
        item.assign_form = form_class(auto_id=f"id_%s_{item.task_state.pk}")
    mine = [i for i in items if i.can_act or i.can_review or i.can_assign]
    others = [i for i in items if i not in mine]
    oversight = _role_member(user, school, OVERSIGHT_ROLES)
    context = {
        "school": school,
        "schools": schools,
        "mine": mine,
        "others": others,
        "oversight": oversight,
        "next_url": request.get_full_path(),
    }
    if oversight:
        month = _month(request.GET.get("thang")) or timezone.localdate().replace(day=1)
        report = month_report(school=school, month=month)
        prev_month = (month - datetime.timedelta(days=1)).replace(day=1)
        context.update(report=report, prev_month=prev_month)
    return TemplateResponse(request, "workflows/my_work.html", context)


@require_admin_access
def notification_list(request):
    notes = Notification.objects.for_user(request.user).select_related("actor", "school")[:200]
    return TemplateResponse(
        request,
        "workflows/notifications.html",
        {"notifications": notes, "unread": sum(1 for n in notes if n.read_at is None)},
    )


@require_admin_access
@require_POST
def notifications_mark_read(request):
    Notification.objects.for_user(request.user).unread().update(read_at=timezone.now())
    messages.success(request, _("All notifications marked as read."))
    return redirect("workflows_notifications")


@require_admin_access
def notification_open(request, pk: int):
    """Mark one notification read and follow its link (only the recipient's own)."""
    note = Notification.objects.for_user(request.user).filter(pk=pk).first()
    if note is None:
        return redirect("workflows_notifications")
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts=None):
        return HttpResponseRedirect(note.url)
    return redirect(reverse("workflows_notifications"))
