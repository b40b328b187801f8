"""Public URLs of the timetable; included at the root of ``school_site/urls.py``."""

from django.urls import path

from . import views

app_name = "timetables"

urlpatterns = [
    path("thoi-khoa-bieu/", views.timetable, name="timetable"),
]
