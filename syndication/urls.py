"""Feeds, sitemap and robots.txt; included just before Wagtail's catch-all page URLs.

A section's feeds live under the section's own URL (``/tin-tuc-su-kien/tin-tuc/rss/``), a
tag's under ``/the/<slug>/`` (the tag's listing page), the school's at the top.
"""

from django.urls import path

from . import feeds, views

app_name = "syndication"

urlpatterns = [
    path("rss/", feeds.rss_feed, name="rss"),
    path("atom/", feeds.atom_feed, name="atom"),
    path("the/<str:tag_slug>/rss/", feeds.rss_feed, name="tag_rss"),
    path("the/<str:tag_slug>/atom/", feeds.atom_feed, name="tag_atom"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "<path:section_path>/rss/",
        views.section_feed,
        {"feed": feeds.rss_feed},
        name="section_rss",
    ),
    path(
        "<path:section_path>/atom/",
        views.section_feed,
        {"feed": feeds.atom_feed},
        name="section_atom",
    ),
]
