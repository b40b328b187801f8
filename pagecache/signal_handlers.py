"""Purge the page cache of the school a change belongs to: each receiver finds the school and
calls ``services.purge_school`` (which waits for the commit). No logic here.

Pages: published, unpublished, moved, deleted, saved outside a draft revision, view
restrictions added or removed (an album's photos and an article's attachments go live with
their page). School-owned models shown on public pages: official documents and their types,
resources and their kinds, staff members (and their units), work weeks, timetables, links and
link categories, the school itself; their child rows (files, relations, work entries, lessons)
are always written with their parent, in one transaction (cluster forms, ``bulk_create`` in the
services), so the parent's signal covers them, and no receiver on them slows down a cascade
delete. Wagtail images and documents in the school's collection when changed or deleted (a new
upload shows nowhere until a page using it is published). Sites and schools also make
hostnames be matched again; a renamed tag purges every school. Deletions are caught before the
rows go (``pre_delete``), while the school can still be found.

Nothing runs when neither the page cache nor a proxy purge is configured (as in other apps'
tests), so these receivers cost no query there.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import frontend, selectors, services

# Saving a draft revision or locking a page changes only these: the live page is the same.
PAGE_BOOKKEEPING = frozenset(
    {"latest_revision", "latest_revision_created_at", "has_unpublished_changes", "draft_title",
     "locked", "locked_at", "locked_by"}
)  # fmt: skip


# Wagtail fills these in on an existing file by itself.
FILE_BOOKKEEPING = frozenset({"file_size", "file_hash"})


def _purge_page(page) -> None:
    if services.enabled():
        services.purge_schools(selectors.school_ids_for_page_path(page.path))


def page_changed(sender, instance, **kwargs) -> None:
    _purge_page(instance)


def page_saved(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    if raw or (update_fields and set(update_fields) <= PAGE_BOOKKEEPING):
        return
    if instance.live or update_fields:
        _purge_page(instance)


def page_moved(sender, instance, url_path_before="", url_path_after="", **kwargs) -> None:
    if services.enabled():
        # The page's new place; a move between schools purges the old school as well.
        old_parent = kwargs.get("parent_page_before")
        services.purge_schools(selectors.school_ids_for_page_path(instance.path))
        if old_parent is not None:
            services.purge_schools(selectors.school_ids_for_page_path(old_parent.path))


def restriction_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw or not services.enabled():
        return
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    services.purge_schools(selectors.school_ids_for_page_path(path or ""))


def owned_changed(sender, instance, raw=False, **kwargs) -> None:
    """A model with a ``school`` foreign key."""
    if not raw and instance.school_id is not None:
        services.purge_school(instance.school_id)


def staff_units_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"} or not services.enabled():
        return
    if reverse:  # a unit page's members changed
        _purge_page(instance)
    else:
        services.purge_school(instance.school_id)


def file_changed(sender, instance, raw=False, created=False, update_fields=None, **kwargs) -> None:
    """A Wagtail image or document changed or went: its school is the one whose collection
    holds it. A new upload shows nowhere until a page using it is published."""
    if raw or created or not services.enabled():
        return
    if update_fields and set(update_fields) <= FILE_BOOKKEEPING:
        return
    services.purge_schools(selectors.school_ids_for_collection(instance.collection_id))


def school_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    services.forget_sites()
    services.purge_school(instance)


def site_renaming(sender, instance, raw=False, **kwargs) -> None:
    """A site changing its hostname: the proxy drops what it holds under the old name."""
    if raw or not instance.pk or not frontend.configured():
        return
    old = Site.objects.filter(pk=instance.pk).values_list("hostname", flat=True).first()
    if old and old.lower() != instance.hostname.lower():
        services.ban_hostname(old)


def site_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw or not services.enabled():
        return
    services.forget_sites()
    school_id = getattr(getattr(instance, "school", None), "pk", None) if instance.pk else None
    if school_id is not None:
        services.purge_school(school_id)


def tag_changed(sender, instance, raw=False, created=False, **kwargs) -> None:
    """A tag renamed or deleted (a new one is on no page yet)."""
    if not raw and not created:
        services.purge_all()


def _school_owned_models():
    from links.models import Link, LinkCategory
    from official_docs.models import DocumentType, OfficialDocument
    from people.models import StaffMember
    from resources.models import Resource, ResourceKind
    from schedules.models import WorkWeek
    from timetables.models import Timetable

    return [
        OfficialDocument,
        DocumentType,
        Resource,
        ResourceKind,
        StaffMember,
        WorkWeek,
        Timetable,
        Link,
        LinkCategory,
    ]


def connect() -> None:
    from django.apps import apps
    from taggit.models import Tag

    from people.models import StaffMember
    from schools.models import School

    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    for model in page_models:
        post_save.connect(
            page_saved, sender=model, dispatch_uid=f"pagecache.saved.{model._meta.label}"
        )
    page_published.connect(page_changed, dispatch_uid="pagecache.page_published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache.page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="pagecache.page_moved")
    pre_delete.connect(page_changed, sender=Page, dispatch_uid="pagecache.page_deleted")
    for signal in (post_save, pre_delete):
        name = "saved" if signal is post_save else "deleted"
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"pagecache.restriction.{name}",
        )
        for model in _school_owned_models():
            signal.connect(
                owned_changed, sender=model, dispatch_uid=f"pagecache.{name}.{model._meta.label}"
            )
        for model in (get_image_model(), get_document_model()):
            signal.connect(
                file_changed, sender=model, dispatch_uid=f"pagecache.{name}.{model._meta.label}"
            )
        signal.connect(school_changed, sender=School, dispatch_uid=f"pagecache.{name}.school")
        signal.connect(site_changed, sender=Site, dispatch_uid=f"pagecache.{name}.site")
        signal.connect(tag_changed, sender=Tag, dispatch_uid=f"pagecache.{name}.tag")
    pre_save.connect(site_renaming, sender=Site, dispatch_uid="pagecache.site_renaming")
    m2m_changed.connect(
        staff_units_changed, sender=StaffMember.units.through, dispatch_uid="pagecache.staff_units"
    )
