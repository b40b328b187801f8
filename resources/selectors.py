"""Reads for the public side of the resources library.

Everything starts from the school. Visitors see the school's published resources that are not
staff-only; the school's own staff (``School.objects.for_user``) also see the staff-only ones. A
resource or file that is missing, belongs to another school or may not be seen answers the same
404; so does an answer key before its time, except to the school's staff.
The list and its facets cost a fixed number of queries whatever their length: one query per
facet (a ``values().annotate(Count)``), the count, the page and its files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

import vntext
from schools.models import School
from uploads.checks import KINDS
from uploads.naming import download_name as attached_download_name
from uploads.serving import access_attached_file

from .models import Resource, ResourceFile

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class ResourceFilters:
    """What a visitor narrowed the list to; ``None`` or "" means "any"."""

    q: str = ""
    kind_id: int | None = None
    subject: str = ""
    grade: int | None = None
    team_id: int | None = None
    school_year: str = ""


@dataclass(frozen=True)
class FacetValue:
    value: str  # as written in the query string
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    """One filter control of the list: its query parameter, its values with their counts
    (counted with every other filter applied, so each count is what choosing it would give)."""

    param: str
    label: str
    values: list[FacetValue]
    selected: str


def staff_school_ids(user) -> QuerySet:
    return School.objects.for_user(user).values("pk")


def is_staff_of(*, school: School, user) -> bool:
    return School.objects.for_user(user).filter(pk=school.pk).exists()


def visible_resources(*, school: School, user) -> QuerySet[Resource]:
    """The resources of ``school`` that ``user`` may see on the public site: the published ones
    that are not staff-only, and the staff-only ones when ``user`` is staff of ``school``
    (checked inside the same query)."""
    published = Q(is_staff_only=False, published_at__isnull=False)
    staff_only = Q(is_staff_only=True, school__in=staff_school_ids(user))
    return Resource.objects.for_school(school).filter(published | staff_only)


def _matching(resources: QuerySet, q: str) -> QuerySet:
    """Words of the title, the authors or the description (full-text search is a later issue)."""
    q = vntext.normalize(q)[:MAX_QUERY_LENGTH].strip()
    if not q:
        return resources
    return resources.filter(
        Q(title__icontains=q) | Q(authors__icontains=q) | Q(description__icontains=q)
    )


def _narrowed(resources: QuerySet, filters: ResourceFilters) -> QuerySet:
    if filters.kind_id:
        resources = resources.filter(kind_id=filters.kind_id)
    if filters.subject:
        resources = resources.filter(subject=filters.subject)
    if filters.grade:
        resources = resources.filter(grade=filters.grade)
    if filters.team_id:
        resources = resources.filter(team_id=filters.team_id)
    if filters.school_year:
        resources = resources.filter(school_year=filters.school_year)
    return resources


def list_resources(*, school: School, user, filters: ResourceFilters) -> QuerySet[Resource]:
    """The resources ``user`` may see, narrowed by ``filters``, newest approval first, with their
    kind, team and files loaded."""
    resources = _matching(visible_resources(school=school, user=user), filters.q)
    return (
        _narrowed(resources, filters)
        .select_related("kind", "team")
        .prefetch_related("files")
        .order_by(F("approved_on").desc(nulls_last=True), "-published_at", "-pk")
    )


def list_facets(*, school: School, user, filters: ResourceFilters) -> list[Facet]:
    """The five facets (kind, subject, grade, team, school year), five queries in all."""
    base = _matching(visible_resources(school=school, user=user), filters.q)

    def counted(without: str, *fields: str) -> QuerySet:
        others = replace(
            filters, **{without: ResourceFilters.__dataclass_fields__[without].default}
        )
        return _narrowed(base, others).values(*fields).annotate(n=Count("pk"))

    kinds = counted("kind_id", "kind_id", "kind__name", "kind__sort_order").order_by(
        "kind__sort_order", "kind__name"
    )
    subjects = sorted(
        counted("subject", "subject").exclude(subject="").order_by(),
        key=lambda row: vntext.sort_key(row["subject"]),
    )
    grades = counted("grade", "grade").exclude(grade__isnull=True).order_by("grade")
    teams = sorted(
        counted("team_id", "team_id", "team__title").exclude(team__isnull=True).order_by(),
        key=lambda row: vntext.sort_key(row["team__title"]),
    )
    years = counted("school_year", "school_year").exclude(school_year="").order_by("-school_year")

    def chosen(value) -> str:
        return "" if value in (None, "") else str(value)

    return [
        Facet("loai", _("Kind"), [FacetValue(str(r["kind_id"]), r["kind__name"], r["n"]) for r in kinds], chosen(filters.kind_id)),
        Facet("mon", _("Subject"), [FacetValue(r["subject"], r["subject"], r["n"]) for r in subjects], chosen(filters.subject)),
        Facet("lop", _("Grade"), [FacetValue(str(r["grade"]), str(r["grade"]), r["n"]) for r in grades], chosen(filters.grade)),
        Facet("to", _("Subject team"), [FacetValue(str(r["team_id"]), r["team__title"], r["n"]) for r in teams], chosen(filters.team_id)),
        Facet("nam_hoc", _("School year"), [FacetValue(r["school_year"], r["school_year"], r["n"]) for r in years], chosen(filters.school_year)),
    ]  # fmt: skip


def access_resource(*, school: School, user, pk: int) -> Resource:
    try:
        return (
            visible_resources(school=school, user=user)
            .select_related("kind", "team")
            .prefetch_related("files")
            .get(pk=pk)
        )
    except Resource.DoesNotExist:
        raise Http404 from None


def access_resource_file(*, school: School, user, pk: int) -> ResourceFile:
    return access_attached_file(
        ResourceFile,
        parent_field="resource",
        visible_parents=visible_resources(school=school, user=user),
        pk=pk,
    )


def access_answer_key(*, school: School, user, pk: int) -> Resource:
    """The resource whose answer key ``user`` may download now: once its time has come, or at
    any time for the school's staff. Before that, the same 404 as for a missing one."""
    resource = access_resource(school=school, user=user, pk=pk)
    if not resource.answer_key or resource.answer_key_kind not in KINDS:
        raise Http404
    if not resource.answer_key_visible and not is_staff_of(school=school, user=user):
        raise Http404
    return resource


def first_pdf(files) -> ResourceFile | None:
    return next((f for f in files if f.kind == "pdf"), None)


def download_name(resource_file: ResourceFile) -> str:
    """The readable name the file is saved under, always with the extension of its content."""
    return attached_download_name(resource_file.title, resource_file.file.name, resource_file.kind)


def answer_key_name(resource: Resource) -> str:
    return attached_download_name(
        str(_("Answer key – %(title)s") % {"title": resource.title}),
        resource.answer_key.name,
        resource.answer_key_kind,
    )


def list_team_resources(*, school: School, team, limit: int = 5) -> list[Resource]:
    """The newest public resources of a subject team (tổ) of the school."""
    return list(
        Resource.objects.for_school(school)
        .filter(team=team, is_staff_only=False, published_at__isnull=False)
        .select_related("kind")
        .order_by(F("approved_on").desc(nulls_last=True), "-published_at", "-pk")[:limit]
    )
