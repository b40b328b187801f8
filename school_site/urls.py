from django.conf import settings
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from news import views as news_views
from pagecache import views as pagecache_views
from schools.scoping import scoped_bulk_action
from search import views as search_views
from sections import views as section_views

urlpatterns = [
    # Must come before Wagtail's admin URLs: bulk actions confined to the actor's schools.
    path(
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        scoped_bulk_action,
        name="wagtail_bulk_action",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Django's set_language, minus the CSRF token that would make every page uncacheable.
    path("i18n/setlang/", pagecache_views.set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("tim-kiem/", search_views.search, name="search"),
    path("tim-kiem/goi-y/", search_views.suggest, name="search_suggest"),
    path("so-do-trang/", section_views.sitemap_page, name="sitemap_page"),
    path("favicon.ico", section_views.favicon),
    path("the/<slug:slug>/", news_views.tag_page, name="news_tag"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("", include("news.urls")),  # events calendar /su-kien/...
    path("", include("people.urls")),  # staff directory
    path("", include("schedules.urls")),  # weekly work calendar
    path("", include("timetables.urls")),  # class timetables /thoi-khoa-bieu/
    path("", include("official_docs.urls")),  # documents registry /van-ban/...
    path("", include("resources.urls")),  # resources library /tu-lieu/...
    path("", include("workflows.public_urls")),  # reader submissions /gui-bai/
    path("", include("syndication.urls")),  # feeds, sitemap.xml, robots.txt
    path("", include(wagtail_urls)),
]
