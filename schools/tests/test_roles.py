"""The role groups of the plan: "Nhóm kỹ thuật" (technical) for new and existing schools, and
``sync_school_roles`` bringing schools made earlier in line with the plan."""

from __future__ import annotations

import io

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from schools.factories import SchoolFactory, make_staff
from schools.models import SchoolGroup
from schools.plan import ROLES
from sections.factories import StandardPageFactory

PUBLISH = {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}


def page_codenames(group) -> set[str]:
    return set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )


class TestTechnicalRole(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory(hostname="anphu.example.vn")

    def forget_technical_group(self):
        """Make the school look like one created before the role existed."""
        Group.objects.filter(
            school_role__school=self.school, school_role__role="technical"
        ).delete()

    def assertTechnicalGroup(self):
        group = self.school.group_for("technical")
        self.assertEqual(group.name, "Nhóm kỹ thuật – anphu.example.vn")
        self.assertEqual(page_codenames(group), PUBLISH)
        self.assertFalse(
            GroupPagePermission.objects.filter(group=group)
            .exclude(page=self.school.site.root_page)
            .exists()
        )
        self.assertEqual(
            set(
                GroupCollectionPermission.objects.filter(
                    group=group, collection=self.school.collection
                ).values_list("permission__codename", flat=True)
            ),
            {"add_image", "change_image", "choose_image", "add_document", "change_document",
             "choose_document"},
        )  # fmt: skip
        codenames = set(group.permissions.values_list("codename", flat=True))
        self.assertTrue({"access_admin", "change_link", "add_officialdocument"} <= codenames)
        self.assertFalse({"change_user", "change_school"} & codenames)
        return group

    def test_a_new_school_has_seven_roles_including_the_technical_group(self):
        self.assertEqual(len(ROLES), 7)
        self.assertEqual(SchoolGroup.objects.filter(school=self.school).count(), 7)
        self.assertTechnicalGroup()

    def test_technical_staff_publish(self):
        user = make_staff(self.school, "technical")
        page = StandardPageFactory(parent=self.school.site.root_page.get_children().first())
        permissions = page.permissions_for_user(user)
        self.assertTrue(permissions.can_edit())
        self.assertTrue(permissions.can_publish())

    def test_the_migration_gives_existing_schools_the_technical_group(self):
        self.forget_technical_group()
        executor = MigrationExecutor(connection)
        state = executor.loader.project_state(("schools", "0006_technical_role_groups"))
        migration = executor.loader.get_migration("schools", "0006_technical_role_groups")
        migration.operations[0].code(state.apps, None)
        self.assertTechnicalGroup()
        groups = Group.objects.count()
        migration.operations[0].code(state.apps, None)  # a second run adds nothing
        self.assertEqual(Group.objects.count(), groups)

    def test_sync_school_roles_command_is_idempotent(self):
        self.forget_technical_group()
        out = io.StringIO()
        call_command("sync_school_roles", "--dry-run", stdout=out)
        self.assertIn("Nhóm kỹ thuật – anphu.example.vn", out.getvalue())
        self.assertFalse(SchoolGroup.objects.filter(school=self.school, role="technical").exists())
        call_command("sync_school_roles", stdout=io.StringIO())
        group = self.assertTechnicalGroup()
        GroupPagePermission.objects.filter(group=group, permission__codename="lock_page").delete()
        call_command("sync_school_roles", "--school", "anphu.example.vn", stdout=io.StringIO())
        self.assertEqual(page_codenames(group), PUBLISH)
        out = io.StringIO()
        call_command("sync_school_roles", stdout=out)
        self.assertIn("Changed 0 group(s).", out.getvalue())
