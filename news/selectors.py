"""Reads for news: listings, archives, the urgent banner, the home page's lists.

Every function takes the school's root page (or a section) first and returns only live pages
without view restrictions. Listings cost a fixed number of queries whatever their length."""

from __future__ import annotations

import datetime

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from wagtail.models import Page

from galleries.models import AlbumPage, AlbumPhoto
from galleries.renditions import prefetch_renditions

from .models import ArticlePage

LISTING_PAGE_SIZE = 12


def _visible(queryset: QuerySet, root: Page) -> QuerySet:
    return queryset.live().public().descendant_of(root)


def _with_covers(articles: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    return articles.select_related("cover_image").prefetch_related(
        prefetch_renditions("card", lookup="cover_image__renditions")
    )


def _with_first_photo(albums: QuerySet[AlbumPage]) -> QuerySet[AlbumPage]:
    """Albums with only their first photo (``album.photos.all``) and its card renditions:
    a card shows one photo, however many the album holds."""
    position = Window(RowNumber(), partition_by=F("page_id"), order_by=("sort_order", "pk"))
    first = AlbumPhoto.objects.annotate(position=position).filter(position=1)
    return albums.prefetch_related(
        Prefetch("photos", queryset=first.select_related("image")),
        prefetch_renditions("card", lookup="photos__image__renditions"),
    )


def list_section_items(
    *, section: Page, tag: str | None = None, month: datetime.date | None = None, page_number=None
) -> PaginatorPage:
    """Everything published below ``section`` that is not itself a section, pinned
    announcements first, then newest first, one page of results, specific objects."""
    from sections.models import SectionPage

    today = timezone.localdate()
    items = (
        _visible(Page.objects.all(), section)
        .not_type(SectionPage)
        .annotate(
            pinned=Case(
                When(articlepage__pinned_until__gte=today, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-pinned", "-first_published_at", "-pk")
    )
    if tag:
        items = items.filter(articlepage__tags__slug=tag)
    if month:
        zone = timezone.get_current_timezone()
        start = datetime.datetime(month.year, month.month, 1, tzinfo=zone)
        end = datetime.datetime(
            month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=zone
        )
        items = items.filter(first_published_at__gte=start, first_published_at__lt=end)
    page = Paginator(items.values_list("pk", flat=True), LISTING_PAGE_SIZE).get_page(page_number)
    page.object_list = specific_in_order(list(page.object_list))
    return page


def specific_in_order(pks: list[int]) -> list[Page]:
    """The specific pages for ``pks`` in that order, with what their cards show prefetched."""
    from sections.models import StandardPage

    found: dict[int, Page] = {}
    found.update((p.pk, p) for p in _with_covers(ArticlePage.objects.filter(pk__in=pks)))
    found.update((p.pk, p) for p in _with_first_photo(AlbumPage.objects.filter(pk__in=pks)))
    rest = [pk for pk in pks if pk not in found]
    if rest:
        found.update((p.pk, p) for p in StandardPage.objects.filter(pk__in=rest))
        rest = [pk for pk in rest if pk not in found]
    if rest:
        found.update((p.pk, p) for p in Page.objects.filter(pk__in=rest).specific())
    return [found[pk] for pk in pks if pk in found]


def list_archive_months(*, section: Page) -> list[datetime.date]:
    """Months in which something was published below ``section``, newest first."""
    from sections.models import SectionPage

    dates = (
        _visible(Page.objects.all(), section)
        .not_type(SectionPage)
        .exclude(first_published_at=None)
        .datetimes("first_published_at", "month", order="DESC")
    )
    return [d.date() if isinstance(d, datetime.datetime) else d for d in dates]


def list_urgent_announcements(*, root: Page) -> list[ArticlePage]:
    today = timezone.localdate()
    return list(
        _visible(ArticlePage.objects.all(), root)
        .filter(is_urgent=True, pinned_until__gte=today)
        .order_by("-first_published_at")[:3]
    )


def list_latest_articles(*, root: Page, kind: str, limit: int = 5) -> list[ArticlePage]:
    """Latest articles published in sections of ``kind`` ("news" or "announcements")."""
    from sections.models import SectionPage

    paths = SectionPage.objects.descendant_of(root).filter(kind=kind).values_list("path", flat=True)
    within = Q()
    for path in paths:
        within |= Q(path__startswith=path)
    if not within:
        return []
    today = timezone.localdate()
    return list(
        _with_covers(_visible(ArticlePage.objects.all(), root).filter(within))
        .annotate(
            pinned=Case(
                When(pinned_until__gte=today, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-pinned", "-first_published_at")[:limit]
    )


def list_upcoming_events(*, root: Page, limit: int = 5) -> list[ArticlePage]:
    now = timezone.now()
    return list(
        _visible(ArticlePage.objects.all(), root)
        .filter(Q(event_end__gte=now) | Q(event_end=None, event_start__gte=now))
        .exclude(event_start=None)
        .order_by("event_start")[:limit]
    )


def list_latest_albums(*, root: Page, limit: int = 4) -> list[AlbumPage]:
    albums = _with_first_photo(_visible(AlbumPage.objects.all(), root))
    return list(albums.order_by("-first_published_at")[:limit])


def list_tagged_articles(*, root: Page, tag: str, page_number=None) -> PaginatorPage:
    articles = _with_covers(
        _visible(ArticlePage.objects.all(), root).filter(tags__slug=tag)
    ).order_by("-first_published_at")
    return Paginator(articles, LISTING_PAGE_SIZE).get_page(page_number)
