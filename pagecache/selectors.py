"""Reads of the page cache: which schools a change concerns, and when a school's pages next
change by themselves."""

from __future__ import annotations

import datetime

from django.db.models import Min
from wagtail.models import Collection, Page

from schools.models import School

from .store import local_midnight_after


def _prefixes(path: str, steplen: int) -> list[str]:
    return [path[:end] for end in range(steplen, len(path) + 1, steplen)]


def school_ids_for_page_path(path: str) -> list[int]:
    """Schools whose home page is ``path`` or one of its ancestors (works for a page being
    deleted: only the ancestors' paths are read)."""
    if not path:
        return []
    prefixes = _prefixes(path, Page.steplen)
    return list(
        School.objects.filter(site__root_page__path__in=prefixes).values_list("pk", flat=True)
    )


def school_ids_for_collection(collection_id: int | None) -> list[int]:
    """Schools whose collection holds ``collection_id`` (itself or an ancestor)."""
    if collection_id is None:
        return []
    path = Collection.objects.filter(pk=collection_id).values_list("path", flat=True).first()
    if path is None:
        return []
    prefixes = _prefixes(path, Collection.steplen)
    return list(School.objects.filter(collection__path__in=prefixes).values_list("pk", flat=True))


def next_change(*, school_id: int, now: datetime.datetime) -> datetime.datetime | None:
    """The next moment the school's public pages change with no edit: an event starts or ends
    (lists of upcoming events), an answer key becomes visible, or local midnight (today's
    pinned announcements, this week's calendar, documents coming into or out of force)."""
    from news.models import ArticlePage
    from resources.models import Resource

    moments = [local_midnight_after(now)]
    root = School.objects.filter(pk=school_id).values_list("site__root_page__path", flat=True)
    root_path = root.first()
    if root_path:
        events = ArticlePage.objects.live().filter(path__startswith=root_path)
        moments += [
            events.filter(event_start__gt=now).aggregate(m=Min("event_start"))["m"],
            events.filter(event_end__gt=now).aggregate(m=Min("event_end"))["m"],
        ]
    moments.append(
        Resource.objects.filter(school_id=school_id, answer_key_visible_from__gt=now)
        .exclude(answer_key="")
        .aggregate(m=Min("answer_key_visible_from"))["m"]
    )
    return min(moment for moment in moments if moment is not None)
