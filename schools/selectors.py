"""Reads for tenancy. Every lookup of school data goes through the school."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from wagtail.models import Page, Site

import vntext

from .models import School, SchoolGroup
from .plan import ASSIGNING_ROLES, ROLES


def school_or_404(request) -> School:
    """The school of the public request's host (set by the middleware), or 404."""
    school = getattr(request, "school", None)
    if school is None:
        raise Http404
    return school


def get_school_for_site(site: Site | None) -> School | None:
    if site is None:
        return None
    try:
        return School.objects.select_related("site", "logo").get(site=site)
    except School.DoesNotExist:
        return None


def schools_for_user(user) -> QuerySet[School]:
    return School.objects.for_user(user)


def pages_for_user(user, queryset: QuerySet[Page]) -> QuerySet[Page]:
    """Restrict a page queryset to the trees of the user's schools (a superuser sees all)."""
    if user.is_superuser:
        return queryset
    paths = Page.objects.filter(sites_rooted_here__school__in=schools_for_user(user)).values_list(
        "path", flat=True
    )
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return queryset.filter(condition) if condition else queryset.none()


def manageable_users(actor) -> QuerySet:
    """Users an actor may see and manage in the admin.

    A superuser manages everybody. Anyone else manages only the non-superusers whose every
    school role lies in the actor's schools, so no school can reach another school's staff.
    """
    users = get_user_model()._default_manager.all()
    if actor.is_superuser:
        return users
    schools = schools_for_user(actor)
    outside = SchoolGroup.objects.filter(group__user=OuterRef("pk")).exclude(school__in=schools)
    return (
        users.filter(is_superuser=False, groups__school_role__school__in=schools)
        .exclude(Exists(outside))
        .distinct()
    )


def access_user(*, actor, pk) -> object:
    try:
        return manageable_users(actor).get(pk=pk)
    except (get_user_model().DoesNotExist, ValueError):
        raise Http404 from None


def page_in_school(page: Page, school: School) -> bool:
    """Whether ``page`` lies in ``school``'s tree."""
    return (
        Page.objects.filter(pk=page.pk)
        .descendant_of(school.site.root_page, inclusive=True)
        .exists()
    )


def school_for_page(page: Page) -> School | None:
    """The school whose site contains ``page`` (None outside every school)."""
    return School.objects.filter(site__root_page__in=page.get_ancestors(inclusive=True)).first()


# --- the assignment table ("Phân công") ----------------------------------------------------


def schools_for_assignment(user) -> QuerySet[School]:
    """Schools whose sections ``user`` may assign to people: those where the user is head,
    deputy or system administrator (every school for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    if user.is_superuser:
        return School.objects.all()
    return School.objects.filter(
        role_groups__role__in=ASSIGNING_ROLES, role_groups__group__user=user
    ).distinct()


def staff_display_name(user) -> str:
    """A person's name in Vietnamese order, family name first ("Phạm Tấn Danh")."""
    return vntext.normalize(f"{user.last_name} {user.first_name}") or user.get_username()


@dataclass
class StaffColumn:
    user: object
    name: str
    roles: list[str] = field(default_factory=list)


@dataclass
class SectionRow:
    section: object
    level: int  # 0 for the plan's ten top-level sections
    people: set[int] = field(default_factory=set)


def assignment_matrix(school: School) -> tuple[list[SectionRow], list[StaffColumn]]:
    """The school's sections in tree order × its staff in Vietnamese name order, with who
    answers for what. A fixed number of queries, whatever the number of sections and people."""
    from sections.models import SectionPage

    home = school.site.root_page
    sections = list(
        SectionPage.objects.descendant_of(home)
        .order_by("path")
        .only("pk", "title", "depth", "path", "responsible_note")
    )
    relation = SectionPage._meta.get_field("responsible_people")
    source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    people: dict[int, set[int]] = {}
    for section_id, user_id in relation.remote_field.through.objects.filter(
        **{f"{source}_id__in": [s.pk for s in sections]}
    ).values_list(f"{source}_id", f"{target}_id"):
        people.setdefault(section_id, set()).add(user_id)
    rows = [
        SectionRow(section=s, level=s.depth - home.depth - 1, people=people.get(s.pk, set()))
        for s in sections
    ]
    role_names = {role.code: role.name for role in ROLES}
    roles: dict[int, list[str]] = {}
    for user_id, code in (
        SchoolGroup.objects.filter(school=school).order_by("pk").values_list("group__user", "role")
    ):
        if user_id is not None:
            roles.setdefault(user_id, []).append(role_names.get(code, code))
    columns = [
        StaffColumn(user=user, name=staff_display_name(user), roles=roles.get(user.pk, []))
        for user in get_user_model()._default_manager.filter(pk__in=list(roles))
    ]
    columns.sort(key=lambda column: vntext.person_sort_key(column.name))
    return rows, columns
