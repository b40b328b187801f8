"""Writes for tenancy: creating a school from the plan, adding staff to its roles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Collection, Page, PageLogEntry, Site

import vntext

from .models import School
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
    authority_links: list[tuple[str, str]] | None = None,
) -> School:
    """Build a complete school: home page and the plan's section tree, site, collection,
    one permission group per role, and the publishing workflow. All or nothing.

    ``authority_links`` (``(title, url)`` of the Sở, the Phòng) replaces the install's
    ``PORTAL_AUTHORITY_LINKS`` for this school's links."""
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
        ensure_role_group(school, role)
    create_publishing_workflow(school=school)
    seed_document_types(school=school)
    seed_links(school=school, authority_links=authority_links)
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


def ensure_role_group(school, role, *, apps=global_apps) -> tuple[Group, list[str]]:
    """Make ``school``'s group for ``role`` exist with every permission the plan gives it:
    page permissions on the school's home page, collection permissions on its collection,
    model permissions. Idempotent; never removes a permission. Returns the group and a
    description of what was added (empty when nothing was missing).

    Migration ``0006_technical_role_groups`` calls this with historical models, so it must use
    only ``apps.get_model`` and plain fields, never our model methods or managers."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    school_group_model = apps.get_model("schools", "SchoolGroup")
    page_permission_model = apps.get_model("wagtailcore", "GroupPagePermission")
    collection_permission_model = apps.get_model("wagtailcore", "GroupCollectionPermission")
    added: list[str] = []

    link = (
        school_group_model.objects.filter(school=school, role=role.code)
        .select_related("group")
        .first()
    )
    if link is None:
        name = unique_group_name(group_model, f"{role.name} – {school.site.hostname}")
        group = group_model.objects.create(name=name)
        school_group_model.objects.create(school=school, group=group, role=role.code)
        added.append(f"group {name}")
    else:
        group = link.group

    wanted_page = _permissions(
        permission_model,
        [f"wagtailcore.{PAGE_PERMISSION_CODENAMES[action]}" for action in role.page_permissions],
    )
    home_id = school.site.root_page_id
    have = set(
        page_permission_model.objects.filter(group=group, page_id=home_id).values_list(
            "permission_id", flat=True
        )
    )
    missing = [p for p in wanted_page if p.pk not in have]
    page_permission_model.objects.bulk_create(
        page_permission_model(group=group, page_id=home_id, permission=p) for p in missing
    )
    added += [f"page {p.codename}" for p in missing]

    wanted_collection = _permissions(
        permission_model,
        [
            f"{COLLECTION_PERMISSION_APPS[codename.rsplit('_', 1)[1]]}.{codename}"
            for codename in role.collection_permissions
        ],
    )
    have = set(
        collection_permission_model.objects.filter(
            group=group, collection_id=school.collection_id
        ).values_list("permission_id", flat=True)
    )
    missing = [p for p in wanted_collection if p.pk not in have]
    collection_permission_model.objects.bulk_create(
        collection_permission_model(group=group, collection_id=school.collection_id, permission=p)
        for p in missing
    )
    added += [f"collection {p.codename}" for p in missing]

    wanted = _permissions(permission_model, ["wagtailadmin.access_admin", *role.model_permissions])
    have = set(group.permissions.values_list("pk", flat=True))
    missing = [p for p in wanted if p.pk not in have]
    group.permissions.add(*missing)
    added += [f"model {p.codename}" for p in missing]
    return group, added


def unique_group_name(group_model, name: str) -> str:
    candidate, n = name[:150], 1
    while group_model.objects.filter(name=candidate).exists():
        n += 1
        candidate = f"{name[:140]} ({n})"
    return candidate


def _permissions(permission_model, labels: list[str]) -> list:
    """The permissions named ``app_label.codename``, in one query; raise if one is missing."""
    if not labels:
        return []
    condition = Q()
    for label in labels:
        app_label, codename = label.split(".", 1)
        condition |= Q(content_type__app_label=app_label, codename=codename)
    found = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in permission_model.objects.filter(condition).select_related("content_type")
    }
    missing = [label for label in labels if label not in found]
    if missing:
        raise LookupError(f"Unknown permissions: {', '.join(missing)}")
    return [found[label] for label in dict.fromkeys(labels)]


def sync_school_roles(*, schools=None) -> dict[str, list[str]]:
    """Bring every role group of ``schools`` (default: all) in line with ``plan.ROLES``: create
    missing groups (a role added to the plan) and add missing permissions. Idempotent. Returns
    what was added, by group name."""
    report: dict[str, list[str]] = {}
    schools = School.objects.select_related("site") if schools is None else schools
    with transaction.atomic():
        for school in schools:
            for role in ROLES:
                group, added = ensure_role_group(school, role)
                if added:
                    report[group.name] = added
    return report


@transaction.atomic
def add_staff_member(*, school: School, user, roles: list[str] | tuple[str, ...]) -> None:
    """Put ``user`` into the given roles of ``school`` (role codes from ``schools.plan``)."""
    groups = list(
        Group.objects.filter(school_role__school=school, school_role__role__in=list(roles))
    )
    if len(groups) != len(set(roles)):
        raise ValidationError(_("Unknown role for this school."))
    user.groups.add(*groups)
