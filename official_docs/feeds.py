"""RSS 2.0 feed of a school's newest public documents (``/van-ban/rss/``).

Every URL is absolute, on the request's host and scheme. An item's id is a tag URI (RFC 4151)
from the school's host name, the day the document was published and its id:
``tag:truong.edu.vn,2025-09-05:document-42``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from schools.models import School

from . import selectors
from .models import OfficialDocument


def item_guid(*, school: School, document: OfficialDocument) -> str:
    day = timezone.localdate(document.published_at or document.created_at).isoformat()
    return f"tag:{school.site.hostname},{day}:document-{document.pk}"


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    guid: str
    description: str
    published: datetime.datetime | None
    categories: tuple[str, ...]


@dataclass(frozen=True)
class FeedSource:
    school: School
    link: str
    items: list[FeedItem]


class DocumentsFeed(Feed):
    """``get_object`` gathers everything (one instance serves every request, so nothing is kept
    on ``self``); the other methods only read it."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request) -> FeedSource:
        school = getattr(request, "school", None)
        if school is None:
            raise Http404
        items = [
            FeedItem(
                title=f"{document.document_type.name} {document.number}",
                link=request.build_absolute_uri(
                    reverse("official_docs:detail", args=[document.pk])
                ),
                guid=item_guid(school=school, document=document),
                # Readers take the description as HTML: escaped, plain text shows as typed.
                description=escape(document.summary),
                published=document.published_at,
                categories=tuple(c for c in (document.document_type.name, document.field) if c),
            )
            for document in selectors.list_feed_documents(school=school)
        ]
        link = request.build_absolute_uri(reverse("official_docs:list"))
        return FeedSource(school=school, link=link, items=items)

    def title(self, obj: FeedSource) -> str:
        return _("Official documents – %(school)s") % {"school": obj.school.name}

    def link(self, obj: FeedSource) -> str:
        return obj.link

    def description(self, obj: FeedSource) -> str:
        return _("Newest official documents published by %(school)s.") % {"school": obj.school.name}

    def author_name(self, obj: FeedSource) -> str:
        return obj.school.name

    def items(self, obj: FeedSource) -> list[FeedItem]:
        return obj.items

    def item_title(self, item: FeedItem) -> str:
        return item.title

    def item_link(self, item: FeedItem) -> str:
        return item.link

    def item_guid(self, item: FeedItem) -> str:
        return item.guid

    def item_guid_is_permalink(self, item: FeedItem) -> bool:
        return False

    def item_description(self, item: FeedItem) -> str:
        return item.description

    def item_pubdate(self, item: FeedItem) -> datetime.datetime | None:
        return item.published

    def item_categories(self, item: FeedItem) -> tuple[str, ...]:
        return item.categories
