"""Writes for tenancy: creating a school from the plan, adding staff to its roles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Site,
)

import vntext

from .models import School, SchoolGroup
from .plan import ROLES, SECTION_TREE, SectionPlan

HOSTNAME_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")  # fmt: skip
PAGE_PERMISSION_CODENAMES = {
    "add": "add_page",
    "change": "change_page",
    "publish": "publish_page",
    "lock": "lock_page",
    "unlock": "unlock_page",
}
COLLECTION_PERMISSION_APPS = {"image": "wagtailimages", "document": "wagtaildocs"}


class SchoolCreationError(ValidationError):
    """Raised with a Vietnamese message when a school cannot be created; nothing is written."""


@dataclass(frozen=True)
class SchoolDetails:
    short_name: str = ""
    governing_body: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    responsible_person: str = ""


def validate_hostname(hostname: str, port: int = 80) -> str:
    hostname = hostname.strip().lower().rstrip(".")
    if not HOSTNAME_RE.match(hostname):
        raise SchoolCreationError(
            _("“%(hostname)s” is not a valid host name.") % {"hostname": hostname}
        )
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise SchoolCreationError(
            _("The host name “%(hostname)s” is already used by another school.")
            % {"hostname": hostname}
        )
    return hostname


@transaction.atomic
def create_school(
    *,
    name: str,
    hostname: str,
    port: int = 80,
    is_default: bool = False,
    details: SchoolDetails | None = None,
    sections: tuple[SectionPlan, ...] = SECTION_TREE,
    actor=None,
) -> School:
    """Build a complete school: home page and the plan's section tree, site, collection,
    one permission group per role, and the publishing workflow. All or nothing."""
    from home.models import HomePage
    from links.services import seed_links
    from official_docs.services import seed_document_types
    from resources.services import seed_resource_kinds
    from workflows.services import create_publishing_workflow

    name = vntext.normalize(name)
    if not name:
        raise SchoolCreationError(_("The school needs a name."))
    hostname = validate_hostname(hostname, port)
    details = details or SchoolDetails()
    if is_default:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)

    tree_root = Page.get_first_root_node()
    home = HomePage(title=name, slug=_unique_child_slug(tree_root, vntext.slugify(hostname)))
    home.first_published_at = home.last_published_at = timezone.now()
    tree_root.add_child(instance=home)
    _log_creation(home, actor)
    for section in sections:
        _add_section(home, section, actor)

    site = Site.objects.create(
        hostname=hostname, port=port, root_page=home, site_name=name, is_default_site=is_default
    )
    collection = Collection.get_first_root_node().add_child(name=f"{name} ({hostname})")
    school = School.objects.create(
        site=site,
        collection=collection,
        name=name,
        short_name=details.short_name,
        governing_body=details.governing_body,
        address=details.address,
        phone=details.phone,
        email=details.email,
        responsible_person=details.responsible_person,
    )
    for role in ROLES:
        _create_role_group(school, role)
    create_publishing_workflow(school=school)
    seed_document_types(school=school)
    seed_links(school=school)
    seed_resource_kinds(school=school)
    return school


def _unique_child_slug(parent: Page, slug: str) -> str:
    candidate, n = slug, 1
    while parent.get_children().filter(slug=candidate).exists():
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def _log_creation(page: Page, actor) -> None:
    PageLogEntry.objects.log_action(instance=page, action="wagtail.create", user=actor)


def _add_section(parent: Page, plan: SectionPlan, actor) -> Page:
    from sections.models import SectionPage

    now = timezone.now()
    page = SectionPage(
        title=plan.title,
        slug=vntext.slugify(plan.title),
        responsible_note=plan.responsible,
        content_summary=plan.content,
        kind=plan.kind,
        show_in_menus=True,
        first_published_at=now,
        last_published_at=now,
    )
    parent.add_child(instance=page)
    _log_creation(page, actor)
    for child in plan.children:
        _add_section(page, child, actor)
    return page


def _create_role_group(school: School, role) -> Group:
    group = Group.objects.create(name=f"{role.name} – {school.site.hostname}")
    SchoolGroup.objects.create(school=school, group=group, role=role.code)
    home = school.site.root_page
    for action in role.page_permissions:
        GroupPagePermission.objects.create(
            group=group,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=PAGE_PERMISSION_CODENAMES[action]
            ),
        )
    for codename in role.collection_permissions:
        app_label = COLLECTION_PERMISSION_APPS[codename.rsplit("_", 1)[1]]
        GroupCollectionPermission.objects.create(
            group=group,
            collection=school.collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    perms = [_permission("wagtailadmin.access_admin")]
    perms += [_permission(label) for label in role.model_permissions]
    group.permissions.add(*perms)
    return group


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def add_staff_member(*, school: School, user, roles: list[str] | tuple[str, ...]) -> None:
    """Put ``user`` into the given roles of ``school`` (role codes from ``schools.plan``)."""
    groups = list(
        Group.objects.filter(school_role__school=school, school_role__role__in=list(roles))
    )
    if len(groups) != len(set(roles)):
        raise ValidationError(_("Unknown role for this school."))
    user.groups.add(*groups)
