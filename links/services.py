"""Writes for links: the starting set of a new school, the results of a link check."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Link, LinkCategory

SECTOR_SYSTEMS = "Hệ thống của ngành"
AUTHORITIES = "Cơ quan quản lý"
OTHER = "Khác"
DEFAULT_CATEGORIES = (SECTOR_SYSTEMS, AUTHORITIES, OTHER)
# The Sở and the Phòng differ per province and district: the school adds them under AUTHORITIES.
DEFAULT_LINKS = (
    (SECTOR_SYSTEMS, "Trường học kết nối", "https://truonghocketnoi.edu.vn/"),
    (SECTOR_SYSTEMS, "vnEdu", "https://vnedu.vn/"),
    (SECTOR_SYSTEMS, "CSDL ngành Giáo dục", "https://csdl.moet.gov.vn/"),
)


@transaction.atomic
def seed_links(*, school) -> None:
    """Give a new school the usual link categories and the sector's systems (editable after)."""
    LinkCategory.objects.bulk_create(
        [
            LinkCategory(school=school, name=name, sort_order=i)
            for i, name in enumerate(DEFAULT_CATEGORIES)
        ],
        ignore_conflicts=True,
    )
    categories = {c.name: c for c in LinkCategory.objects.for_school(school)}
    existing = set(Link.objects.for_school(school).values_list("url", flat=True))
    Link.objects.bulk_create(
        [
            Link(school=school, category=categories[category], title=title, url=url, sort_order=i)
            for i, (category, title, url) in enumerate(DEFAULT_LINKS)
            if url not in existing
        ]
    )


def record_check(*, link_id: int, status: str, is_broken: bool) -> None:
    """Store one check's result: a single UPDATE, so the editor's fields are never overwritten."""
    Link.objects.filter(pk=link_id).update(
        last_checked_at=timezone.now(), last_status=status, is_broken=is_broken
    )
