"""Notifications in the admin and by e-mail (sent by the worker), the daily digest, the
editorial policy screen, and isolation between schools."""

from __future__ import annotations

import datetime
import zoneinfo

from django.core import mail
from django.test import TestCase
from django.urls import reverse
from freezegun import freeze_time
from wagtail.models import Workflow

from news.models import ArticlePage
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff
from sections.models import SectionPage
from workflows.digest import send_daily_digests
from workflows.models import EditorialPolicy, Notification
from workflows.notifications import notify

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def news_section(school):
    return SectionPage.objects.descendant_of(school.site.root_page).get(title="Tin tức")


def submit(page_title, school, user, **fields):
    article = ArticlePage(title=page_title, **fields)
    news_section(school).add_child(instance=article)
    article.save_revision(user=user)
    article.get_workflow().start(article, user)
    return ArticlePage.objects.get(pk=article.pk)


class Notifications(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.test")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.test")
        cls.author = make_staff(cls.a, "contributor", username="tacgia")
        cls.secretary = make_staff(cls.a, "secretary", username="thuky")
        cls.head = make_staff(cls.a, "head", username="truongban")
        cls.head_b = make_staff(cls.b, "head", username="truongban_b")

    def test_e_mails_go_through_the_worker_after_commit(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            submit("Hội trại", self.a, self.author)
        # Nothing is sent inside the request/transaction ...
        self.assertEqual(mail.outbox, [])
        note = Notification.objects.get(recipient=self.secretary)
        self.assertIsNone(note.emailed_at)
        # ... the commit enqueues the task, which sends it.
        for callback in callbacks:
            callback()
        self.assertEqual([m.to for m in mail.outbox], [[self.secretary.email]])
        self.assertIn("[Trường THCS An Phú]", mail.outbox[0].subject)
        self.assertIn("http://anphu.test/admin/pages/", mail.outbox[0].body)
        note.refresh_from_db()
        self.assertIsNotNone(note.emailed_at)

    def test_admin_list_and_reading(self):
        with self.captureOnCommitCallbacks(execute=True):
            page = submit("Hội trại", self.a, self.author)
        self.client.login(username="thuky", password=TEST_PASSWORD)
        listing = self.client.get(reverse("workflows_notifications"))
        self.assertContains(listing, "Hội trại")
        note = Notification.objects.get(recipient=self.secretary)
        opened = self.client.get(reverse("workflows_notification_open", args=[note.pk]))
        self.assertRedirects(
            opened,
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            fetch_redirect_response=False,
        )
        note.refresh_from_db()
        self.assertIsNotNone(note.read_at)
        # Someone else's notification cannot be opened or marked.
        self.client.login(username="truongban_b", password=TEST_PASSWORD)
        self.client.get(reverse("workflows_notification_open", args=[note.pk]))
        self.assertNotContains(self.client.get(reverse("workflows_notifications")), "Hội trại")

    def test_the_actor_and_inactive_users_get_nothing(self):
        self.secretary.is_active = False
        self.secretary.save()
        created = notify(
            school=self.a, recipients=[self.secretary, self.head], kind="task",
            message="x", actor=self.head,
        )  # fmt: skip
        self.assertEqual(created, [])

    def test_daily_digest_once_a_day_to_the_people_who_must_act(self):
        with freeze_time("2026-11-23 09:00:00+07:00"), self.captureOnCommitCallbacks(execute=True):
            submit(
                "Báo cáo hội giảng",
                self.a,
                self.author,
                event_end=datetime.datetime(2026, 11, 19, 17, tzinfo=HCM),
            )
        mail.outbox.clear()
        with freeze_time("2026-11-25 06:00:00+07:00"):
            self.assertEqual(send_daily_digests(), 0)  # before 07:00
        with freeze_time("2026-11-25 07:05:00+07:00"):
            with self.captureOnCommitCallbacks(execute=True):
                self.assertEqual(send_daily_digests(), 1)
            with self.captureOnCommitCallbacks(execute=True):
                self.assertEqual(send_daily_digests(), 0)  # not twice a day
        self.assertEqual([m.to for m in mail.outbox], [[self.secretary.email]])
        self.assertIn("Báo cáo hội giảng", mail.outbox[0].body)
        self.assertNotIn("binhminh", mail.outbox[0].body)


class Policy(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.test")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.test")
        cls.head = make_staff(cls.a, "head", username="truongban")
        cls.editor = make_staff(cls.a, "editor", username="bientap")

    def test_every_school_has_its_own_workflows(self):
        for school in (self.a, self.b):
            policy = EditorialPolicy.objects.get(school=school)
            self.assertEqual(
                [t.name.split(" – ")[0] for t in policy.workflow.tasks],
                ["Thư ký tổng hợp", "Duyệt nội dung", "Trưởng ban ký duyệt",
                 "Nhóm kỹ thuật đăng bài"],
            )  # fmt: skip
            self.assertEqual(school.site.root_page.specific.get_workflow(), policy.workflow)
            announcements = SectionPage.objects.descendant_of(school.site.root_page).get(
                title="Thông báo"
            )
            self.assertEqual(announcements.get_workflow(), policy.short_workflow)
        ids = EditorialPolicy.objects.values_list("workflow", "short_workflow")
        self.assertEqual(len({pk for pair in ids for pk in pair}), 4)  # none shared
        self.assertTrue(
            Workflow.objects.filter(pk__in=[pk for pair in ids for pk in pair]).exists()
        )

    def test_head_edits_the_policy_and_the_short_workflow_follows(self):
        policy = EditorialPolicy.objects.get(school=self.a)
        url = reverse("wagtailsnippets_workflows_editorialpolicy:edit", args=[policy.pk])
        self.client.login(username="truongban", password=TEST_PASSWORD)
        form = self.client.get(url)
        self.assertEqual(form.status_code, 200)
        ban_giam_hieu = SectionPage.objects.descendant_of(self.a.site.root_page).get(
            title="Ban giám hiệu"
        )
        response = self.client.post(
            url,
            {
                "school": self.a.pk,
                "news_days": 4,
                "document_days": 2,
                "research_days": 14,
                "review_step_days": 2,
                "due_soon_days": 1,
                "working_weekdays": ["0", "1", "2", "3", "4", "5"],
                "holidays": "01/01/2027",
                "publisher": "technical",
                "head_only_sections": [ban_giam_hieu.pk],
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        policy.refresh_from_db()
        self.assertEqual((policy.news_days, policy.working_weekdays), (4, "0,1,2,3,4,5"))
        self.assertEqual(ban_giam_hieu.get_workflow(), policy.short_workflow)
        announcements = SectionPage.objects.descendant_of(self.a.site.root_page).get(
            title="Thông báo"
        )
        self.assertEqual(announcements.get_workflow(), policy.workflow)
        # A bad holiday line is refused with a message; nothing changes.
        bad = self.client.post(url, {"school": self.a.pk, "holidays": "Tết", "news_days": 9,
                                     "document_days": 2, "research_days": 14,
                                     "review_step_days": 1, "due_soon_days": 1,
                                     "publisher": "head"})  # fmt: skip
        self.assertEqual(bad.status_code, 200)
        policy.refresh_from_db()
        self.assertEqual(policy.news_days, 4)

    def test_other_schools_and_other_roles_cannot_reach_the_policy(self):
        policy_b = EditorialPolicy.objects.get(school=self.b)
        self.client.login(username="truongban", password=TEST_PASSWORD)
        url_b = reverse("wagtailsnippets_workflows_editorialpolicy:edit", args=[policy_b.pk])
        self.assertEqual(self.client.get(url_b).status_code, 404)
        listing = self.client.get(reverse("wagtailsnippets_workflows_editorialpolicy:list"))
        self.assertContains(listing, "An Phú")
        self.assertNotContains(listing, "Bình Minh")
        self.client.login(username="bientap", password=TEST_PASSWORD)
        policy_a = EditorialPolicy.objects.get(school=self.a)
        url_a = reverse("wagtailsnippets_workflows_editorialpolicy:edit", args=[policy_a.pk])
        self.assertIn(self.client.get(url_a).status_code, (302, 403))


class QueueQueries(TestCase):
    """The queue's cost does not grow with the number of items."""

    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.test")
        cls.author = make_staff(cls.a, "contributor", username="tacgia")
        cls.head = make_staff(cls.a, "head", username="truongban")
        cls.editor = make_staff(cls.a, "editor", username="bientap")

    def count_queries(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.login(username="truongban", password=TEST_PASSWORD)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("workflows_my_work"))
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_fixed_number_of_queries(self):
        for n in range(2):
            submit(
                f"Bài {n}",
                self.a,
                self.author,
                event_end=datetime.datetime(2026, 11, 1, tzinfo=HCM),
            )
        few = self.count_queries()
        for n in range(2, 8):
            submit(f"Bài {n}", self.a, self.author)
        self.assertEqual(self.count_queries(), few)
