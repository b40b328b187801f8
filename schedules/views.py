"""Public work calendar of the current school: a week, its print view, the iCal feed.

Each view takes the school from ``request.school`` (404 without one), reads through
``schedules.selectors`` and costs a fixed number of queries.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from news import ical

from .models import WorkEntry
from .selectors import feed_entries, this_monday, week_calendar

# When an entry has no time, the feed starts it at the usual hour of its session.
SESSION_START = {
    WorkEntry.MORNING: datetime.time(7, 0),
    WorkEntry.AFTERNOON: datetime.time(13, 30),
    WorkEntry.EVENING: datetime.time(19, 0),
}


def _current_school(request):
    school = getattr(request, "school", None)
    if school is None:
        raise Http404
    return school


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
    school = _current_school(request)
    calendar = week_calendar(school=school, week_start=_monday(week))
    return TemplateResponse(request, template, {"calendar": calendar})


def week_print(request, week: str):
    """``/lich-cong-tac/<yyyy-mm-dd>/in/``: the week on one A4 landscape sheet."""
    return week_view(request, week, template="schedules/week_print.html")


def calendar_ical(request):
    """``/lich-cong-tac/lich.ics``: the published entries as an iCalendar feed (RFC 5545)."""
    school = _current_school(request)
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
