"""The plan's assignment table ("Phân công"): who answers for which section, turned into page
permissions through one group per section, and the admin screen that edits it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageLogEntry

from schools.assignments import ASSIGN_ACTION, assign_sections, sync_section_groups
from schools.factories import TEST_PASSWORD, SchoolFactory, UserFactory, make_staff
from schools.models import SectionGroup
from sections.factories import StandardPageFactory
from sections.models import SectionPage

URL = reverse("schools_assignments")
User = get_user_model()


def section(school, slug) -> SectionPage:
    return SectionPage.objects.descendant_of(school.site.root_page).get(slug=slug)


def people_of(page) -> set[int]:
    return set(SectionPage.objects.get(pk=page.pk).responsible_people.values_list("pk", flat=True))


class Assignments(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.head = make_staff(cls.a, "head", first_name="Danh", last_name="Phạm Tấn")
        cls.deputy = make_staff(cls.a, "deputy", first_name="Bình", last_name="Võ Thanh")
        cls.sysadmin = make_staff(cls.a, "sysadmin", first_name="Cương", last_name="Nguyễn Biên")
        cls.editor = make_staff(cls.a, "editor", first_name="Văn", last_name="Trần Văn")
        cls.writer = make_staff(cls.a, "contributor", first_name="Hà", last_name="Từ Ngọc")
        cls.head_b = make_staff(cls.b, "head", first_name="Lan", last_name="Lê Thị")
        cls.writer_b = make_staff(cls.b, "contributor", first_name="Hoa", last_name="Đỗ Thị")
        cls.maths = section(cls.a, "to-toan")
        cls.literature = section(cls.a, "to-van")
        cls.maths_b = section(cls.b, "to-toan")
        cls.maths_page = StandardPageFactory(parent=cls.maths, title="Kế hoạch tổ Toán")
        cls.literature_page = StandardPageFactory(parent=cls.literature, title="Kế hoạch tổ Văn")

    def login(self, user):
        self.assertTrue(self.client.login(username=user.username, password=TEST_PASSWORD))

    def can_edit(self, user, page) -> bool:
        return page.specific.permissions_for_user(User.objects.get(pk=user.pk)).can_edit()


class TestSectionPermissions(Assignments):
    def test_a_contributor_assigned_to_a_section_edits_there_and_nowhere_else(self):
        self.assertFalse(self.can_edit(self.writer, self.maths_page))
        assign_sections(
            school=self.a, actor=self.head, assignments={self.maths.pk: [self.writer.pk]}
        )
        self.assertTrue(self.can_edit(self.writer, self.maths_page))
        self.assertTrue(self.can_edit(self.writer, self.maths))
        self.assertFalse(self.can_edit(self.writer, self.literature_page))
        perms = self.maths_page.specific.permissions_for_user(self.writer)
        self.assertFalse(perms.can_publish())
        self.login(self.writer)
        edit = reverse("wagtailadmin_pages:edit", args=[self.maths_page.pk])
        self.assertEqual(self.client.get(edit).status_code, 200)
        other = reverse("wagtailadmin_pages:edit", args=[self.literature_page.pk])
        self.assertIn(self.client.get(other).status_code, {302, 403})

        assign_sections(school=self.a, actor=self.head, assignments={self.maths.pk: []})
        self.assertFalse(self.can_edit(self.writer, self.maths_page))
        self.assertFalse(SectionGroup.objects.filter(section=self.maths).exists())
        self.assertFalse(Group.objects.filter(name__startswith="Phụ trách: Tổ Toán").exists())

    def test_one_group_per_section_named_after_it_with_add_and_change_only(self):
        assign_sections(
            school=self.a,
            actor=self.head,
            assignments={self.maths.pk: [self.writer.pk, self.editor.pk]},
        )
        link = SectionGroup.objects.get(section=self.maths)
        self.assertEqual(link.school, self.a)
        self.assertEqual(link.group.name, "Phụ trách: Tổ Toán – anphu.example.vn")
        self.assertEqual(set(link.group.user_set.all()), {self.writer, self.editor})
        self.assertEqual(
            set(link.group.page_permissions.values_list("permission__codename", "page")),
            {("add_page", self.maths.pk), ("change_page", self.maths.pk)},
        )

    def test_publishing_a_section_with_new_people_syncs_its_group(self):
        page = self.literature.specific
        page.responsible_people.add(self.writer)
        page.save_revision(user=self.head).publish(user=self.head)
        self.assertTrue(self.can_edit(self.writer, self.literature_page))
        page.responsible_people.clear()
        page.save_revision(user=self.head).publish(user=self.head)
        self.assertFalse(self.can_edit(self.writer, self.literature_page))

    def test_losing_every_role_in_the_school_loses_the_section(self):
        assign_sections(
            school=self.a, actor=self.head, assignments={self.maths.pk: [self.writer.pk]}
        )
        self.writer.groups.remove(self.a.group_for("contributor"))
        self.assertFalse(self.can_edit(self.writer, self.maths_page))
        self.writer.groups.add(self.a.group_for("contributor"))
        self.assertTrue(self.can_edit(self.writer, self.maths_page))

    def test_a_newer_draft_keeps_the_assignment_when_published(self):
        page = self.maths.specific
        page.intro = "<p>Bản nháp mới</p>"
        page.save_revision(user=self.head)
        assign_sections(
            school=self.a, actor=self.head, assignments={self.maths.pk: [self.writer.pk]}
        )
        page = SectionPage.objects.get(pk=self.maths.pk)
        self.assertEqual(page.get_latest_revision().content["responsible_people"], [self.writer.pk])
        page.get_latest_revision().publish(user=self.head)
        self.assertEqual(people_of(self.maths), {self.writer.pk})
        self.assertTrue(self.can_edit(self.writer, self.maths_page))

    def test_the_audit_log_records_who_was_assigned(self):
        assign_sections(
            school=self.a,
            actor=self.deputy,
            assignments={self.maths.pk: [self.writer.pk], self.literature.pk: []},
        )
        entry = PageLogEntry.objects.get(page=self.maths, action=ASSIGN_ACTION)
        self.assertEqual(entry.user, self.deputy)
        self.assertEqual(entry.data, {"added": ["Từ Ngọc Hà"], "removed": []})
        self.assertFalse(PageLogEntry.objects.filter(page=self.literature, action=ASSIGN_ACTION))
        assign_sections(school=self.a, actor=self.deputy, assignments={self.maths.pk: []})
        self.assertEqual(
            PageLogEntry.objects.filter(page=self.maths, action=ASSIGN_ACTION).first().data,
            {"added": [], "removed": ["Từ Ngọc Hà"]},
        )
        self.login(self.head)
        history = self.client.get(reverse("wagtailadmin_pages:history", args=[self.maths.pk]))
        self.assertContains(history, "Từ Ngọc Hà")

    def test_deleting_a_section_removes_its_group(self):
        assign_sections(
            school=self.a, actor=self.head, assignments={self.literature.pk: [self.writer.pk]}
        )
        self.assertTrue(Group.objects.filter(name__startswith="Phụ trách: Tổ Văn").exists())
        self.literature.delete()
        self.assertFalse(Group.objects.filter(name__startswith="Phụ trách: Tổ Văn").exists())
        self.assertFalse(SectionGroup.objects.exists())

    def test_sync_is_idempotent(self):
        assign_sections(
            school=self.a, actor=self.head, assignments={self.maths.pk: [self.writer.pk]}
        )
        before = (Group.objects.count(), SectionGroup.objects.count())
        sync_section_groups(school=self.a)
        sync_section_groups(school=self.a)
        self.assertEqual((Group.objects.count(), SectionGroup.objects.count()), before)


class TestForgedAssignments(Assignments):
    def assertRefused(self, assignments, actor=None):
        from schools.assignments import AssignmentError

        groups_before = Group.objects.count()
        with self.assertRaises(AssignmentError):
            assign_sections(school=self.a, actor=actor or self.head, assignments=assignments)
        self.assertEqual(people_of(self.maths), set())
        self.assertEqual(people_of(self.maths_b), set())
        self.assertEqual(Group.objects.count(), groups_before)

    def test_another_schools_person_or_section_is_refused_and_nothing_changes(self):
        self.assertRefused({self.maths.pk: [self.writer.pk, self.writer_b.pk]})
        self.assertRefused({self.maths.pk: [self.writer.pk], self.maths_b.pk: [self.writer.pk]})
        self.assertRefused({self.maths_page.pk: [self.writer.pk]})  # not a section
        self.assertRefused({self.maths.pk: ["abc"]})
        outsider = UserFactory()
        self.assertRefused({self.maths.pk: [outsider.pk]})

    def test_only_head_deputy_and_sysadmin_may_assign(self):
        from django.core.exceptions import PermissionDenied

        for user in (self.editor, self.writer, self.head_b):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                assign_sections(
                    school=self.a, actor=user, assignments={self.maths.pk: [self.writer.pk]}
                )
        for user in (self.head, self.deputy, self.sysadmin):
            assign_sections(school=self.a, actor=user, assignments={self.maths.pk: [user.pk]})
            self.assertEqual(people_of(self.maths), {user.pk})


class TestAssignmentScreen(Assignments):
    def post(self, rows, ticks, school=None):
        data = {
            "truong": (school or self.a).pk,
            "section": [row.pk for row in rows],
            "assign": [f"{page.pk}:{user.pk}" for page, user in ticks],
        }
        return self.client.post(URL, data, follow=True)

    def test_head_sees_the_matrix(self):
        assign_sections(
            school=self.a, actor=self.head, assignments={self.maths.pk: [self.writer.pk]}
        )
        self.login(self.head)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        rows, columns = response.context["rows"], response.context["columns"]
        self.assertEqual([r.section.title for r in rows if r.level == 0][:3],
                         ["Giới thiệu", "Cơ cấu tổ chức", "Tin tức - Sự kiện"])  # fmt: skip
        self.assertEqual(sum(1 for r in rows if r.level == 0), 10)
        self.assertEqual(next(r for r in rows if r.section.pk == self.maths.pk).level, 1)
        names = [c.name for c in columns]
        # Vietnamese order: given name first (Bình, Cương, Danh, Hà, Văn).
        self.assertEqual(names, ["Võ Thanh Bình", "Nguyễn Biên Cương", "Phạm Tấn Danh",
                                 "Từ Ngọc Hà", "Trần Văn Văn"])  # fmt: skip
        self.assertNotIn("Lê Thị Lan", response.content.decode())
        self.assertContains(response, "Cộng tác viên")  # the person's role
        self.assertContains(response, "đ/c Vinh + BCH")  # "responsible (as in the plan)"
        self.assertContains(response, f'value="{self.maths.pk}:{self.writer.pk}" ', html=False)
        self.assertContains(response, "checked", count=1)
        self.assertContains(response, "Phân công")

    def test_head_saves_changes(self):
        self.login(self.head)
        response = self.post(
            [self.maths, self.literature],
            [(self.maths, self.writer), (self.maths, self.editor), (self.literature, self.editor)],
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(people_of(self.maths), {self.writer.pk, self.editor.pk})
        self.assertEqual(people_of(self.literature), {self.editor.pk})
        self.assertTrue(self.can_edit(self.writer, self.maths_page))
        self.assertEqual(
            PageLogEntry.objects.filter(action=ASSIGN_ACTION, user=self.head).count(), 2
        )
        response = self.post([self.maths, self.literature], [(self.literature, self.editor)])
        self.assertEqual(people_of(self.maths), set())
        self.assertFalse(self.can_edit(self.writer, self.maths_page))
        # Rows not on the form are left alone.
        self.post([self.maths], [])
        self.assertEqual(people_of(self.literature), {self.editor.pk})

    def test_editor_and_contributor_get_403(self):
        for user in (self.editor, self.writer):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(URL).status_code, 403)
                response = self.client.post(
                    URL, {"truong": self.a.pk, "section": [self.maths.pk],
                          "assign": [f"{self.maths.pk}:{user.pk}"]},
                )  # fmt: skip
                self.assertEqual(response.status_code, 403)
        self.assertEqual(people_of(self.maths), set())

    def test_another_schools_head_can_neither_see_nor_change_this_school(self):
        self.login(self.head_b)
        own = self.client.get(URL)
        self.assertEqual(own.status_code, 200)
        self.assertContains(own, "Lê Thị Lan")
        self.assertNotContains(own, "Phạm Tấn Danh")
        self.assertEqual(self.client.get(URL, {"truong": self.a.pk}).status_code, 404)
        response = self.client.post(
            URL, {"truong": self.a.pk, "section": [self.maths.pk],
                  "assign": [f"{self.maths.pk}:{self.writer.pk}"]},
        )  # fmt: skip
        self.assertEqual(response.status_code, 404)
        self.assertEqual(people_of(self.maths), set())

    def test_forged_ids_are_refused_with_a_message_and_change_nothing(self):
        self.login(self.head)
        for rows, ticks in (
            ([self.maths], [(self.maths, self.writer_b)]),
            ([self.maths_b], [(self.maths_b, self.writer)]),
            ([self.maths, self.maths_b], [(self.maths, self.writer), (self.maths_b, self.writer)]),
        ):
            response = self.post(rows, ticks)
            self.assertEqual(response.status_code, 200)
            messages = [str(m) for m in response.context["messages"]]
            self.assertEqual(len(messages), 1)
            self.assertEqual(people_of(self.maths), set())
            self.assertEqual(people_of(self.maths_b), set())
        response = self.client.post(
            URL, {"truong": self.a.pk, "section": [self.maths.pk], "assign": ["x:y"]}, follow=True
        )
        self.assertEqual(people_of(self.maths), set())
        self.assertFalse(SectionGroup.objects.exists())

    def test_superuser_chooses_the_school(self):
        admin = User.objects.create_superuser("tinh", "tinh@example.vn", TEST_PASSWORD)
        self.login(admin)
        response = self.client.get(URL)
        self.assertContains(response, "Trường THCS An Phú")
        self.assertContains(response, "Trường THCS Bình Minh")
        response = self.client.get(URL, {"truong": self.b.pk})
        self.assertContains(response, "Lê Thị Lan")
        self.post([self.maths_b], [(self.maths_b, self.writer_b)], school=self.b)
        self.assertEqual(people_of(self.maths_b), {self.writer_b.pk})

    def test_menu_item_only_for_those_who_assign(self):
        self.login(self.sysadmin)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), URL)
        self.login(self.editor)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), URL)

    def test_section_groups_are_not_listed_among_groups(self):
        assign_sections(
            school=self.a, actor=self.head, assignments={self.maths.pk: [self.writer.pk]}
        )
        admin = User.objects.create_superuser("tinh", "tinh@example.vn", TEST_PASSWORD)
        self.login(admin)
        response = self.client.get(reverse("wagtailusers_groups:index"))
        self.assertContains(response, "Trưởng ban – anphu.example.vn")
        self.assertNotContains(response, "Phụ trách")

    def test_queries_do_not_grow_with_sections_and_people(self):
        self.login(self.head)
        with CaptureQueriesContext(connection) as small:
            self.assertEqual(self.client.get(URL).status_code, 200)
        for _ in range(4):
            make_staff(self.a, "contributor", "editor")
        team = SectionPage(title="Nhóm Tin học", slug="nhom-tin-hoc", kind="news")
        self.maths.add_child(instance=team)
        staff = list(self.a.staff_users().values_list("pk", flat=True))
        assign_sections(
            school=self.a,
            actor=self.head,
            assignments={self.maths.pk: staff, team.pk: staff[:3], self.literature.pk: staff[2:]},
        )
        with self.assertNumQueries(len(small.captured_queries)):
            response = self.client.get(URL)
        self.assertContains(response, "Nhóm Tin học")
        self.assertEqual(len(response.context["columns"]), 9)


class TestDemoAssignments(TestCase):
    def test_demo_has_a_technical_user_and_the_plans_assignments(self):
        from schools.demo import DEMO_PASSWORD, create_demo_school

        school, _ = create_demo_school()
        technical = school.staff_users().get(username="kythuat")
        self.assertTrue(technical.check_password(DEMO_PASSWORD))
        self.assertIn(school.group_for("technical"), technical.groups.all())
        maths = section(school, "to-toan")
        editor = school.staff_users().get(username="bientapvien")
        self.assertEqual(people_of(maths), {editor.pk})
        self.assertIn(editor, SectionGroup.objects.get(section=maths).group.user_set.all())
        party = section(school, "chi-bo-dang")
        writer = school.staff_users().get(username="congtacvien")
        self.assertTrue(party.permissions_for_user(writer).can_edit())
        groups = Group.objects.count()
        create_demo_school()
        self.assertEqual(Group.objects.count(), groups)
