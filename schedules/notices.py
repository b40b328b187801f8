"""E-mails to the work calendar's subscribers: the confirmation, a published week, a change.

Called by ``schedules.tasks`` (the worker), never during a request. Each subscriber gets a
message of their own (no address is shown to anyone else), all sent over one connection. The
sender is ``DEFAULT_FROM_EMAIL``, the subject starts with the school's name, the text comes as
plain text and simple HTML, and every message carries the subscriber's unsubscribe link, also
as ``List-Unsubscribe`` with RFC 8058 one-click (``List-Unsubscribe-Post``).

A notice is claimed before it is sent by stamping ``notice_sent_at`` on its week or change in
one conditional UPDATE, so a task that runs twice sends nothing the second time. When sending
fails the stamp is removed and the error raised: a retry sends the notice again (an SMTP
failure in the middle of a batch may repeat it for the first addresses; nobody misses it).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import CalendarSubscriber, WorkWeek, WorkWeekChange, week_end
from .selectors import published_calendar


def _absolute(school, path: str) -> str:
    return school.site.root_url + path


def _week_title(week: WorkWeek) -> str:
    return _("Work calendar, week of %(start)s – %(end)s") % {
        "start": week.week_start.strftime("%d/%m/%Y"),
        "end": week_end(week.week_start).strftime("%d/%m/%Y"),
    }


def _message(
    *, school, subscriber: CalendarSubscriber, subject: str, template: str, context: dict
) -> EmailMultiAlternatives:
    unsubscribe_url = _absolute(school, reverse("schedules_unsubscribe", args=[subscriber.token]))
    context = {
        "title": subject,
        **context,
        "school": school,
        "calendar_url": _absolute(school, reverse("schedules_this_week")),
        "unsubscribe_url": unsubscribe_url,
    }
    message = EmailMultiAlternatives(
        subject=f"[{school.name}] {subject}",
        body=render_to_string(f"schedules/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string(f"schedules/email/{template}.html", context), "text/html"
    )
    return message


def _send(messages: list[EmailMultiAlternatives]) -> int:
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


def send_confirmation(subscriber_id: int) -> bool:
    """E-mail the confirmation link to a subscriber still waiting for it."""
    subscriber = (
        CalendarSubscriber.objects.select_related("school__site").filter(pk=subscriber_id).first()
    )
    if subscriber is None or not subscriber.is_waiting:
        return False
    school = subscriber.school
    with translation.override(settings.LANGUAGE_CODE):
        message = _message(
            school=school,
            subscriber=subscriber,
            subject=_("Please confirm your subscription to the work calendar"),
            template="confirm",
            context={
                "confirm_url": _absolute(
                    school, reverse("schedules_confirm", args=[subscriber.token])
                ),
            },
        )
        return _send([message]) == 1


def _notify(model, pk: int, build) -> int:
    """Claim the notice of ``model`` row ``pk``, then send ``build(subscriber)`` to each
    active subscriber of its school; the number of messages sent."""
    claimed = model.objects.filter(pk=pk, notice_sent_at__isnull=True).update(
        notice_sent_at=timezone.now()
    )
    if not claimed:
        return 0
    try:
        with translation.override(settings.LANGUAGE_CODE):
            return _send(build())
    except Exception:
        model.objects.filter(pk=pk).update(notice_sent_at=None)
        raise


def _subscribers(school) -> list[CalendarSubscriber]:
    return list(CalendarSubscriber.objects.for_school(school).active().order_by("pk"))


def send_week_published(week_id: int) -> int:
    """The week's entries to the school's confirmed subscribers (first publication)."""

    def build():
        week = WorkWeek.objects.select_related("school__site").get(pk=week_id)
        school = week.school
        week_url = _absolute(school, reverse("schedules_week", args=[week.week_start.isoformat()]))
        context = {
            "title": _week_title(week),
            "calendar": published_calendar(week),
            "week_url": week_url,
            "ical_url": _absolute(school, reverse("schedules_ical")),
        }
        return [
            _message(
                school=school,
                subscriber=subscriber,
                subject=context["title"],
                template="week_published",
                context=context,
            )
            for subscriber in _subscribers(school)
        ]

    if not WorkWeek.objects.published().filter(pk=week_id).exists():
        return 0
    return _notify(WorkWeek, week_id, build)


def send_week_changed(change_id: int) -> int:
    """The summary of a change to a published week to the school's confirmed subscribers.
    Skipped when the week's own notice went out after the change (it already showed it)."""
    change = WorkWeekChange.objects.select_related("week__school__site").filter(pk=change_id)
    change = change.first()
    if change is None:
        return 0
    week = change.week
    if week.notice_sent_at is not None and week.notice_sent_at >= change.changed_at:
        WorkWeekChange.objects.filter(pk=change.pk, notice_sent_at__isnull=True).update(
            notice_sent_at=week.notice_sent_at
        )
        return 0

    def build():
        school = week.school
        week_url = _absolute(school, reverse("schedules_week", args=[week.week_start.isoformat()]))
        context = {
            "title": _week_title(week),
            "change": change,
            "week_url": week_url,
            "ical_url": _absolute(school, reverse("schedules_ical")),
        }
        subject = _("Changes to the work calendar, week of %(start)s – %(end)s") % {
            "start": week.week_start.strftime("%d/%m/%Y"),
            "end": week_end(week.week_start).strftime("%d/%m/%Y"),
        }
        return [
            _message(
                school=school,
                subscriber=subscriber,
                subject=subject,
                template="week_changed",
                context=context,
            )
            for subscriber in _subscribers(school)
        ]

    return _notify(WorkWeekChange, change_id, build)
