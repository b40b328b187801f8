"""Public URLs of the documents registry.

Included at the root of ``school_site/urls.py`` before ``syndication.urls`` (whose
``<path>/rss/`` would otherwise take ``/van-ban/rss/``): ``path("", include("official_docs.urls"))``.
"""

from django.urls import path

from . import feeds, views

app_name = "official_docs"

urlpatterns = [
    path("van-ban/", views.document_list, name="list"),
    path("van-ban/rss/", feeds.DocumentsFeed(), name="rss"),
    path("van-ban/<int:pk>/", views.document_detail, name="detail"),
    path("van-ban/tep/<int:file_pk>/", views.download_file, name="download"),
    path("van-ban/tep/<int:file_pk>/xem/", views.preview_file, name="preview"),
]
