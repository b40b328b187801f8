from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
)

from home.models import HomePage
from schools.factories import SchoolFactory
from schools.models import School, SchoolGroup
from schools.plan import ROLES, SECTION_TREE
from schools.services import SchoolCreationError, create_school
from sections.models import SectionPage


def _count_sections(plans) -> int:
    return sum(1 + _count_sections(p.children) for p in plans)


class TestCreateSchool(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = create_school(name="  Trường  THCS Tịnh Sơn ", hostname="C2TinhSon.Example.vn")

    def test_binds_site_home_and_collection(self):
        school = self.school
        self.assertEqual(school.name, "Trường THCS Tịnh Sơn")
        self.assertEqual(school.site.hostname, "c2tinhson.example.vn")
        self.assertIsInstance(school.site.root_page.specific, HomePage)
        self.assertEqual(school.site.root_page.title, "Trường THCS Tịnh Sơn")
        self.assertEqual(school.collection.get_parent(), Collection.get_first_root_node())

    def test_builds_the_plans_whole_tree_with_ascii_slugs(self):
        home = self.school.site.root_page
        sections = SectionPage.objects.descendant_of(home)
        self.assertEqual(sections.count(), _count_sections(SECTION_TREE))
        top = [p.title for p in home.get_children().order_by("path")]
        self.assertEqual(top, [s.title for s in SECTION_TREE])
        self.assertEqual(len(top), 10)
        slugs = set(sections.values_list("slug", flat=True))
        self.assertIn("co-cau-to-chuc", slugs)
        self.assertIn("doan-tncs-ho-chi-minh", slugs)
        self.assertIn("to-ly-tin", slugs)
        self.assertIn("to-gdcd-nang-khieu", slugs)
        for slug in slugs:
            self.assertRegex(slug, r"^[a-z0-9]+(-[a-z0-9]+)*$")
        team = sections.get(slug="to-hoa-sinh")
        self.assertEqual(team.get_parent().title, "Tổ chuyên môn")
        self.assertTrue(all(p.live and p.show_in_menus for p in sections))

    def test_records_responsibility_from_the_plan(self):
        union = SectionPage.objects.descendant_of(self.school.site.root_page).get(slug="cong-doan")
        self.assertEqual(union.responsible_note, "đ/c Vinh + BCH")
        self.assertIn("Nhiệm vụ Công đoàn", union.content_summary)

    def test_one_group_per_role_with_permissions_on_its_own_tree_and_collection(self):
        home = self.school.site.root_page
        self.assertEqual(
            set(SchoolGroup.objects.filter(school=self.school).values_list("role", flat=True)),
            {r.code for r in ROLES},
        )
        head = self.school.group_for("head")
        head_page_perms = set(
            GroupPagePermission.objects.filter(group=head).values_list(
                "permission__codename", flat=True
            )
        )
        self.assertEqual(
            head_page_perms, {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
        )
        self.assertFalse(GroupPagePermission.objects.filter(group=head).exclude(page=home).exists())
        contributor = self.school.group_for("contributor")
        self.assertEqual(
            set(
                GroupPagePermission.objects.filter(group=contributor).values_list(
                    "permission__codename", flat=True
                )
            ),
            {"add_page"},
        )
        self.assertFalse(
            GroupCollectionPermission.objects.filter(group__school_role__school=self.school)
            .exclude(collection=self.school.collection)
            .exists()
        )
        self.assertTrue(head.permissions.filter(codename="access_admin").exists())
        sysadmin = self.school.group_for("sysadmin")
        self.assertTrue(sysadmin.permissions.filter(codename="change_user").exists())
        self.assertFalse(head.permissions.filter(codename="change_user").exists())

    def test_attaches_the_publishing_workflow_to_the_school_tree(self):
        workflow = Workflow.objects.get(workflow_pages__page=self.school.site.root_page)
        tasks = [t.specific for t in workflow.tasks]
        self.assertEqual(
            [(type(t).__name__, getattr(t, "step", "")) for t in tasks],
            [("RoleApprovalTask", "gather"), ("ReviewTask", ""), ("RoleApprovalTask", "sign_off"),
             ("RoleApprovalTask", "publish")],
        )  # fmt: skip
        self.assertTrue(all(t.school == self.school for t in tasks))


class TestCreateSchoolRejectsBadInput(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.existing = SchoolFactory(hostname="dang-dung.example.vn")

    def _counts(self):
        return (Page.objects.count(), Site.objects.count(), Group.objects.count(),
                Collection.objects.count(), School.objects.count(), Workflow.objects.count())  # fmt: skip

    def test_hostname_in_use_creates_nothing(self):
        before = self._counts()
        with self.assertRaises(SchoolCreationError) as ctx:
            create_school(name="Trường khác", hostname="dang-dung.example.vn")
        self.assertIn("dang-dung.example.vn", ctx.exception.messages[0])
        self.assertEqual(self._counts(), before)

    def test_invalid_hostname_and_empty_name(self):
        before = self._counts()
        with self.assertRaises(SchoolCreationError):
            create_school(name="Trường A", hostname="không hợp lệ!")
        with self.assertRaises(SchoolCreationError):
            create_school(name="   ", hostname="ok.example.vn")
        self.assertEqual(self._counts(), before)

    def test_failure_midway_rolls_back_everything(self):
        before = self._counts()
        from schools.plan import SectionPlan

        broken = (SectionPlan("Giới thiệu"), SectionPlan("Giới thiệu"))  # duplicate slug
        with self.assertRaises(Exception):  # noqa: B017 - any error must leave nothing behind
            create_school(name="Trường B", hostname="b.example.vn", sections=broken)
        self.assertEqual(self._counts(), before)

    def test_command_reports_the_error_in_vietnamese(self):
        before = self._counts()
        with self.assertRaises(CommandError) as ctx:
            call_command("create_school", name="Trường C", hostname="dang-dung.example.vn")
        self.assertIn("đã được dùng", str(ctx.exception))
        self.assertEqual(self._counts(), before)

    def test_command_creates_a_school(self):
        call_command(
            "create_school", name="Trường THCS Mới", hostname="moi.example.vn", stdout=_Null()
        )
        self.assertTrue(School.objects.filter(site__hostname="moi.example.vn").exists())


class _Null:
    def write(self, *_):
        pass

    def flush(self):
        pass


class TestDemoSchool(TestCase):
    def test_demo_school_is_complete_and_a_second_run_keeps_the_data(self):
        from django.contrib.auth import get_user_model

        from galleries.models import AlbumPage
        from news.models import ArticlePage
        from schools.demo import DEMO_PASSWORD, DEMO_USERS, create_demo_school

        school, created = create_demo_school()
        self.assertTrue(created)
        self.assertEqual(school.name, "Trường THCS Tịnh Sơn")
        self.assertTrue(school.site.is_default_site)
        users = get_user_model().objects.filter(username__in=[u.username for u in DEMO_USERS])
        self.assertEqual(users.count(), len(ROLES))
        for demo in DEMO_USERS:
            user = users.get(username=demo.username)
            self.assertTrue(user.check_password(DEMO_PASSWORD))
            self.assertTrue(
                user.groups.filter(school_role__school=school, school_role__role=demo.role).exists()
            )
        articles = ArticlePage.objects.descendant_of(school.site.root_page).live()
        self.assertGreaterEqual(articles.count(), 3)
        self.assertTrue(
            AlbumPage.objects.descendant_of(school.site.root_page).live().get().photos.count()
        )
        # Items wait in the workflow, so the demo accounts find work in "Việc của tôi".
        from workflows.models import ReviewAssignment

        waiting = ArticlePage.objects.descendant_of(school.site.root_page).filter(live=False)
        self.assertEqual(
            sorted(p.current_workflow_task.name.split(" – ")[0] for p in waiting),
            ["Duyệt nội dung", "Thư ký tổng hợp"],
        )
        self.assertEqual(ReviewAssignment.objects.get().reviewer.username, "bientapvien")
        pages_before = Page.objects.count()
        again, created_again = create_demo_school()
        self.assertFalse(created_again)
        self.assertEqual(again.pk, school.pk)
        self.assertEqual(Page.objects.count(), pages_before)
