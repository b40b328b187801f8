"""Reads of links; every function takes the school first."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from galleries.renditions import LINK_LOGO

LOGO_FILTER = LINK_LOGO.specs[0]


def list_footer_links(*, school):
    from .models import Link

    return list(Link.objects.for_school(school).filter(show_in_footer=True))


@dataclass
class LinkGroup:
    category: object  # a LinkCategory, or None for links without one
    links: list = field(default_factory=list)


def list_link_groups(*, school) -> list[LinkGroup]:
    """The school's links grouped by category (category order, then link order); links
    without a category come last. Logos come with their renditions: a constant number
    of queries however many links there are."""
    from wagtail.images import get_image_model

    from .models import Link

    images = get_image_model().objects.prefetch_renditions(LOGO_FILTER)
    links = (
        Link.objects.for_school(school)
        .select_related("category")
        .prefetch_related(Prefetch("logo", queryset=images))
        .order_by("category__sort_order", "category__name", "category_id", "sort_order", "title")
    )
    groups: dict[int | None, LinkGroup] = {}
    for link in links:
        groups.setdefault(link.category_id, LinkGroup(category=link.category)).links.append(link)
    uncategorised = groups.pop(None, None)
    return [*groups.values(), *([uncategorised] if uncategorised else [])]
