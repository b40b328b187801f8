"""The plan's whole chain through the admin views, as each role, for two schools at once."""

from __future__ import annotations

from django.core import mail
from django.test import TestCase
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from news.models import ArticlePage
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff
from sections.models import SectionPage
from workflows.models import EditorialPolicy, Notification, ReviewAssignment

from .helpers import add_page, edit_page


def section(school, title):
    return SectionPage.objects.descendant_of(school.site.root_page).get(title=title)


class Chain(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.schools = {}
        for key, name, host in (
            ("a", "Trường THCS An Phú", "anphu.test"),
            ("b", "Trường THCS Bình Minh", "binhminh.test"),
        ):
            school = SchoolFactory(name=name, hostname=host)
            people = {
                role: make_staff(school, role, username=f"{role}_{key}")
                for role in ("contributor", "secretary", "head", "deputy", "technical")
            }
            for n in (1, 2, 3):
                people[f"editor{n}"] = make_staff(school, "editor", username=f"editor{n}_{key}")
            cls.schools[key] = (school, people)

    def login(self, key, who):
        self.client.logout()
        user = self.schools[key][1][who]
        self.assertTrue(self.client.login(username=user.username, password=TEST_PASSWORD))
        return user

    def submit_article(self, key, title, section_title="Tin tức"):
        school, _people = self.schools[key]
        self.login(key, "contributor")
        with self.captureOnCommitCallbacks(execute=True):
            response = add_page(
                self.client,
                section(school, section_title),
                "news.articlepage",
                title=title,
                slug="",
                **{"action-submit": "1"},
            )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        return ArticlePage.objects.get(title=title)

    def act(self, page, action, data=None):
        state = page.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data or {})

    def assertDenied(self, response):
        # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
        if response.status_code == 302:
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        else:
            self.assertEqual(response.status_code, 403)

    def step(self, page):
        page = ArticlePage.objects.get(pk=page.pk)
        state = page.current_workflow_task_state
        return state.task.name.split(" – ")[0] if state else None

    def test_whole_chain_two_schools(self):
        pages = {key: self.submit_article(key, f"Hội khỏe Phù Đổng {key}") for key in "ab"}
        for page in pages.values():
            self.assertFalse(page.live)
            self.assertEqual(self.step(page), "Thư ký tổng hợp")

        # A contributor cannot publish.
        self.login("a", "contributor")
        edit_page(self.client, pages["a"], **{"action-publish": "1"})
        pages["a"].refresh_from_db()
        self.assertFalse(pages["a"].live)

        # The secretary sees the item in her queue (and not the other school's), sends it on.
        self.login("a", "secretary")
        queue = self.client.get(reverse("workflows_my_work"))
        self.assertContains(queue, "Hội khỏe Phù Đổng a")
        self.assertNotContains(queue, "Hội khỏe Phù Đổng b")
        self.assertContains(queue, "Chờ tôi xử lý")
        self.assertEqual(self.act(pages["a"], "approve").status_code, 302)
        self.assertEqual(self.step(pages["a"]), "Duyệt nội dung")

        # Another school's head can neither see nor act on it.
        self.login("b", "head")
        self.assertNotContains(self.client.get(reverse("workflows_my_work")), "Phù Đổng a")
        self.assertDenied(self.act(pages["a"], "assign", {"reviewers": ["1"]}))

        # The head assigns two named reviewers.
        head = self.login("a", "head")
        queue = self.client.get(reverse("workflows_my_work"))
        self.assertContains(queue, "Phân công người duyệt")
        _school, people = self.schools["a"]
        reviewers = [str(people["editor1"].pk), str(people["editor2"].pk)]
        mail.outbox.clear()
        self.assertEqual(self.act(pages["a"], "assign", {"reviewers": reviewers}).status_code, 302)
        state = ArticlePage.objects.get(pk=pages["a"].pk).current_workflow_task_state.specific
        self.assertEqual(
            set(state.review_assignments.values_list("reviewer__username", flat=True)),
            {"editor1_a", "editor2_a"},
        )
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox),
            [people["editor1"].email, people["editor2"].email],
        )
        self.assertIn("Hội khỏe Phù Đổng a", mail.outbox[0].subject)

        # A reviewer who was not assigned cannot approve.
        self.login("a", "editor3")
        self.assertDenied(self.act(pages["a"], "approve"))
        # The first reviewer approves: still waiting for the second.
        self.login("a", "editor1")
        self.assertEqual(self.act(pages["a"], "approve", {"comment": "Tốt"}).status_code, 302)
        self.assertEqual(self.step(pages["a"]), "Duyệt nội dung")
        self.assertDenied(self.act(pages["a"], "approve"))  # not twice
        self.login("a", "editor2")
        self.act(pages["a"], "approve")
        self.assertEqual(self.step(pages["a"]), "Trưởng ban ký duyệt")

        # The deputy cannot sign off; the head does, and the page is live.
        self.login("a", "deputy")
        self.assertDenied(self.act(pages["a"], "approve"))
        self.login("a", "head")
        self.act(pages["a"], "approve", {"comment": "Đồng ý đăng"})
        page = ArticlePage.objects.get(pk=pages["a"].pk)
        self.assertTrue(page.live)
        self.assertIsNone(page.current_workflow_task_state)

        # School B's item did not move.
        self.assertEqual(self.step(pages["b"]), "Thư ký tổng hợp")
        self.assertFalse(ArticlePage.objects.get(pk=pages["b"].pk).live)

        # The history holds every step, the reviewers' comments and the sign-off.
        actions = list(
            PageLogEntry.objects.filter(page=page)
            .order_by("timestamp")
            .values_list("action", flat=True)
        )
        for expected in (
            "wagtail.workflow.start",
            "portal.review.assign",
            "portal.review.approve",
            "wagtail.workflow.approve",
            "wagtail.publish",
        ):
            self.assertIn(expected, actions)
        sign_off = PageLogEntry.objects.filter(
            page=page, action="wagtail.workflow.approve", user=head
        ).get()
        self.assertEqual(sign_off.data["workflow"]["task"]["title"].split(" – ")[0],
                         "Trưởng ban ký duyệt")  # fmt: skip
        self.assertEqual(sign_off.data["comment"], "Đồng ý đăng")
        history = self.client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
        self.assertContains(history, "Tốt")
        # The author is told it was published.
        self.assertTrue(
            Notification.objects.filter(
                recipient=people["contributor"], kind="published", emailed_at__isnull=False
            ).exists()
        )

    def test_changes_requested_go_back_to_the_author_and_return_to_the_same_reviewers(self):
        page = self.submit_article("a", "Thi văn nghệ")
        _school, people = self.schools["a"]
        self.login("a", "secretary")
        self.act(page, "approve")
        self.login("a", "head")
        self.act(page, "assign", {"reviewers": [str(people["editor1"].pk)]})
        self.login("a", "editor1")
        # A request for changes needs a comment.
        self.act(page, "reject", {"comment": ""})
        self.assertEqual(self.step(page), "Duyệt nội dung")
        mail.outbox.clear()
        self.act(page, "reject", {"comment": "Thiếu ảnh minh họa"})
        state = WorkflowState.objects.get(object_id=str(page.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertIn(people["contributor"].email, [m.to[0] for m in mail.outbox])
        self.assertIn("Thiếu ảnh minh họa", "".join(m.body for m in mail.outbox))
        # The author edits and sends it again: the same reviewer is asked again.
        self.login("a", "contributor")
        with self.captureOnCommitCallbacks(execute=True):
            edit_page(self.client, ArticlePage.objects.get(pk=page.pk), **{"action-submit": "1"})
        self.assertEqual(self.step(page), "Duyệt nội dung")
        state = ArticlePage.objects.get(pk=page.pk).current_workflow_task_state.specific
        self.assertEqual(
            list(state.review_assignments.values_list("reviewer__username", "decision")),
            [("editor1_a", ReviewAssignment.PENDING)],
        )

    def test_the_technical_group_publishes_when_the_school_chooses_so(self):
        school, _people = self.schools["a"]
        EditorialPolicy.objects.filter(school=school).update(publisher="technical")
        page = self.submit_article("a", "Lễ khai giảng")
        _school, people = self.schools["a"]
        self.login("a", "secretary")
        self.act(page, "approve")
        self.login("a", "head")
        self.act(page, "assign", {"reviewers": [str(people["editor1"].pk)]})
        self.login("a", "editor1")
        self.act(page, "approve")
        self.login("a", "head")
        self.act(page, "approve")
        self.assertEqual(self.step(page), "Nhóm kỹ thuật đăng bài")
        self.assertFalse(ArticlePage.objects.get(pk=page.pk).live)
        self.login("a", "technical")
        self.act(page, "approve")
        self.assertTrue(ArticlePage.objects.get(pk=page.pk).live)

    def test_announcements_use_the_short_workflow(self):
        page = self.submit_article("a", "Thông báo nghỉ học do bão", section_title="Thông báo")
        self.assertEqual(self.step(page), "Trưởng ban ký duyệt")
        self.login("a", "head")
        self.act(page, "approve")
        self.assertTrue(ArticlePage.objects.get(pk=page.pk).live)

    def test_forged_reviewers_from_another_school_are_refused(self):
        page = self.submit_article("a", "Ngày hội đọc sách")
        self.login("a", "secretary")
        self.act(page, "approve")
        self.login("a", "head")
        outsider = self.schools["b"][1]["editor1"]
        self.act(page, "assign", {"reviewers": [str(outsider.pk)]})
        state = ArticlePage.objects.get(pk=page.pk).current_workflow_task_state.specific
        self.assertFalse(state.review_assignments.exists())
