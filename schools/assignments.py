"""Writes for the plan's assignment table ("Phân công"): who answers for which section.

``SectionPage.responsible_people`` records it; this module turns it into page permissions. Each
section with responsible people has one group (``SectionGroup``, named "Phụ trách: <section> –
<host>") holding the "add" and "change" page permissions on the section, so its people may write
and edit pages in the section's subtree, never publish, even when their role alone would not
allow it. Members are the section's responsible people who still hold a role in the school.

Entry points: ``assign_sections`` (the Phân công screen) and ``sync_section_groups`` (after a
section page is published, after someone gains or loses a role: ``signal_handlers``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Revision

from .models import School, SchoolGroup, SectionGroup
from .selectors import schools_for_assignment, staff_display_name
from .services import unique_group_name

ASSIGN_ACTION = "portal.assign"
SECTION_GROUP_PREFIX = "Phụ trách"  # data, like the role group names
SECTION_PAGE_PERMISSIONS = ("add_page", "change_page")


class AssignmentError(ValidationError):
    """Raised with a Vietnamese message when an assignment is refused; nothing is written."""


def _section_model():
    from sections.models import SectionPage

    return SectionPage


def _responsible_field():
    return _section_model()._meta.get_field("responsible_people")


def _responsible_rows(section_ids: Iterable[int]) -> dict[int, set[int]]:
    """Section id → ids of its responsible people, in one query."""
    field = _responsible_field()
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    people: dict[int, set[int]] = {}
    rows = field.remote_field.through.objects.filter(
        **{f"{source}_id__in": list(section_ids)}
    ).values_list(f"{source}_id", f"{target}_id")
    for section_id, user_id in rows:
        people.setdefault(section_id, set()).add(user_id)
    return people


def _as_ids(values: Iterable) -> set[int]:
    try:
        return {int(value) for value in values}
    except (TypeError, ValueError):
        raise AssignmentError(_("The assignment form was not understood.")) from None


@transaction.atomic
def assign_sections(
    *, school: School, actor, assignments: Mapping[int, Iterable[int]]
) -> list[int]:
    """Set the responsible people of some sections of ``school``: ``{section id: user ids}``.

    Only the head, deputy and system administrator of the school (or a superuser) may do it.
    Only the school's own sections and staff are accepted; anything else raises
    ``AssignmentError`` and nothing changes. For each section whose people change: the live page
    is updated, so is every draft revision newer than the live one (a later publish must not undo
    the assignment), the change is written to the page's history, and the section's group is
    synced. Returns the ids of the changed sections."""
    if not schools_for_assignment(actor).filter(pk=school.pk).exists():
        raise PermissionDenied
    wanted: dict[int, set[int]] = {}
    for key, user_ids in assignments.items():
        (section_id,) = _as_ids([key])
        wanted[section_id] = _as_ids(user_ids)
    SectionPage = _section_model()
    sections = {
        page.pk: page
        for page in SectionPage.objects.descendant_of(school.site.root_page).filter(
            pk__in=list(wanted)
        )
    }
    if set(wanted) - set(sections):
        raise AssignmentError(_("A section does not belong to this school."))
    asked = set().union(*wanted.values()) if wanted else set()
    staff = {user.pk: user for user in school.staff_users().filter(pk__in=asked)}
    if asked - set(staff):
        raise AssignmentError(_("A person is not on the staff of this school."))

    current = _responsible_rows(wanted)
    changed = [pk for pk in sorted(wanted) if wanted[pk] != current.get(pk, set())]
    if not changed:
        return []
    field = _responsible_field()
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    User = get_user_model()
    removed_ids = set().union(*(current.get(pk, set()) - wanted[pk] for pk in changed))
    names = {u.pk: staff_display_name(u) for u in User._default_manager.filter(pk__in=removed_ids)}
    names.update({pk: staff_display_name(user) for pk, user in staff.items()})
    for pk in changed:
        before, after = current.get(pk, set()), wanted[pk]
        through.objects.filter(**{f"{source}_id": pk, f"{target}_id__in": before - after}).delete()
        through.objects.bulk_create(
            through(**{f"{source}_id": pk, f"{target}_id": user_id}) for user_id in after - before
        )
        _patch_drafts(sections[pk], after)
        log(
            instance=sections[pk],
            action=ASSIGN_ACTION,
            user=actor,
            data={
                "added": sorted(names[i] for i in after - before),
                "removed": sorted(names[i] for i in before - after),
            },
        )
    sync_section_groups(school=school, section_ids=changed)
    return changed


def _patch_drafts(section, user_ids: set[int]) -> None:
    """Write the new people into every revision newer than the live one."""
    revisions = Revision.page_revisions.filter(object_id=str(section.pk))
    if section.live_revision_id is not None:
        revisions = revisions.filter(pk__gt=section.live_revision_id)
    for revision in revisions:
        revision.content = {**revision.content, "responsible_people": sorted(user_ids)}
        revision.save(update_fields=["content"])


def section_group_name(section, school: School) -> str:
    return f"{SECTION_GROUP_PREFIX}: {section.title} – {school.site.hostname}"


@transaction.atomic
def sync_section_groups(*, school: School, section_ids: Iterable[int] | None = None) -> None:
    """Make the section groups of ``school`` (all, or those of ``section_ids``) match the
    responsible people who hold a role in the school: a section that gets people gets a group
    with "add" and "change" permissions on it; one left without people loses its group."""
    SectionPage = _section_model()
    sections = SectionPage.objects.descendant_of(school.site.root_page)
    if section_ids is not None:
        sections = sections.filter(pk__in=list(section_ids))
    sections = {page.pk: page for page in sections.only("pk", "title")}
    people = _responsible_rows(sections)
    links = {
        link.section_id: link
        for link in SectionGroup.objects.filter(section_id__in=list(sections)).select_related(
            "group"
        )
    }
    if not people and not links:
        return
    staff = set(school.staff_users().values_list("pk", flat=True))
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=SECTION_PAGE_PERMISSIONS
        )
    )
    for pk, section in sections.items():
        members = people.get(pk, set()) & staff
        link = links.get(pk)
        if not members:
            if link is not None:
                link.group.delete()  # its SectionGroup and page permissions go with it
            continue
        name = section_group_name(section, school)
        if link is None:
            group = Group.objects.create(name=unique_group_name(Group, name))
            SectionGroup.objects.create(school=school, section=section, group=group)
            GroupPagePermission.objects.bulk_create(
                GroupPagePermission(group=group, page=section, permission=permission)
                for permission in permissions
            )
        else:
            group = link.group
            if not group.name.startswith(name[:140]):  # the section was renamed
                group.name = unique_group_name(Group, name)
                group.save(update_fields=["name"])
        have = set(group.user_set.values_list("pk", flat=True))
        if have - members:
            group.user_set.remove(*(have - members))
        if members - have:
            group.user_set.add(*(members - have))


def sync_after_role_change(*, group_ids: Iterable[int]) -> None:
    """Someone gained or lost a role: resync the section groups of the schools concerned, so a
    person who no longer holds any role in a school loses its sections (and regains them with a
    role)."""
    school_ids = set(
        SchoolGroup.objects.filter(group_id__in=list(group_ids)).values_list("school_id", flat=True)
    )
    for school in School.objects.filter(pk__in=school_ids).select_related("site"):
        sync_section_groups(school=school)
