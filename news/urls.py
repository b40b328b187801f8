"""Public URLs of the news app: the events calendar (``news.calendar_views``).

Included at the root of ``school_site/urls.py`` (before Wagtail's catch-all):
``path("", include("news.urls"))``.
"""

from django.urls import path

from . import calendar_views

urlpatterns = [
    path("su-kien/", calendar_views.events_month, name="news_events"),
    path("su-kien/<int:year>/<int:month>/", calendar_views.events_month, name="news_events_month"),
    path("su-kien/danh-sach/", calendar_views.events_list, name="news_events_list"),
    path("su-kien/lich.ics", calendar_views.events_ical, name="news_events_ical"),
]
