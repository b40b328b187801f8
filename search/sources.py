"""What each kind of content puts into the search index: one ``Item`` per thing a visitor may
find, or none when nobody may see it (a draft, an unpublished week, an inactive staff member).

A source knows its model, how to load one object or a whole school's objects with what it needs,
and how to turn an object into items. Only fields the public (or, for staff-only items, the
school's staff) may see are indexed: a staff member's e-mail and phone never are.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

import vntext
from schools.models import School

from .models import Kind, Visibility

MAX_BODY_CHARS = 50_000  # text beyond this is not indexed (a very long page)


@dataclass(frozen=True)
class Section:
    id: int
    path: str
    title: str


@dataclass(frozen=True)
class Item:
    school_id: int
    kind: str
    source: str
    object_id: int
    title: str
    url: str
    visibility: str = Visibility.PUBLIC
    body: str = ""
    date: datetime.date | None = None
    section: Section | None = None
    part: int = 0


def clean_text(*parts: object) -> str:
    """The parts that have text, NFC, one space between words, one line per part."""
    lines = (vntext.normalize(str(part)) for part in parts if part)
    return "\n".join(line for line in lines if line)[:MAX_BODY_CHARS]


def _local_date(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(value) if value else None


class SchoolTree:
    """A school's sections (live ``SectionPage``s), for filing items under their section."""

    def __init__(self, school: School):
        from sections.models import SectionPage

        self.school = school
        self.root = school.site.root_page
        rows = (
            SectionPage.objects.descendant_of(self.root)
            .order_by("path")
            .values_list("pk", "path", "title")
        )
        self.sections = {path: Section(pk, path, title) for pk, path, title in rows}
        self.by_id = {section.id: section for section in self.sections.values()}

    def section_above(self, path: str) -> Section | None:
        """The nearest section strictly above the page at ``path``."""
        step = Page.steplen
        for end in range(len(path) - step, 0, -step):
            found = self.sections.get(path[:end])
            if found is not None:
                return found
        return None

    def url_of(self, page: Page) -> str:
        return "/" + page.url_path[len(self.root.url_path) :].lstrip("/")


# --- sources ----------------------------------------------------------------------------


class Source:
    label: str  # the model label stored in SearchEntry.source

    def model(self):
        raise NotImplementedError

    def load(self, object_id: int):
        """The object with what ``items`` needs, or None."""
        raise NotImplementedError

    def school_of(self, obj) -> School | None:
        return obj.school

    def items(self, obj, tree: SchoolTree) -> list[Item]:
        raise NotImplementedError

    def for_school(self, school: School) -> Iterable:
        """Every object of ``school`` that may give items (items() decides)."""
        raise NotImplementedError


def _page_text(page) -> str:
    """The searchable text of a page of ours: its text fields, rich text and blocks."""
    from galleries.models import AlbumPage
    from news.models import ArticlePage
    from sections.models import SectionPage, StandardPage

    parts: list[object] = [page.search_description]

    def searchable(name: str) -> list[str]:
        field = page._meta.get_field(name)
        return field.get_searchable_content(getattr(page, name))

    if isinstance(page, ArticlePage):
        parts += [page.summary, *searchable("body"), page.byline, page.event_location]
        parts += [tag.name for tag in page.tags.all()]
        parts += [a.title for a in page.attachments.all()]
    elif isinstance(page, StandardPage):
        parts += searchable("body")
    elif isinstance(page, AlbumPage):
        parts += [*searchable("intro"), *(photo.caption for photo in page.photos.all())]
    elif isinstance(page, SectionPage):
        parts += [*searchable("intro"), *searchable("achievements"), *searchable("duties")]
    return clean_text(*parts)


class PageSource(Source):
    """Articles, standard pages, albums and sections: live and public (no view restriction on
    the page or above it)."""

    label = "wagtailcore.page"

    @staticmethod
    def page_models() -> dict[type, str]:
        from galleries.models import AlbumPage
        from news.models import ArticlePage
        from sections.models import SectionPage, StandardPage

        return {
            ArticlePage: Kind.ARTICLE,
            StandardPage: Kind.PAGE,
            AlbumPage: Kind.ALBUM,
            SectionPage: Kind.SECTION,
        }

    def model(self):
        return Page

    def load(self, object_id: int):
        page = Page.objects.filter(pk=object_id).first()
        return page.specific if page is not None else None

    def school_of(self, obj) -> School | None:
        from schools.selectors import school_for_page

        return school_for_page(obj)

    def items(self, obj, tree: SchoolTree) -> list[Item]:
        kind = self.page_models().get(type(obj))
        if kind is None or not obj.live or not obj.path.startswith(tree.root.path):
            return []
        if obj.get_view_restrictions().exists():
            return []
        return [self._item(obj, kind, tree)]

    def _item(self, page, kind: str, tree: SchoolTree) -> Item:
        if kind == Kind.ALBUM:
            date = page.taken_on or _local_date(page.first_published_at)
        elif kind == Kind.SECTION:
            date = None
        else:
            date = _local_date(page.first_published_at or page.last_published_at)
        section = tree.sections.get(page.path) if kind == Kind.SECTION else None
        above = tree.section_above(page.path)
        if section is not None:
            # Filed under itself (a filter on it finds it); shown with its parent's title.
            section = Section(section.id, section.path, above.title if above else "")
        else:
            section = above
        return Item(
            school_id=tree.school.pk,
            kind=kind,
            source=self.label,
            object_id=page.pk,
            title=vntext.normalize(page.title),
            url=tree.url_of(page),
            body=_page_text(page),
            date=date,
            section=section,
        )

    # What ``_page_text`` reads of each kind, loaded with the pages.
    PREFETCH = {Kind.ARTICLE: ("tags", "attachments"), Kind.ALBUM: ("photos",)}

    def for_school(self, school: School) -> Iterator:
        root = school.site.root_page
        for model, kind in self.page_models().items():
            pages = model.objects.live().public().descendant_of(root).order_by("path")
            pages = pages.prefetch_related(*self.PREFETCH.get(kind, ()))
            yield from pages.iterator(chunk_size=500)

    def items_public(self, page, tree: SchoolTree) -> list[Item]:
        """``items`` for a page known to be live and public (the whole-school rebuild)."""
        kind = self.page_models().get(type(page))
        return [self._item(page, kind, tree)] if kind else []


def _section(tree: SchoolTree, page_id: int | None) -> Section | None:
    return tree.by_id.get(page_id) if page_id else None


class DocumentSource(Source):
    """The documents registry: public and published, or staff-only (for the school's staff)."""

    label = "official_docs.officialdocument"

    def model(self):
        from official_docs.models import OfficialDocument

        return OfficialDocument

    def _queryset(self):
        return self.model().objects.select_related("document_type", "school__site__root_page")

    def load(self, object_id: int):
        return self._queryset().filter(pk=object_id).first()

    def for_school(self, school: School):
        return self._queryset().filter(school=school).order_by("pk").iterator(chunk_size=500)

    def items(self, doc, tree: SchoolTree) -> list[Item]:
        if not doc.is_public:
            visibility = Visibility.STAFF
        elif doc.published_at is not None:
            visibility = Visibility.PUBLIC
        else:
            return []
        return [
            Item(
                school_id=doc.school_id,
                kind=Kind.DOCUMENT,
                source=self.label,
                object_id=doc.pk,
                title=vntext.normalize(f"{doc.document_type.name} {doc.number}"),
                url=reverse("official_docs:detail", args=[doc.pk]),
                visibility=visibility,
                body=clean_text(
                    doc.summary, doc.issuing_body, doc.signer, doc.signer_position, doc.field
                ),
                date=doc.issued_on,
                section=_section(tree, doc.unit_id),
            )
        ]


class ResourceSource(Source):
    """The resources library: published and not staff-only, or staff-only (for staff)."""

    label = "resources.resource"

    def model(self):
        from resources.models import Resource

        return Resource

    def _queryset(self):
        return self.model().objects.select_related("kind", "school__site__root_page")

    def load(self, object_id: int):
        return self._queryset().filter(pk=object_id).first()

    def for_school(self, school: School):
        return self._queryset().filter(school=school).order_by("pk").iterator(chunk_size=500)

    def items(self, resource, tree: SchoolTree) -> list[Item]:
        if resource.is_staff_only:
            visibility = Visibility.STAFF
        elif resource.published_at is not None:
            visibility = Visibility.PUBLIC
        else:
            return []
        # "Lớp 8" as a school writes it, so "toán lớp 8" finds the grade-8 resources.
        grade = f"Lớp {resource.grade}" if resource.grade else ""
        return [
            Item(
                school_id=resource.school_id,
                kind=Kind.RESOURCE,
                source=self.label,
                object_id=resource.pk,
                title=vntext.normalize(resource.title),
                url=reverse("resources:detail", args=[resource.pk]),
                visibility=visibility,
                body=clean_text(
                    resource.description,
                    resource.kind.name,
                    resource.subject,
                    grade,
                    resource.authors,
                    resource.school_year,
                ),
                date=resource.approved_on or _local_date(resource.published_at),
                section=_section(tree, resource.team_id),
            )
        ]


class StaffSource(Source):
    """Staff members shown on the website: name, positions, board role, subjects, units. Never
    the e-mail or the phone."""

    label = "people.staffmember"

    def model(self):
        from people.models import StaffMember

        return StaffMember

    def _queryset(self):
        return (
            self.model().objects.select_related("school__site__root_page").prefetch_related("units")
        )

    def load(self, object_id: int):
        return self._queryset().filter(pk=object_id).first()

    def for_school(self, school: School):
        return self._queryset().filter(school=school).order_by("pk")

    def items(self, member, tree: SchoolTree) -> list[Item]:
        if not member.is_active:
            return []
        units = sorted(member.units.all(), key=lambda unit: unit.path)
        url = reverse("people:directory")
        if units:
            url += f"?don_vi={units[0].pk}"
        return [
            Item(
                school_id=member.school_id,
                kind=Kind.STAFF,
                source=self.label,
                object_id=member.pk,
                title=vntext.normalize(member.full_name),
                url=url,
                body=clean_text(
                    member.positions,
                    member.board_role,
                    member.subjects,
                    ", ".join(unit.title for unit in units),
                ),
                section=_section(tree, units[0].pk) if units else None,
            )
        ]


class WorkWeekSource(Source):
    """The items of published work weeks, as published (``WorkWeek.published_entries``)."""

    label = "schedules.workweek"

    def model(self):
        from schedules.models import WorkWeek

        return WorkWeek

    def _queryset(self):
        return self.model().objects.select_related("school__site__root_page")

    def load(self, object_id: int):
        return self._queryset().filter(pk=object_id).first()

    def for_school(self, school: School):
        return self._queryset().filter(school=school).published().order_by("pk")

    def items(self, week, tree: SchoolTree) -> list[Item]:
        if not (week.is_published and week.published_at):
            return []
        url = reverse("schedules_week", kwargs={"week": week.week_start.isoformat()})
        items = []
        for row in week.published_entries:
            content = vntext.normalize(row.get("content") or "")
            if not content:
                continue
            try:
                day = datetime.date.fromisoformat(row.get("date") or "")
            except ValueError:
                day = week.week_start
            items.append(
                Item(
                    school_id=week.school_id,
                    kind=Kind.CALENDAR,
                    source=self.label,
                    object_id=week.pk,
                    part=int(row.get("id") or len(items) + 1),
                    title=content[:200],
                    url=url,
                    body=clean_text(
                        content[200:],  # the title holds the beginning
                        row.get("place"),
                        row.get("chair"),
                        row.get("participants"),
                        row.get("preparation"),
                        row.get("notes"),
                    ),
                    date=day,
                )
            )
        return items


SOURCES: dict[str, Source] = {
    source.label: source
    for source in (
        PageSource(),
        DocumentSource(),
        ResourceSource(),
        StaffSource(),
        WorkWeekSource(),
    )
}
