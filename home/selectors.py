"""Reads for the home page."""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page

SLOT_SIZE = 4


def list_home_slots(*, home: Page, size: int = SLOT_SIZE) -> list[tuple[Page, list[Page]]]:
    """For each top-level section shown in menus, its latest published items (two queries).

    Items are live, public pages anywhere below the section that are not themselves sections.
    """
    from sections.models import SectionPage

    sections = list(home.get_children().live().public().in_menu().order_by("path"))
    if not sections:
        return []
    within = Q()
    for section in sections:
        within |= Q(path__startswith=section.path, depth__gt=section.depth)
    # A bounded window: the newest items of the whole site cover every slot in practice;
    # sections with nothing that recent show an empty slot rather than costing a query each.
    recent = (
        Page.objects.live()
        .public()
        .filter(within)
        .not_type(SectionPage)
        .order_by("-first_published_at", "-pk")[: size * len(sections) * 5]
    )
    slots: dict[str, list[Page]] = {s.path: [] for s in sections}
    for page in recent:
        bucket = slots[page.path[: home.depth * Page.steplen + Page.steplen]]
        if len(bucket) < size:
            bucket.append(page)
    return [(section, slots[section.path]) for section in sections]
