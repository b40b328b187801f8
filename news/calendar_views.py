"""Public events calendar of the current school: month view, upcoming list, iCal feed.

URLs in ``news/urls.py``. Each view takes the school from ``request.school`` (404 without one),
reads through ``news.calendar_selectors`` and costs a fixed number of queries.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dates import WEEKDAYS

from schools.selectors import school_or_404

from . import ical
from .calendar_selectors import feed_events, first_of_month, month_calendar, upcoming_events

LIST_PAGE_SIZE = 20


def events_month(request, year: int | None = None, month: int | None = None):
    """``/su-kien/`` (this month) and ``/su-kien/<year>/<month>/``."""
    root = school_or_404(request).site.root_page
    if year is None:
        today = timezone.localdate()
        year, month = today.year, today.month
    first = first_of_month(year, month)
    context = {
        "calendar": month_calendar(root, first),
        "weekday_names": [WEEKDAYS[number] for number in range(7)],
    }
    return TemplateResponse(request, "news/events_month.html", context)


def events_list(request):
    """``/su-kien/danh-sach/``: events still running or to come, soonest first, paginated."""
    root = school_or_404(request).site.root_page
    events = Paginator(upcoming_events(root), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "news/events_list.html", {"events": events})


def events_ical(request):
    """``/su-kien/lich.ics``: the school's events as an iCalendar feed (RFC 5545)."""
    school = school_or_404(request)
    root = school.site.root_page
    hostname = school.site.hostname
    events = [
        ical.Event(
            uid=f"article-{page.pk}@{hostname}",
            start=page.event_start,
            end=page.event_end,
            summary=page.title,
            description=page.summary,
            location=page.event_location,
            url=page.get_full_url(request) or "",
            last_modified=page.last_published_at,
        )
        for page in feed_events(root)
    ]
    body = ical.build_calendar(events, name=school.name, stamp=timezone.now())
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich.ics"'
    return response
