"""Reads of the site search: the results of a query for one school, its filters, suggestions,
and the search-terms report.

``search()`` asks the backend (``search.backends``) for up to 200 candidates that have every
word of the query (the last one as a prefix while it is being typed), or, when none has them
all, the candidates that have some words or a near spelling (typing mistakes); then ranks them
with ``vntext.match_key`` (research note §2.7: coverage, exact diacritics, phrase, title, then
the newest first), pages through them and reads the page's entries. Everything is confined to
the school, and to what the visitor may see (staff-only items for the school's staff).

Queries: the candidates (one statement; one more when nothing has every word), the promoted
results (first page only) and the page's entries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, OuterRef, Subquery, Sum
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

import vntext
from schools.models import School

from .backends import get_backend
from .backends.base import CANDIDATES, DATE, RELEVANCE, TYPO_MIN_LENGTH, Filters
from .models import Kind, Promotion, SearchEntry, SearchQuery, Visibility

PER_PAGE = 10
SUGGESTIONS = 6
PAGE = "wagtailcore.page"


@dataclass(frozen=True)
class SectionChoice:
    id: int
    title: str
    path: str
    level: int  # 0: a section of the plan, 1: one of its sub-sections


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    id: int
    title: str
    title_html: SafeString
    url: str
    date: datetime.date | None
    section_title: str
    snippet: str
    snippet_html: SafeString
    staff_only: bool


@dataclass
class Results:
    query: vntext.Query
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: PaginatorPage | None = None
    promoted: list[Hit] = field(default_factory=list)
    some_words_only: bool = False  # nothing had every word: results with some of them

    @property
    def shown(self) -> int:
        """How many results can be paged through (the best ``CANDIDATES``)."""
        return self.page.paginator.count if self.page else 0


def marked(text: str, spans: list[tuple[int, int]]) -> SafeString:
    """``text`` escaped, the spans wrapped in ``<mark>``."""
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def is_staff_of(*, school: School, user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return School.objects.for_user(user).filter(pk=school.pk).exists()


def section_choices(*, school: School) -> list[SectionChoice]:
    """The school's live public sections and their sub-sections, in tree order (one query,
    read from the index)."""
    rows = sorted(
        SearchEntry.objects.filter(
            school=school, kind=Kind.SECTION, visibility=Visibility.PUBLIC
        ).values_list("object_id", "title", "section_path"),
        key=lambda row: row[2],
    )
    if not rows:
        return []
    top = min(len(path) for _, _, path in rows)
    step = 4
    return [
        SectionChoice(pk, title, path, (len(path) - top) // step)
        for pk, title, path in rows
        if len(path) <= top + step
    ]


def _order(query: vntext.Query, candidates, *, order: str, fuzzy: bool) -> list[int]:
    if order == DATE:
        ranked = sorted(candidates, key=lambda c: (c.date or datetime.date.min, c.id), reverse=True)
        return [c.id for c in ranked]
    # With some words only (``fuzzy``), at least half of them must match (or nearly match).
    needed = max(1, len(set(query.folded)) // 2) if fuzzy else 1
    keyed = []
    for c in candidates:
        key = vntext.match_key(
            query, c.title_exact, c.title_folded, c.body_exact, c.body_folded, fuzzy=fuzzy
        )
        if key[0] + key[1] >= needed:
            keyed.append((key, c.date or datetime.date.min, -len(c.title_exact), c.id))
    keyed.sort(reverse=True)
    return [row[-1] for row in keyed]


def _hit(entry: SearchEntry, query: vntext.Query, *, with_snippet: bool = True) -> Hit:
    title_spans = vntext.highlight_spans(entry.title, query)
    text, spans = vntext.snippet(entry.body, query) if with_snippet else ("", [])
    return Hit(
        kind=entry.kind,
        kind_label=str(Kind(entry.kind).label),
        id=entry.part or entry.object_id,
        title=entry.title,
        title_html=marked(entry.title, title_spans),
        url=entry.url,
        date=entry.date,
        section_title=entry.section_title,
        snippet=text,
        snippet_html=marked(text, spans),
        staff_only=entry.visibility == Visibility.STAFF,
    )


def _promoted_pages(school: School, raw: str, query: vntext.Query) -> list[tuple[int, str]]:
    """``(page id, description)`` of the promoted results for the query: the school's own
    (``Promotion``) and, for this school's pages, Wagtail's (superusers'), in order. Only
    pages in the index (live, public, this school's) count. One query."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    indexed = Exists(
        SearchEntry.objects.filter(
            school=school, source=PAGE, object_id=OuterRef("page_id"), visibility=Visibility.PUBLIC
        )
    )
    ours = (
        Promotion.objects.filter(indexed, school=school, query_key=query.text)
        .order_by()
        .values_list("page_id", "description", "sort_order")
    )
    wagtails = (
        SearchPromotion.objects.filter(indexed, query__query_string=normalise_query_string(raw))
        .order_by()
        .values_list("page_id", "description", "sort_order")
    )
    rows = sorted(ours.union(wagtails, all=True), key=lambda row: row[2] or 0)
    seen: dict[int, str] = {}
    for page_id, description, _order_value in rows:
        seen.setdefault(page_id, description)
    return list(seen.items())


def search(
    *,
    school: School,
    text: str,
    staff: bool = False,
    filters: Filters | None = None,
    order: str = RELEVANCE,
    page_number: object = 1,
    per_page: int = PER_PAGE,
    promotions: bool = True,
    snippets: bool = True,
) -> Results:
    """The results of ``text`` for ``school``'s visitors (``staff``: its staff, who also see
    staff-only documents and resources)."""
    query = vntext.parse_query(text)
    results = Results(query)
    if not query:
        return results
    filters = filters or Filters()
    backend = get_backend()
    visibilities = (Visibility.PUBLIC, Visibility.STAFF) if staff else (Visibility.PUBLIC,)
    ask = {"school_id": school.pk, "visibilities": tuple(str(v) for v in visibilities)}
    found = backend.candidates(**ask, query=query, filters=filters, order=order, mode="all")
    if not found.rows and (
        len(set(query.folded)) > 1 or any(len(w) >= TYPO_MIN_LENGTH for w in query.folded)
    ):
        found = backend.candidates(**ask, query=query, filters=filters, order=order, mode="any")
        results.some_words_only = True
    ids = _order(query, found.rows, order=order, fuzzy=results.some_words_only)
    results.total = max(found.total, len(ids)) if not results.some_words_only else len(ids)
    results.page = Paginator(ids, per_page).get_page(page_number)
    promoted_pages = []
    if promotions and results.page.number == 1 and order == RELEVANCE:
        promoted_pages = _promoted_pages(school, text, query)
    page_ids = list(results.page.object_list)
    if not page_ids and not promoted_pages:
        return results
    wanted = SearchEntry.objects.filter(pk__in=page_ids)
    if promoted_pages:
        wanted = wanted | SearchEntry.objects.filter(
            school=school, source=PAGE, object_id__in=[pk for pk, _ in promoted_pages]
        )
    fields = ["id", "kind", "source", "object_id", "part", "visibility", "title", "url", "date",
              "section_title"]  # fmt: skip
    entries = list(wanted.only(*fields, "body") if snippets else wanted.only(*fields))
    by_id = {entry.pk: entry for entry in entries}
    by_page = {entry.object_id: entry for entry in entries if entry.source == PAGE}
    promoted_ids = set()
    for page_id, description in promoted_pages:
        entry = by_page.get(page_id)
        if entry is None:
            continue
        hit = _hit(entry, query, with_snippet=snippets)
        if description:
            hit = replace(hit, snippet=description, snippet_html=escape(description))
        results.promoted.append(hit)
        promoted_ids.add(entry.pk)
    results.hits = [
        _hit(by_id[pk], query, with_snippet=snippets)
        for pk in page_ids
        if pk in by_id and pk not in promoted_ids
    ]
    return results


# --- the search-terms report (admin) ------------------------------------------------------


@dataclass(frozen=True)
class TermRow:
    query: str
    searches: int
    days: int
    last_day: datetime.date
    hits: int  # results of the last search


def search_terms(*, school: School, since: datetime.date, limit: int = 50) -> list[TermRow]:
    """The school's most searched terms since ``since``, with the results the last search of
    each found. One query."""
    last_hits = SearchQuery.objects.filter(school=school, query=OuterRef("query")).order_by("-day")
    rows = (
        SearchQuery.objects.filter(school=school, day__gte=since)
        .values("query")
        .annotate(
            searches=Sum("count"),
            days=Count("pk"),
            last_day=Max("day"),
            last_hits=Subquery(last_hits.values("hits")[:1]),
        )
        .order_by("-searches", "query")[:limit]
    )
    return [
        TermRow(r["query"], r["searches"], r["days"], r["last_day"], r["last_hits"]) for r in rows
    ]


def terms_without_results(
    *, school: School, since: datetime.date, limit: int = 50
) -> list[TermRow]:
    """Terms whose searches since ``since`` found nothing, most searched first. One query."""
    rows = (
        SearchQuery.objects.filter(school=school, day__gte=since, hits=0)
        .values("query")
        .annotate(searches=Sum("count"), days=Count("pk"), last_day=Max("day"))
        .order_by("-searches", "query")[:limit]
    )
    return [TermRow(r["query"], r["searches"], r["days"], r["last_day"], 0) for r in rows]


__all__ = [
    "CANDIDATES",
    "DATE",
    "RELEVANCE",
    "Filters",
    "Hit",
    "Results",
    "SectionChoice",
    "is_staff_of",
    "search",
    "search_terms",
    "section_choices",
    "terms_without_results",
]
