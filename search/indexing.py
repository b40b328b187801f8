"""The one writer of the search index (``SearchEntry``, and Elasticsearch when configured).

* ``index_object(source, object_id)``: the entries of one object made again from the object as it
  is now (none when nobody may see it any more); ``remove_object`` drops them.
* ``reindex_pages(page_id)``: a page and everything below it (after a move, or a change of view
  restrictions); a section whose title or address changed also renews what is filed under it.
* ``rebuild_school(school)``: the whole index of a school, in one transaction
  (``manage.py rebuild_search_index``, ``update_index``, the demo school).

Signal handlers (``signal_handlers.py``) call ``schedule_*``: the work is enqueued as a task
(``tasks.py``) at once, inside the transaction that changed the content, as Wagtail enqueues its
own index updates: with the database queue the task reaches the worker when the change commits
and vanishes with a rollback; the immediate backend (tests) runs it on the spot.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import transaction

import vntext
from schools.models import School

from .backends import get_backend
from .models import Kind, SearchEntry, SearchTerm
from .sources import SOURCES, PageSource, SchoolTree

logger = logging.getLogger(__name__)
PAGE = PageSource.label
BATCH = 500


def entry_for(item) -> SearchEntry:
    title_exact, title_folded = vntext.index_forms(item.title)
    body_exact, body_folded = vntext.index_forms(item.body)
    section = item.section
    return SearchEntry(
        school_id=item.school_id,
        kind=item.kind,
        source=item.source,
        object_id=item.object_id,
        part=item.part,
        visibility=item.visibility,
        title=item.title[:500],
        url=item.url[:500],
        date=item.date,
        section_id=section.id if section else None,
        section_path=section.path if section else "",
        section_title=section.title[:255] if section else "",
        body=item.body,
        title_exact=title_exact,
        title_folded=title_folded,
        body_exact=body_exact,
        body_folded=body_folded,
    )


def write_entries(entries: list[SearchEntry]) -> list[SearchEntry]:
    """Insert ``entries`` and remember their words (``SearchTerm``, for typing mistakes)."""
    entries = SearchEntry.objects.bulk_create(entries)
    words = set()
    for entry in entries:
        words.update(entry.title_folded.split())
        words.update(entry.body_folded.split())
    terms = [SearchTerm(term=w) for w in words if 4 <= len(w) <= 40 and w.isascii() and w.isalpha()]
    SearchTerm.objects.bulk_create(terms, ignore_conflicts=True, batch_size=1000)
    return entries


def _replace(source: str, object_id: int, items: list) -> list[SearchEntry]:
    backend = get_backend()
    with transaction.atomic():
        old = SearchEntry.objects.filter(source=source, object_id=object_id)
        old_keys = [f"{source}:{object_id}:{part}" for part in old.values_list("part", flat=True)]
        old.delete()
        entries = write_entries([entry_for(item) for item in items])
    if backend.external:
        new_keys = {f"{e.source}:{e.object_id}:{e.part}" for e in entries}
        backend.delete_entries([key for key in old_keys if key not in new_keys])
        backend.index_entries(entries)
    return entries


def remove_object(source: str, object_id: int) -> int:
    """Drop the entries of an object (deleted, or not visible any more)."""
    return len(_replace(source, object_id, [])) if source in SOURCES else 0


def index_object(source: str, object_id: int) -> int:
    """Make the entries of one object again; returns how many it has now."""
    handler = SOURCES.get(source)
    if handler is None:
        return 0
    obj = handler.load(object_id)
    school = handler.school_of(obj) if obj is not None else None
    if school is None:
        remove_object(source, object_id)
        return 0
    tree = SchoolTree(school)
    items = handler.items(obj, tree)
    before = None
    if source == PAGE and items and items[0].kind == Kind.SECTION:
        before = SearchEntry.objects.filter(source=source, object_id=object_id).first()
    entries = _replace(source, object_id, items)
    if before is not None and (before.title, before.url) != (items[0].title, items[0].url):
        _renew_section(school, obj)
    return len(entries)


def _renew_section(school: School, section) -> None:
    """A section's title or address changed: the pages below it (their section, their
    address) and the staff, documents and resources filed under it (their section)."""
    from official_docs.models import OfficialDocument
    from people.models import StaffMember
    from resources.models import Resource

    reindex_pages(section.pk, include_self=False)
    for label, model, field in (
        ("people.staffmember", StaffMember, "units"),
        ("official_docs.officialdocument", OfficialDocument, "unit"),
        ("resources.resource", Resource, "team"),
    ):
        ids = model.objects.filter(school=school, **{field: section.pk}).values_list(
            "pk", flat=True
        )
        for pk in ids:
            index_object(label, pk)


def reindex_pages(page_id: int, *, include_self: bool = True) -> int:
    """A page and its descendants (each checked: live, public, in a school)."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return remove_object(PAGE, page_id)
    count = 0
    ids = Page.objects.descendant_of(page, inclusive=include_self).values_list("pk", flat=True)
    for pk in ids:
        count += index_object(PAGE, pk)
    return count


# --- a whole school ------------------------------------------------------------------------


def count_objects(school: School) -> int:
    """How many objects ``rebuild_school`` goes through (for its progress bar)."""
    total = 0
    for handler in SOURCES.values():
        if isinstance(handler, PageSource):
            root = school.site.root_page
            total += sum(
                model.objects.live().descendant_of(root).count() for model in handler.page_models()
            )
        else:
            total += handler.model().objects.filter(school=school).count()
    return total


def _school_items(school: School, tree: SchoolTree, progress: Callable[[int], None]) -> Iterable:
    for handler in SOURCES.values():
        pages = isinstance(handler, PageSource)
        for obj in handler.for_school(school):
            yield from (handler.items_public(obj, tree) if pages else handler.items(obj, tree))
            progress(1)


def rebuild_school(school: School, *, progress: Callable[[int], None] | None = None) -> int:
    """Index everything of ``school`` again, in one transaction; returns the entries made."""
    progress = progress or (lambda n: None)
    backend = get_backend()
    tree = SchoolTree(school)
    made = 0
    with transaction.atomic():
        SearchEntry.objects.filter(school=school).delete()
        batch: list[SearchEntry] = []
        for item in _school_items(school, tree, progress):
            batch.append(entry_for(item))
            if len(batch) >= BATCH:
                made += len(write_entries(batch))
                batch = []
        made += len(write_entries(batch))
    if backend.external:
        backend.delete_school(school.pk)
        entries = SearchEntry.objects.filter(school=school).order_by("pk")
        for start in range(0, made, BATCH):
            backend.index_entries(entries[start : start + BATCH])
    return made


def optimize() -> None:
    """Merge the FTS5 index's segments after a large rebuild (SQLite; elsewhere nothing)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO site_search_fts(site_search_fts) VALUES ('optimize')")


# --- from signal handlers ---------------------------------------------------------------------


def schedule_index(source: str, object_id: int) -> None:
    from . import tasks

    tasks.index_object.enqueue(source, object_id)


def schedule_remove(source: str, object_id: int) -> None:
    from . import tasks

    tasks.remove_object.enqueue(source, object_id)


def schedule_school(school_id: int) -> None:
    from . import tasks

    tasks.rebuild_school.enqueue(school_id)


def schedule_pages(page_id: int) -> None:
    from . import tasks

    tasks.reindex_pages.enqueue(page_id)
