"""Public work calendar of the current school: a week, its print view, the iCal feed, and the
e-mail subscription (subscribe, confirm, unsubscribe).

Each view takes the school from ``request.school`` (404 without one), reads through
``schedules.selectors`` and costs a fixed number of queries. Subscribers' addresses are never
shown: the subscription pages say the same thing whether an address was known or not.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from news import ical
from pagecache.views import same_origin_post
from school_site.ratelimit import over_limit
from schools.selectors import school_or_404

from .forms import SubscribeForm
from .models import WorkEntry
from .selectors import feed_entries, subscriber_by_token, this_monday, week_calendar
from .services import confirm_subscription, subscribe, unsubscribe

# The subscribe form accepts this many posts per client address and window (seconds).
SUBSCRIBE_LIMIT = 5
SUBSCRIBE_WINDOW = 60 * 60

# When an entry has no time, the feed starts it at the usual hour of its session.
SESSION_START = {
    WorkEntry.MORNING: datetime.time(7, 0),
    WorkEntry.AFTERNOON: datetime.time(13, 30),
    WorkEntry.EVENING: datetime.time(19, 0),
}


def _monday(value: str | None) -> datetime.date:
    if value is None:
        return this_monday()
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None
    if day.weekday() != 0:
        raise Http404
    return day


def week_view(request, week: str | None = None, *, template="schedules/week.html"):
    """``/lich-cong-tac/`` (this week) and ``/lich-cong-tac/<yyyy-mm-dd>/`` (a Monday)."""
    school = school_or_404(request)
    calendar = week_calendar(school=school, week_start=_monday(week))
    context = {"calendar": calendar, "subscribe_form": SubscribeForm()}
    return TemplateResponse(request, template, context)


def week_print(request, week: str):
    """``/lich-cong-tac/<yyyy-mm-dd>/in/``: the week on one A4 landscape sheet."""
    return week_view(request, week, template="schedules/week_print.html")


def calendar_ical(request):
    """``/lich-cong-tac/lich.ics``: the published entries as an iCalendar feed (RFC 5545)."""
    school = school_or_404(request)
    hostname = school.site.hostname
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    events = []
    for week, entry in feed_entries(school=school):
        start = datetime.datetime.combine(
            entry.date, entry.time or SESSION_START.get(entry.session, datetime.time(7, 0)), zone
        )
        details = [
            (_("Chaired by"), entry.chair),
            (_("Participants"), entry.participants),
            (_("Preparation"), entry.preparation),
            (_("Notes"), entry.notes),
        ]
        description = "\n".join(f"{label}: {value}" for label, value in details if value)
        url = reverse("schedules_week", args=[week.week_start.isoformat()])
        events.append(
            ical.Event(
                uid=f"workentry-{entry.id}@{hostname}",
                start=start,
                summary=entry.content,
                description=description,
                location=entry.place,
                url=request.build_absolute_uri(url),
                last_modified=week.published_at,
            )
        )
    name = _("Work calendar – %(school)s") % {"school": school.name}
    body = ical.build_calendar(
        events, name=name, stamp=timezone.now(), product="-//Cong Truong//Work calendar//VI"
    )
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    return response


# --- e-mail subscription ----------------------------------------------------------------------


def _over_limit(request) -> bool:
    return over_limit(
        request, scope="schedules:subscribe", limit=SUBSCRIBE_LIMIT, window=SUBSCRIBE_WINDOW
    )


def _message_page(request, *, heading: str, message: str, status: int = 200):
    context = {"heading": heading, "message": message}
    return TemplateResponse(request, "schedules/subscription_message.html", context, status=status)


@same_origin_post  # no CSRF token in the form: week pages stay cacheable (pagecache)
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe_view(request):
    """``/lich-cong-tac/dang-ky/``: the form (also on every week page); a valid post asks for
    the confirmation e-mail and goes on to the "check your mailbox" page."""
    school = school_or_404(request)
    status = 200
    if request.method == "POST":
        if _over_limit(request):
            return _message_page(
                request,
                heading=_("Too many requests"),
                message=_("Please wait a while before trying again."),
                status=429,
            )
        form = SubscribeForm(request.POST)
        if form.is_bot:
            return redirect("schedules_subscribe_sent")
        if form.is_valid():
            subscribe(school=school, email=form.cleaned_data["email"])
            return redirect("schedules_subscribe_sent")
        status = 400
    else:
        form = SubscribeForm()
    return TemplateResponse(request, "schedules/subscribe.html", {"form": form}, status=status)


def subscribe_sent(request):
    """``/lich-cong-tac/dang-ky/da-gui/``: the same words for a new, pending or known address."""
    school_or_404(request)
    return _message_page(
        request,
        heading=_("Check your mailbox"),
        message=_(
            "If this address does not receive the work calendar yet, we have sent it an e-mail "
            "with a confirmation link. The calendar is sent only after you click that link."
        ),
    )


def _subscriber(request, token: str):
    subscriber = subscriber_by_token(school=school_or_404(request), token=token)
    if subscriber is None:
        raise Http404
    return subscriber


@never_cache
def confirm_view(request, token: str):
    """``/lich-cong-tac/xac-nhan/<token>/``: the link of the confirmation e-mail."""
    subscriber = _subscriber(request, token)
    if not confirm_subscription(subscriber=subscriber):
        return _message_page(
            request,
            heading=_("This subscription was cancelled"),
            message=_("To receive the work calendar again, subscribe again on the calendar page."),
        )
    return _message_page(
        request,
        heading=_("Subscription confirmed"),
        message=_(
            "Thank you. You will receive the work calendar by e-mail when a week is published, "
            "and a notice when a published week changes."
        ),
    )


@csrf_exempt  # mail clients post the one-click unsubscribe (RFC 8058); the token is the secret
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    """``/lich-cong-tac/huy-dang-ky/<token>/``: one click, in every e-mail."""
    unsubscribe(subscriber=_subscriber(request, token))
    return _message_page(
        request,
        heading=_("You have unsubscribed"),
        message=_(
            "You will no longer receive the work calendar by e-mail. You can subscribe again at "
            "any time on the calendar page."
        ),
    )
