"""Keep the search index in step with the content: each receiver names what changed and
``search.indexing`` enqueues the work for after the commit. No logic here.

Pages: saved (which publishing, unpublishing and expiry do; a draft saved with a revision only
touches bookkeeping fields and is skipped), moved, deleted, view restrictions added or removed.
Documents, resources, staff members, work weeks: saved or deleted (a staff member's units too);
a renamed document type or resource kind renews the documents or resources of that type.
A new school: its whole index (its section tree is made before the school).
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from . import indexing
from .sources import SOURCES

PAGE = indexing.PAGE


# Saving a draft revision or locking a page changes only these: the live content is the same.
PAGE_BOOKKEEPING = frozenset(
    {"latest_revision", "latest_revision_created_at", "has_unpublished_changes", "draft_title",
     "locked", "locked_at", "locked_by"}
)  # fmt: skip


def page_saved(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    if raw or (update_fields and set(update_fields) <= PAGE_BOOKKEEPING):
        return
    indexing.schedule_index(PAGE, instance.pk)


def page_deleted(sender, instance, **kwargs) -> None:
    indexing.schedule_remove(PAGE, instance.pk)


def page_moved(sender, instance, **kwargs) -> None:
    indexing.schedule_pages(instance.pk)


def restriction_changed(sender, instance, **kwargs) -> None:
    indexing.schedule_pages(instance.page_id)


def school_created(sender, instance, created=False, raw=False, **kwargs) -> None:
    """``create_school`` makes the section tree before the school: index it now."""
    if created and not raw:
        indexing.schedule_school(instance.pk)


def object_saved(sender, instance, **kwargs) -> None:
    indexing.schedule_index(sender._meta.label_lower, instance.pk)


def object_deleted(sender, instance, **kwargs) -> None:
    indexing.schedule_remove(sender._meta.label_lower, instance.pk)


def staff_units_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    members = (pk_set or ()) if reverse else [instance.pk]
    for pk in members:
        indexing.schedule_index("people.staffmember", pk)


def document_type_saved(sender, instance, created=False, **kwargs) -> None:
    """A document's type is part of its title."""
    if not created:
        for pk in instance.documents.values_list("pk", flat=True):
            indexing.schedule_index("official_docs.officialdocument", pk)


def resource_kind_saved(sender, instance, created=False, **kwargs) -> None:
    """A resource's kind is part of its text."""
    if not created:
        for pk in instance.resources.values_list("pk", flat=True):
            indexing.schedule_index("resources.resource", pk)


def connect() -> None:
    from official_docs.models import DocumentType
    from people.models import StaffMember
    from resources.models import ResourceKind
    from schools.models import School

    for model in SOURCES[PAGE].page_models():
        post_save.connect(page_saved, sender=model, dispatch_uid=f"search.page.{model.__name__}")
    post_page_move.connect(page_moved, dispatch_uid="search.page_moved")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="search.page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search.restriction.{signal is post_save}",
        )
    for label, source in SOURCES.items():
        if label == PAGE:
            continue
        model = source.model()
        post_save.connect(object_saved, sender=model, dispatch_uid=f"search.saved.{label}")
        post_delete.connect(object_deleted, sender=model, dispatch_uid=f"search.deleted.{label}")
    post_save.connect(school_created, sender=School, dispatch_uid="search.school_created")
    m2m_changed.connect(
        staff_units_changed, sender=StaffMember.units.through, dispatch_uid="search.staff_units"
    )
    post_save.connect(document_type_saved, sender=DocumentType, dispatch_uid="search.doc_type")
    post_save.connect(resource_kind_saved, sender=ResourceKind, dispatch_uid="search.res_kind")
