"""Reads for the public side of the documents registry.

Everything starts from the school. Visitors see the school's published public documents; the
school's own staff (``School.objects.for_user``) also see its staff-only ones. A document or file
that is missing, belongs to another school or may not be seen answers the same 404.
Listings cost a fixed number of queries whatever their length.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import vntext
from schools.models import School
from uploads.naming import download_name as attached_download_name
from uploads.serving import access_attached_file

from .models import DocumentFile, DocumentRelation, OfficialDocument

IN_FORCE, EXPIRED = "con", "het"  # values of the status filter (``?hieu_luc=``)
MAX_QUERY_LENGTH = 200
# How a relation reads from its target's side ("B replaces A": on A's page, "Replaced by B").
INCOMING_LABELS = {
    "replaces": _("Replaced by"),
    "amends": _("Amended by"),
    "guides": _("Guided by"),
    "related": _("Related to"),
}


@dataclass(frozen=True)
class DocumentFilters:
    """What a visitor narrowed the list to; ``None`` or "" means "any"."""

    q: str = ""
    issuer_group: str = ""
    type_id: int | None = None
    year: int | None = None
    field: str = ""
    status: str = ""
    unit_id: int | None = None


def visible_documents(*, school: School, user) -> QuerySet[OfficialDocument]:
    """The documents of ``school`` that ``user`` may see on the public site: the published
    public ones, and the staff-only ones when ``user`` is staff of ``school`` (checked inside
    the same query)."""
    staff_only = Q(is_public=False, school__in=School.objects.for_user(user).values("pk"))
    published = Q(is_public=True, published_at__isnull=False)
    return OfficialDocument.objects.for_school(school).filter(published | staff_only)


def _matching(documents: QuerySet, q: str) -> QuerySet:
    """``q`` is a number, in full or in part, however it is typed ("37/2020", "tt-bgddt"),
    or words of the summary."""
    q = vntext.normalize(q)[:MAX_QUERY_LENGTH]
    if not q:
        return documents
    condition = Q(summary__icontains=q)
    key = OfficialDocument.make_number_key(q)
    if key:
        condition |= Q(number_key__contains=key)
    return documents.filter(condition)


def list_documents(*, school: School, user, filters: DocumentFilters) -> QuerySet:
    """The documents ``user`` may see, narrowed by ``filters``, newest issue date first, with
    their type and files loaded."""
    documents = _matching(visible_documents(school=school, user=user), filters.q)
    if filters.issuer_group:
        documents = documents.filter(issuer_group=filters.issuer_group)
    if filters.type_id:
        documents = documents.filter(document_type_id=filters.type_id)
    if filters.year:
        documents = documents.filter(issued_on__year=filters.year)
    if filters.field:
        documents = documents.filter(field=filters.field)
    if filters.unit_id:
        documents = documents.filter(unit_id=filters.unit_id)
    today = timezone.localdate()
    if filters.status == IN_FORCE:
        documents = documents.filter(Q(expires_on__isnull=True) | Q(expires_on__gt=today))
    elif filters.status == EXPIRED:
        documents = documents.filter(expires_on__lte=today)
    return (
        documents.select_related("document_type")
        .prefetch_related("files")
        .order_by("-issued_on", "-pk")
    )


def filter_choices(*, school: School, user) -> dict[str, list]:
    """What the filter form offers: the school's types, and the years and fields in use."""
    from .models import DocumentType

    documents = visible_documents(school=school, user=user)
    years = documents.dates("issued_on", "year", order="DESC")
    fields = documents.exclude(field="").order_by("field").values_list("field", flat=True)
    return {
        "types": list(DocumentType.objects.for_school(school)),
        "years": [d.year for d in years],
        "fields": list(fields.distinct()),
    }


def find_unit(*, school: School, pk: int | None):
    """The unit (a ``SectionPage``) of ``school`` with id ``pk``, or ``None``."""
    from sections.models import SectionPage

    if not pk:
        return None
    units = SectionPage.objects.live().descendant_of(school.site.root_page)
    return units.filter(pk=pk).first()


def access_document(*, school: School, user, pk: int) -> OfficialDocument:
    try:
        return (
            visible_documents(school=school, user=user)
            .select_related("document_type", "unit")
            .prefetch_related("files")
            .get(pk=pk)
        )
    except OfficialDocument.DoesNotExist:
        raise Http404 from None


def access_document_file(*, school: School, user, pk: int) -> DocumentFile:
    return access_attached_file(
        DocumentFile,
        parent_field="document",
        visible_parents=visible_documents(school=school, user=user),
        pk=pk,
    )


def download_name(document_file: DocumentFile) -> str:
    """The readable name the file is saved under, always with the extension of its content."""
    return attached_download_name(document_file.title, document_file.file.name, document_file.kind)


@dataclass(frozen=True)
class Related:
    label: str
    document: OfficialDocument


def list_related(*, document: OfficialDocument, user) -> list[Related]:
    """Documents this one points at and documents pointing at it, only those ``user`` may see."""
    visible = visible_documents(school=document.school, user=user)
    outgoing = DocumentRelation.objects.filter(document=document, target__in=visible)
    incoming = DocumentRelation.objects.filter(target=document, document__in=visible)
    labels = dict(DocumentRelation.KINDS)
    related = [
        Related(labels[r.kind], r.target) for r in outgoing.select_related("target__document_type")
    ]
    related += [
        Related(INCOMING_LABELS[r.kind], r.document)
        for r in incoming.select_related("document__document_type")
    ]
    return related


def list_unit_documents(*, school: School, unit, limit: int = 5) -> list[OfficialDocument]:
    """The newest public documents of a unit (tổ) of the school."""
    return list(
        OfficialDocument.objects.for_school(school)
        .public()
        .filter(unit=unit)
        .select_related("document_type")
        .order_by("-issued_on", "-pk")[:limit]
    )


def list_feed_documents(*, school: School, limit: int = 20) -> list[OfficialDocument]:
    return list(
        OfficialDocument.objects.for_school(school)
        .public()
        .select_related("document_type")
        .order_by("-published_at", "-pk")[:limit]
    )
