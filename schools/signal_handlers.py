"""Keep the section groups (``assignments``) in step: after a section page is published, after
someone gains or loses a role in a school, after a section is deleted."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete
from wagtail.signals import page_published


def section_published(sender, instance, **kwargs) -> None:
    from .assignments import sync_section_groups
    from .selectors import school_for_page

    school = school_for_page(instance)
    if school is not None:
        sync_section_groups(school=school, section_ids=[instance.pk])


def roles_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    from .assignments import sync_after_role_change

    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # group.user_set.add/remove/clear(...)
        sync_after_role_change(group_ids=[instance.pk])
    elif pk_set:  # user.groups.add/remove(...); after user.groups.clear() nothing is left
        sync_after_role_change(group_ids=pk_set)


def section_group_deleted(sender, instance, **kwargs) -> None:
    """A deleted section takes its ``SectionGroup`` along; the group itself goes too."""
    Group.objects.filter(pk=instance.group_id).delete()


def connect() -> None:
    from sections.models import SectionPage

    from .models import SectionGroup

    page_published.connect(section_published, sender=SectionPage, dispatch_uid="schools.section")
    m2m_changed.connect(
        roles_changed, sender=get_user_model().groups.through, dispatch_uid="schools.roles"
    )
    post_delete.connect(section_group_deleted, sender=SectionGroup, dispatch_uid="schools.group")
