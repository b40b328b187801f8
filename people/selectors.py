"""Reads for the public staff pages: the directory, the editorial board, the organisation chart
and the members block of a unit page.

Everything starts from the school. Templates never receive a ``StaffMember``: they get a
``PublicMember`` holding only what may be published, so a private e-mail or phone cannot leak
through a template, a feed or JSON by mistake. Each listing costs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

import vntext
from galleries.renditions import prefetch_renditions
from schools.models import School

from .models import StaffMember

# Slugs of the plan's sections whose sub-sections are the school's units.
UNIT_PARENT_SLUGS = ("co-cau-to-chuc", "to-chuyen-mon")


@dataclass(frozen=True)
class PublicMember:
    """What the public may know of a staff member."""

    pk: int
    full_name: str
    photo: object | None
    positions: str
    subjects: str
    qualification: str
    units: tuple
    email: str
    phone: str
    board_role: str


def _public(member: StaffMember) -> PublicMember:
    return PublicMember(
        pk=member.pk,
        full_name=member.full_name,
        photo=member.photo,
        positions=member.positions,
        subjects=member.subjects,
        qualification=member.qualification,
        units=tuple(member.units.all()),
        email=member.public_email,
        phone=member.public_phone,
        board_role=member.board_role,
    )


def _name_key(member: StaffMember):
    return vntext.person_sort_key(member.full_name)


def unit_pages(*, school: School) -> list:
    """The school's units: the live sub-sections of "Cơ cấu tổ chức" and "Tổ chuyên môn",
    in the order of the page tree. Two queries."""
    from sections.models import SectionPage

    root = school.site.root_page
    parents = list(
        SectionPage.objects.child_of(root).filter(slug__in=UNIT_PARENT_SLUGS).order_by("path")
    )
    if not parents:
        return []
    under = Q()
    for parent in parents:
        under |= Q(path__startswith=parent.path, depth=parent.depth + 1)
    return list(SectionPage.objects.live().filter(under).order_by("path"))


def _members(*, school: School) -> QuerySet[StaffMember]:
    """The school's active members with their photo, its renditions and their live units."""
    from sections.models import SectionPage

    return (
        StaffMember.objects.for_school(school)
        .active()
        .select_related("photo")
        .prefetch_related(
            prefetch_renditions("staff_photo", lookup="photo__renditions"),
            Prefetch(
                "units",
                queryset=SectionPage.objects.live()
                .descendant_of(school.site.root_page)
                .order_by("path"),
            ),
        )
    )


def list_directory(*, school: School, unit_id: int | None = None) -> list[PublicMember]:
    """The school's staff sorted the Vietnamese way (given name, middle, family name),
    only the members of unit ``unit_id`` when it is given."""
    members = _members(school=school)
    if unit_id:
        members = members.filter(units=unit_id)
    return [_public(m) for m in sorted(members, key=_name_key)]


def list_board(*, school: School) -> list[PublicMember]:
    """The editorial board (Ban biên tập) in its order."""
    members = _members(school=school).filter(is_on_editorial_board=True)
    return [_public(m) for m in sorted(members, key=lambda m: (m.sort_order, _name_key(m)))]


def list_unit_members(*, school: School, unit) -> list[PublicMember]:
    """The members of one unit, by their order, then the Vietnamese way."""
    members = _members(school=school).filter(units=unit)
    return [_public(m) for m in sorted(members, key=lambda m: (m.sort_order, _name_key(m)))]


@dataclass(frozen=True)
class OrgUnit:
    page: object
    members: list[PublicMember]


def organisation_chart(*, school: School) -> list[OrgUnit]:
    """Each unit of the school with its members; a fixed number of queries."""
    units = unit_pages(school=school)
    members = sorted(
        _members(school=school).filter(units__in=units).distinct(),
        key=lambda m: (m.sort_order, _name_key(m)),
    )
    by_unit: dict[int, list[PublicMember]] = {unit.pk: [] for unit in units}
    for member in members:
        public = _public(member)
        for unit in public.units:
            if unit.pk in by_unit:
                by_unit[unit.pk].append(public)
    return [OrgUnit(page=unit, members=by_unit[unit.pk]) for unit in units]
