"""RSS 2.0 and Atom 1.0 feeds of a school: the whole school, one section, one tag.

URLs (``syndication/urls.py``): ``/rss/`` and ``/atom/``; ``/<section path>/rss/`` and
``/<section path>/atom/``; ``/the/<tag slug>/rss/`` and ``/the/<tag slug>/atom/``.

Every URL in a feed is absolute, on the host and scheme of the request. An item's id is a tag
URI (RFC 4151) built from the school's host name, the day the page was first published and its
id, so it survives moves and renames: ``tag:truong.edu.vn,2025-09-05:article-42``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Page

from galleries.models import AlbumPage
from news.models import ArticlePage
from schools.models import School
from sections.models import SectionPage

from . import selectors

SUMMARY_LENGTH = 600


def feed_title(*, school: School, section: Page | None = None, tag: Tag | None = None) -> str:
    if section is not None:
        return _("%(section)s – %(school)s") % {"section": section.title, "school": school.name}
    if tag is not None:
        return _("Tag “%(tag)s” – %(school)s") % {"tag": tag.name, "school": school.name}
    return school.name


def item_guid(*, school: School, page: Page) -> str:
    """A tag URI that never changes for ``page``, whatever its URL becomes."""
    kind = "album" if isinstance(page, AlbumPage) else "article"
    published = page.first_published_at or page.last_published_at or school.created_at
    day = timezone.localdate(published).isoformat()
    return f"tag:{school.site.hostname},{day}:{kind}-{page.pk}"


@dataclass(frozen=True)
class FeedEntry:
    title: str
    link: str
    guid: str
    description: str
    published: datetime.datetime | None
    updated: datetime.datetime | None
    author: str | None
    categories: tuple[str, ...]
    enclosure: Enclosure | None


@dataclass(frozen=True)
class FeedSource:
    title: str
    link: str
    description: str
    publisher: str
    entries: list[FeedEntry]


def _summary(page: Page) -> str:
    if isinstance(page, ArticlePage):
        text = page.summary or page.search_description
    elif isinstance(page, AlbumPage):
        text = page.search_description or strip_tags(page.intro)
    else:
        text = page.search_description
    return Truncator((text or page.title).strip()).chars(SUMMARY_LENGTH)


def _enclosure(request: HttpRequest, page: Page) -> Enclosure | None:
    rendition = selectors.share_rendition(getattr(page, "share_image", None))
    if rendition is None:
        return None
    size = selectors.rendition_file_size(rendition)
    if not size:
        return None
    return Enclosure(request.build_absolute_uri(rendition.url), str(size), "image/jpeg")


def _entry(request: HttpRequest, school: School, page: Page) -> FeedEntry:
    is_article = isinstance(page, ArticlePage)
    return FeedEntry(
        title=page.title,
        link=request.build_absolute_uri(page.get_url(request=request)),
        guid=item_guid(school=school, page=page),
        # Both formats carry the description as HTML: escaped, plain text shows as typed.
        description=escape(_summary(page)),
        published=page.first_published_at or page.last_published_at,
        updated=page.last_published_at or page.first_published_at,
        author=(page.byline or None) if is_article else None,
        categories=tuple(i.tag.name for i in page.tagged_items.all()) if is_article else (),
        enclosure=_enclosure(request, page),
    )


class SchoolRssFeed(Feed):
    """RSS 2.0. ``get_object`` gathers everything; the ``item_*`` methods only read it."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request, section: SectionPage | None = None, tag_slug: str | None = None):
        school = getattr(request, "school", None)
        if school is None:
            raise Http404
        tag = None
        if tag_slug is not None:
            tag = selectors.find_tag(school=school, slug=tag_slug)
            if tag is None:
                raise Http404
        if section is not None:
            link = section.get_url(request=request)
            description = _("Latest articles and photo albums in %(section)s of %(school)s.")
        elif tag is not None:
            link = f"/the/{tag.slug}/"
            description = _("Latest articles of %(school)s tagged “%(tag)s”.")
        else:
            link = school.site.root_page.get_url(request=request)
            description = _("Latest news, announcements and photo albums of %(school)s.")
        items = selectors.list_feed_items(
            school=school, within=section, tag=tag.slug if tag else None
        )
        names = {"school": school.name, "section": getattr(section, "title", ""), "tag": ""}
        if tag is not None:
            names["tag"] = tag.name
        return FeedSource(
            title=feed_title(school=school, section=section, tag=tag),
            link=request.build_absolute_uri(link or "/"),
            description=description % names,
            publisher=school.name,
            entries=[_entry(request, school, page) for page in items],
        )

    def title(self, obj: FeedSource) -> str:
        return obj.title

    def link(self, obj: FeedSource) -> str:
        return obj.link

    def description(self, obj: FeedSource) -> str:
        return obj.description

    def author_name(self, obj: FeedSource) -> str:
        return obj.publisher

    def items(self, obj: FeedSource) -> list[FeedEntry]:
        return obj.entries

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_guid(self, item: FeedEntry) -> str:
        return item.guid

    def item_guid_is_permalink(self, item: FeedEntry) -> bool:
        return False

    def item_description(self, item: FeedEntry) -> str:
        return item.description

    def item_pubdate(self, item: FeedEntry) -> datetime.datetime | None:
        return item.published

    def item_updateddate(self, item: FeedEntry) -> datetime.datetime | None:
        return item.updated

    def item_author_name(self, item: FeedEntry) -> str | None:
        return item.author

    def item_categories(self, item: FeedEntry) -> tuple[str, ...]:
        return item.categories

    def item_enclosures(self, item: FeedEntry) -> list[Enclosure]:
        return [item.enclosure] if item.enclosure else []


class SchoolAtomFeed(SchoolRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: FeedSource) -> str:
        return obj.description


rss_feed = SchoolRssFeed()
atom_feed = SchoolAtomFeed()
