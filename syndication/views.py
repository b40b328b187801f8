"""Section feeds, sitemap.xml and robots.txt of the school serving the request."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from wagtail.views import serve as wagtail_serve

from . import selectors


def _school(request):
    school = getattr(request, "school", None)
    if school is None:
        raise Http404
    return school


def section_feed(request, section_path: str, feed):
    """The feed of the section at ``/<section_path>/``. Any other path ending in ``rss/`` or
    ``atom/`` (a page that happens to have that slug) is left to Wagtail."""
    section = selectors.find_section(school=_school(request), path=section_path)
    if section is None:
        return wagtail_serve(request, request.path.lstrip("/"))
    return feed(request, section=section)


class SchoolSitemap(Sitemap):
    """The school's live, public pages. Locations are paths: Django's sitemap view puts the
    request's scheme and host in front of them."""

    def __init__(self, request, school):
        self.request = request
        self.school = school

    def items(self):
        return selectors.list_sitemap_pages(school=self.school)

    def location(self, page):
        return page.get_url(request=self.request)

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at


def sitemap(request):
    school = _school(request)
    sitemaps = {"pages": SchoolSitemap(request, school)}
    return django_sitemap(request, sitemaps, template_name="syndication/sitemap.xml")


# Paths no search engine should crawl: the admin, documents (private ones answer with a login
# page; public ones are linked from their articles), search results and Wagtail's password form.
ROBOTS_DISALLOW = ("/admin/", "/documents/", "/tim-kiem/", "/_util/")


@cache_control(max_age=3600, public=True)
def robots_txt(request):
    return TemplateResponse(
        request,
        "syndication/robots.txt",
        {
            "disallow": ROBOTS_DISALLOW,
            "sitemap_url": request.build_absolute_uri(reverse("syndication:sitemap")),
        },
        content_type="text/plain; charset=utf-8",
    )
