"""Writes for links: the starting set of a new school, the results of a link check."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import vntext
from schools.models import School

from .checking import CheckResult, check_urls
from .models import Link, LinkCategory

SECTOR_SYSTEMS = "Hệ thống của ngành"
AUTHORITIES = "Cơ quan quản lý"
OTHER = "Khác"
DEFAULT_CATEGORIES = (SECTOR_SYSTEMS, AUTHORITIES, OTHER)
# The Sở and the Phòng differ per province and district: they come from the install's
# ``PORTAL_AUTHORITY_LINKS`` setting or from ``create_school(authority_links=...)``.
DEFAULT_LINKS = (
    (SECTOR_SYSTEMS, "Trường học kết nối", "https://truonghocketnoi.edu.vn/"),
    (SECTOR_SYSTEMS, "vnEdu", "https://vnedu.vn/"),
    (SECTOR_SYSTEMS, "CSDL ngành Giáo dục", "https://csdl.moet.gov.vn/"),
)


def clean_authority_links(links: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """``[(title, url), ...]`` with NFC titles; a missing title or a bad address is refused."""
    cleaned = []
    for title, url in links:
        title, url = vntext.normalize(title or ""), (url or "").strip()
        if not title:
            raise ValidationError(_("Each authority link needs a title."))
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError(
                _("“%(url)s” is not a valid web address.") % {"url": url}
            ) from None
        cleaned.append((title, url))
    return cleaned


@transaction.atomic
def seed_links(*, school, authority_links: Iterable[tuple[str, str]] | None = None) -> None:
    """Give a new school the usual link categories, the sector's systems and its education
    authorities (the Sở, the Phòng), all editable after. ``authority_links`` (``(title, url)``
    pairs) replaces the install's ``PORTAL_AUTHORITY_LINKS`` when given."""
    if authority_links is None:
        authority_links = settings.PORTAL_AUTHORITY_LINKS
    authorities = [(AUTHORITIES, t, u) for t, u in clean_authority_links(authority_links)]
    LinkCategory.objects.bulk_create(
        [
            LinkCategory(school=school, name=name, sort_order=i)
            for i, name in enumerate(DEFAULT_CATEGORIES)
        ],
        ignore_conflicts=True,
    )
    categories = {c.name: c for c in LinkCategory.objects.for_school(school)}
    seen = set(Link.objects.for_school(school).values_list("url", flat=True))
    new = []
    for i, (category, title, url) in enumerate([*DEFAULT_LINKS, *authorities]):
        if url not in seen:
            seen.add(url)
            new.append(
                Link(
                    school=school, category=categories[category], title=title, url=url, sort_order=i
                )
            )
    Link.objects.bulk_create(new)


@dataclass(frozen=True)
class SchoolLinkReport:
    """One school's links after a check, and the dead ones with their result."""

    school: School
    checked: int
    dead: list[tuple[Link, CheckResult]]


def check_links(
    *, schools: Iterable[School], timeout: float = 5.0, workers: int = 4, dry_run: bool = False
) -> list[SchoolLinkReport]:
    """Check every link of ``schools`` (each distinct address once) and, unless ``dry_run``,
    record each result on its link. Used by ``manage.py check_links`` and the daily task."""
    schools = list(schools)
    links = list(Link.objects.filter(school__in=schools).order_by("school_id", "sort_order"))
    results = check_urls([link.url for link in links], timeout=timeout, workers=workers)
    if not dry_run:
        for link in links:
            result = results[link.url]
            record_check(link_id=link.pk, status=result.status, is_broken=result.is_broken)
    reports = []
    for school in schools:
        own = [link for link in links if link.school_id == school.pk]
        dead = [(link, results[link.url]) for link in own if results[link.url].is_broken]
        reports.append(SchoolLinkReport(school=school, checked=len(own), dead=dead))
    return reports


def record_check(*, link_id: int, status: str, is_broken: bool) -> None:
    """Store one check's result: a single UPDATE, so the editor's fields are never overwritten."""
    Link.objects.filter(pk=link_id).update(
        last_checked_at=timezone.now(), last_status=status, is_broken=is_broken
    )
