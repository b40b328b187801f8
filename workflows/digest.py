"""The daily digest: to each responsible person, the items due soon and overdue.

"Responsible" means: a named reviewer who has not decided yet, a member of the role that must
act on a step, or a person who answers for the item's section (the plan's assignment table).
One e-mail per person per day, through the same notification path as everything else."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from .deadlines import DUE_SOON, OVERDUE
from .models import Notification, ReviewAssignment, ReviewTask
from .notifications import notify
from .selectors import month_report, open_items


def digest_lines_for_school(school) -> dict:
    """{user: [line, ...]} for one school."""
    lines: dict = defaultdict(list)
    now = timezone.now()
    soon = now + datetime.timedelta(days=1)
    for item in open_items(school=school, user=_Nobody()):
        late_step = item.task_state.due_at and item.task_state.due_at < now
        soon_step = item.task_state.due_at and item.task_state.due_at < soon
        flag = item.deadline.state in (OVERDUE, DUE_SOON) or soon_step
        if not flag:
            continue
        label = _("overdue") if (late_step or item.deadline.state == OVERDUE) else _("due soon")
        line = _("%(title)s — %(step)s — %(state)s (due %(due)s)") % {
            "title": item.page.title,
            "step": item.step_name,
            "state": label,
            "due": timezone.localtime(item.task_state.due_at).strftime("%d/%m/%Y %H:%M")
            if item.task_state.due_at
            else "",
        }
        if isinstance(item.task, ReviewTask):
            pending = [
                a.reviewer for a in item.assignments if a.decision == ReviewAssignment.PENDING
            ]
            recipients = pending or list(item.task.assigners())
        else:
            recipients = list(item.task.acting_users())
        for user in recipients:
            lines[user].append(line)
    # Overdue items not yet in a workflow: to the people who answer for their section.
    report = month_report(school=school)
    from sections.models import SectionPage

    for obj, deadline in report.overdue:
        path = getattr(obj, "path", None)
        if not path:
            continue
        sections = SectionPage.objects.filter(
            path__in=[path[:i] for i in range(SectionPage.steplen, len(path), SectionPage.steplen)]
        ).prefetch_related("responsible_people")
        line = _("%(title)s — overdue since %(due)s") % {
            "title": obj.title,
            "due": deadline.due.strftime("%d/%m/%Y"),
        }
        for section in sections:
            for user in section.responsible_people.all():
                if line not in lines[user]:
                    lines[user].append(line)
    return lines


class _Nobody:
    """open_items() needs a user for its "may act" flags; the digest needs none of them."""

    pk = None
    is_authenticated = False
    is_active = False
    is_superuser = False


DIGEST_HOUR = 7  # local time: the digest goes out with the first run after 07:00


def send_daily_digests(*, now: datetime.datetime | None = None) -> int:
    """One digest notification per responsible person and school, at most once a day, from
    07:00 local time (the worker runs this every hour)."""
    from schools.models import School

    now = timezone.localtime(now or timezone.now())
    if now.hour < DIGEST_HOUR:
        return 0
    today = now.date()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    sent = 0
    for school in School.objects.select_related("site__root_page"):
        already = set(
            Notification.objects.filter(
                school=school, kind="digest", created_at__gte=start
            ).values_list("recipient_id", flat=True)
        )
        for user, lines in digest_lines_for_school(school).items():
            if user.pk in already or not lines:
                continue
            notify(
                school=school,
                recipients=[user],
                kind="digest",
                message=_("%(count)s items need your attention") % {"count": len(lines)},
                body="\n".join(f"- {line}" for line in lines),
                url="/admin/cong-viec/",
            )
            sent += 1
    return sent
