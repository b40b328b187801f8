"""Public URLs of the staff pages, included at the root of ``school_site/urls.py``."""

from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("can-bo/", views.directory, name="directory"),
    path("can-bo/ban-bien-tap/", views.board, name="board"),
    path("to-chuc/", views.organisation_chart, name="organisation_chart"),
]
