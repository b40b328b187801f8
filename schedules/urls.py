"""Public URLs of the weekly work calendar (``schedules.views``).

Included at the root of ``school_site/urls.py`` (before Wagtail's catch-all).
"""

from django.urls import path, re_path

from . import views

WEEK = r"(?P<week>\d{4}-\d{2}-\d{2})"
TOKEN = r"(?P<token>[A-Za-z0-9_-]{20,64})"  # noqa: S105 (a URL pattern)

urlpatterns = [
    path("lich-cong-tac/", views.week_view, name="schedules_this_week"),
    path("lich-cong-tac/lich.ics", views.calendar_ical, name="schedules_ical"),
    re_path(rf"^lich-cong-tac/{WEEK}/$", views.week_view, name="schedules_week"),
    re_path(rf"^lich-cong-tac/{WEEK}/in/$", views.week_print, name="schedules_week_print"),
    path("lich-cong-tac/dang-ky/", views.subscribe_view, name="schedules_subscribe"),
    path("lich-cong-tac/dang-ky/da-gui/", views.subscribe_sent, name="schedules_subscribe_sent"),
    re_path(rf"^lich-cong-tac/xac-nhan/{TOKEN}/$", views.confirm_view, name="schedules_confirm"),
    re_path(
        rf"^lich-cong-tac/huy-dang-ky/{TOKEN}/$",
        views.unsubscribe_view,
        name="schedules_unsubscribe",
    ),
]
