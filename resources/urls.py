"""Public URLs of the resources library.

Included at the root of ``school_site/urls.py`` before ``syndication.urls`` (whose
``<path>/rss/`` pattern must not see them first): ``path("", include("resources.urls"))``.
"""

from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("tu-lieu/", views.resource_list, name="list"),
    path("tu-lieu/<int:pk>/", views.resource_detail, name="detail"),
    path("tu-lieu/<int:pk>/dap-an/", views.download_answer_key, name="answer_key"),
    path("tu-lieu/tep/<int:file_pk>/", views.download_file, name="download"),
    path("tu-lieu/tep/<int:file_pk>/xem/", views.preview_file, name="preview"),
    path("tu-lieu/tep/<int:file_pk>/anh/", views.thumbnail, name="thumbnail"),
]
