"""The news rota (plan III.3): generation, validation, reminders to the tổ heads, the admin."""

from __future__ import annotations

import datetime
import re

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from people.factories import StaffMemberFactory, unit
from schools.assignments import assign_sections
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff
from workflows.models import Notification, RotaEntry
from workflows.rota import (
    create_entry,
    generate_rota,
    send_rota_reminders,
    team_heads,
    team_sections,
    update_entry,
)
from workflows.rota_tasks import rota_reminders

MONDAY = datetime.date(2026, 3, 2)  # a Monday
WEEK = datetime.timedelta(days=7)
TEAM_TITLES = [
    "Tổ Toán",
    "Tổ Lý - Tin",
    "Tổ Hóa - Sinh",
    "Tổ Văn",
    "Tổ Sử - Địa",
    "Tổ GDCD - Năng khiếu",
    "Tổ Ngoại ngữ",
    "Tổ Văn phòng",
]


class RotaTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.test")
        cls.other = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.test")
        cls.head = make_staff(cls.school, "head", username="head_a")
        cls.secretary = make_staff(cls.school, "secretary", username="secretary_a")
        cls.editor = make_staff(cls.school, "editor", username="editor_a")
        cls.other_head = make_staff(cls.other, "head", username="head_b")
        cls.teams = list(team_sections(school=cls.school))
        cls.other_teams = list(team_sections(school=cls.other))

    def entries(self, school=None):
        return list(
            RotaEntry.objects.for_school(school or self.school)
            .order_by("week_start")
            .values_list("week_start", "team__title", "theme")
        )


class GenerateTests(RotaTestCase):
    def test_the_school_teams_are_the_sections_under_to_chuyen_mon(self):
        self.assertEqual([t.title for t in self.teams], TEAM_TITLES)
        self.assertTrue({t.pk for t in self.teams}.isdisjoint(t.pk for t in self.other_teams))

    def test_round_robin_with_cycling_themes(self):
        created = generate_rota(
            school=self.school, start=MONDAY, weeks=10, themes=["An toàn giao thông", "  Đọc sách "],
            actor=self.head,
        )  # fmt: skip
        self.assertEqual(len(created), 10)
        self.assertEqual(
            self.entries(),
            [
                (MONDAY + i * WEEK, TEAM_TITLES[i % 8], ("An toàn giao thông", "Đọc sách")[i % 2])
                for i in range(10)
            ],
        )
        self.assertEqual(
            ModelLogEntry.objects.filter(action="wagtail.create", user=self.head).count(), 10
        )

    def test_idempotent_and_continues_the_turn(self):
        generate_rota(school=self.school, start=MONDAY, weeks=10, themes=["A"], actor=self.head)
        before = self.entries()
        self.assertEqual(
            generate_rota(
                school=self.school, start=MONDAY, weeks=10, themes=["B"], actor=self.head
            ),
            [],
        )
        self.assertEqual(self.entries(), before)

        # A deleted week is given back to the same tổ; the others are left as they are.
        RotaEntry.objects.get(school=self.school, week_start=MONDAY + 2 * WEEK).delete()
        again = generate_rota(
            school=self.school, start=MONDAY, weeks=10, themes=["A"], actor=self.head
        )
        self.assertEqual([(e.week_start, e.team.title) for e in again], [before[2][:2]])
        self.assertEqual(self.entries(), before)

        # A later run goes on from the tổ of the last week before it.
        later = generate_rota(
            school=self.school, start=MONDAY + 10 * WEEK, weeks=2, themes=["C"], actor=self.head
        )
        self.assertEqual([e.team.title for e in later], [TEAM_TITLES[2], TEAM_TITLES[3]])
        # The other school's rota is its own.
        self.assertEqual(self.entries(self.other), [])

    def test_an_existing_week_sets_the_turn(self):
        create_entry(
            school=self.school, week_start=MONDAY + WEEK, team=self.teams[5], theme="Tết",
            actor=self.head,
        )  # fmt: skip
        created = generate_rota(
            school=self.school, start=MONDAY, weeks=3, themes=["A"], actor=self.head
        )
        self.assertEqual([e.team.title for e in created], [TEAM_TITLES[0], TEAM_TITLES[6]])

    def test_refusals(self):
        with self.assertRaises(ValidationError) as caught:
            generate_rota(
                school=self.school, start=MONDAY + datetime.timedelta(days=1), weeks=0,
                themes=[" ", ""], actor=self.head,
            )  # fmt: skip
        errors = caught.exception.message_dict
        self.assertEqual(errors["start"], ["Tuần phải bắt đầu vào thứ Hai."])
        self.assertIn("weeks", errors)
        self.assertEqual(errors["themes"], ["Hãy nhập ít nhất một chủ đề."])
        for actor in (self.editor, self.other_head):
            with self.assertRaises(PermissionDenied):
                generate_rota(school=self.school, start=MONDAY, weeks=1, themes=["A"], actor=actor)
        self.assertEqual(RotaEntry.objects.count(), 0)


class ValidationTests(RotaTestCase):
    def create(self, **fields):
        values = {"school": self.school, "week_start": MONDAY, "team": self.teams[0]}
        values.update(fields)
        return create_entry(**values, theme="Chủ đề", actor=self.head)

    def team_error(self, **fields):
        with self.assertRaises(ValidationError) as caught:
            self.create(**fields)
        return caught.exception.message_dict

    def test_not_a_monday(self):
        errors = self.team_error(week_start=MONDAY + datetime.timedelta(days=2))
        self.assertEqual(errors, {"week_start": ["Tuần phải bắt đầu vào thứ Hai."]})

    def test_a_section_of_another_school(self):
        errors = self.team_error(team=self.other_teams[0])
        self.assertEqual(errors, {"team": ["Chuyên mục này thuộc trường khác."]})

    def test_a_section_that_is_not_a_to(self):
        news = unit(self.school, "tin-tuc")
        parent = unit(self.school, "to-chuyen-mon")
        for section in (news, parent):
            errors = self.team_error(team=section)
            self.assertEqual(
                errors, {"team": ["Hãy chọn một tổ trong chuyên mục “Tổ chuyên môn”."]}
            )

    def test_twice_the_same_week_and_to(self):
        self.create()
        errors = self.team_error()
        self.assertEqual(
            errors, {"week_start": ["Tổ Toán đã có lịch luân phiên trong tuần bắt đầu 02/03/2026."]}
        )
        self.assertEqual(RotaEntry.objects.count(), 1)

    def test_theme_is_normalised(self):
        entry = self.create(week_start=MONDAY + WEEK)
        entry = update_entry(
            entry=entry, week_start=entry.week_start, team=entry.team,
            theme=" Tua\u0302\u0300n  le\u0302\u0303 ho\u0302\u0323i ", actor=self.head,
        )  # fmt: skip
        self.assertEqual(entry.theme, "Tuần lễ hội")


def as_utc(local: str) -> str:
    """freezegun takes UTC; the school's clock is UTC+7 (Asia/Ho_Chi_Minh)."""
    moment = datetime.datetime.fromisoformat(local) - datetime.timedelta(hours=7)
    return moment.isoformat()


class ReminderTests(RotaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        toan, van, ly = (unit(cls.school, slug) for slug in ("to-toan", "to-van", "to-ly-tin"))
        cls.toan_head = make_staff(cls.school, "editor", username="toan_head")
        assign_sections(
            school=cls.school, actor=cls.head, assignments={toan.pk: [cls.toan_head.pk]}
        )
        # Tổ Văn has nobody assigned: its "Tổ trưởng" on the staff list is reminded.
        cls.van_head = make_staff(cls.school, "contributor", username="van_head")
        cls.van_teacher = make_staff(cls.school, "contributor", username="van_teacher")
        StaffMemberFactory(school=cls.school, full_name="Phan Thụy Kiều", positions="Tổ trưởng chuyên môn", user=cls.van_head, units=[van])  # fmt: skip
        StaffMemberFactory(school=cls.school, full_name="Lê Văn Tám", positions="Giáo viên Ngữ văn", user=cls.van_teacher, units=[van])  # fmt: skip
        StaffMemberFactory(school=cls.school, full_name="Trần An", positions="tổ trưởng", units=[ly])  # fmt: skip
        cls.toan, cls.van, cls.ly = toan, van, ly
        for week, team in ((0, toan), (1, van), (2, toan), (-1, van)):
            create_entry(
                school=cls.school, week_start=MONDAY + week * WEEK, team=team,
                theme=f"Chủ đề {week}", notes="Gửi bài trước thứ Sáu." if week == 1 else "",
                actor=cls.head,
            )  # fmt: skip

    def run_reminders(self, local: str) -> int:
        with freeze_time(as_utc(local)), self.captureOnCommitCallbacks(execute=True):
            return send_rota_reminders()

    def test_heads_are_the_responsible_people_then_the_to_truong(self):
        self.assertEqual(team_heads(self.toan), [self.toan_head])
        self.assertEqual(team_heads(self.van), [self.van_head])
        self.assertEqual(team_heads(self.ly), [])  # a "tổ trưởng" without a user account

    def test_nothing_before_seven(self):
        self.assertEqual(self.run_reminders("2026-03-02T06:59:00"), 0)
        self.assertEqual(self.run_reminders("2026-03-02T22:10:00"), 0)
        self.assertEqual(len(mail.outbox), 0)

    def test_this_week_and_next_week_once(self):
        self.assertEqual(self.run_reminders("2026-03-02T07:05:00"), 2)
        self.assertEqual(
            sorted(message.to[0] for message in mail.outbox),
            ["toan_head@example.edu.vn", "van_head@example.edu.vn"],
        )
        notes = {n.recipient: n for n in Notification.objects.filter(kind="rota")}
        self.assertEqual(set(notes), {self.toan_head, self.van_head})
        self.assertIn("Tổ Toán", notes[self.toan_head].message)
        self.assertIn("Chủ đề 0", notes[self.toan_head].message)
        self.assertIn("Gửi bài trước thứ Sáu.", notes[self.van_head].body)
        # The reminder lists the rota of the coming weeks.
        self.assertIn("09/03 – 15/03/2026: Tổ Văn — Chủ đề 1", notes[self.toan_head].body)
        self.assertIn(
            f"/admin/pages/add/news/articlepage/{self.toan.pk}/", notes[self.toan_head].url
        )
        mail_body = next(m.body for m in mail.outbox if m.to == ["van_head@example.edu.vn"])
        self.assertIn("Chủ đề 1", mail_body)

        reminded = RotaEntry.objects.filter(reminded_at__isnull=False)
        self.assertEqual(sorted(e.theme for e in reminded), ["Chủ đề 0", "Chủ đề 1"])
        # Never twice.
        self.assertEqual(self.run_reminders("2026-03-02T08:05:00"), 0)
        self.assertEqual(self.run_reminders("2026-03-04T09:00:00"), 0)
        self.assertEqual(len(mail.outbox), 2)
        # A week later, the week after comes due; the past week is not reminded.
        self.assertEqual(self.run_reminders("2026-03-09T07:00:00"), 1)
        self.assertEqual(mail.outbox[-1].to, ["toan_head@example.edu.vn"])
        self.assertEqual(RotaEntry.objects.filter(reminded_at__isnull=True).count(), 1)

    def test_a_to_without_head_waits_until_one_is_named(self):
        entry = create_entry(
            school=self.school, week_start=MONDAY, team=self.ly, theme="Tin học trẻ",
            actor=self.head,
        )  # fmt: skip
        self.run_reminders("2026-03-02T07:05:00")
        entry.refresh_from_db()
        self.assertIsNone(entry.reminded_at)
        assign_sections(
            school=self.school, actor=self.head, assignments={self.ly.pk: [self.editor.pk]}
        )
        self.assertEqual(self.run_reminders("2026-03-02T10:05:00"), 1)
        self.assertEqual(mail.outbox[-1].to, ["editor_a@example.edu.vn"])

    def test_moving_an_entry_reminds_again(self):
        self.run_reminders("2026-03-02T07:05:00")
        entry = RotaEntry.objects.get(theme="Chủ đề 0")
        update_entry(entry=entry, week_start=entry.week_start, team=entry.team, theme="Chủ đề mới", actor=self.head)  # fmt: skip
        entry.refresh_from_db()
        self.assertIsNotNone(entry.reminded_at)  # same week and tổ: no new reminder
        update_entry(entry=entry, week_start=MONDAY + WEEK, team=self.toan, theme="Chủ đề mới", actor=self.head)  # fmt: skip
        entry.refresh_from_db()
        self.assertIsNone(entry.reminded_at)
        self.assertEqual(self.run_reminders("2026-03-02T08:05:00"), 1)

    def test_the_periodic_task(self):
        with (
            freeze_time(as_utc("2026-03-02T07:30:00")),
            self.captureOnCommitCallbacks(execute=True),
        ):
            result = rota_reminders.enqueue()
        self.assertEqual(result.return_value, 2)
        self.assertEqual(len(mail.outbox), 2)


class AdminTests(RotaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        generate_rota(school=cls.school, start=MONDAY, weeks=3, themes=["Chủ đề An Phú"], actor=cls.head)  # fmt: skip
        generate_rota(school=cls.other, start=MONDAY, weeks=3, themes=["Chủ đề Bình Minh"], actor=cls.other_head)  # fmt: skip
        cls.mine = RotaEntry.objects.for_school(cls.school).first()
        cls.theirs = RotaEntry.objects.for_school(cls.other).first()

    def login(self, user):
        self.assertTrue(self.client.login(username=user.username, password=TEST_PASSWORD))

    def test_listing_shows_only_the_own_school(self):
        self.login(self.secretary)
        response = self.client.get(reverse("wagtailsnippets_workflows_rotaentry:list"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Chủ đề An Phú", count=3)
        self.assertContains(response, "02/03 – 08/03/2026")
        self.assertNotContains(response, "Chủ đề Bình Minh")
        self.assertContains(response, reverse("workflows_rota_generate"))

    def test_listing_marks_the_current_week(self):
        self.login(self.head)
        with freeze_time(as_utc("2026-03-11T10:00:00")):
            response = self.client.get(reverse("wagtailsnippets_workflows_rotaentry:list"))
        self.assertContains(response, "09/03 – 15/03/2026 (tuần này)")
        self.assertNotContains(response, "02/03 – 08/03/2026 (tuần này)")

    def test_edit_through_the_admin(self):
        self.login(self.head)
        RotaEntry.objects.filter(pk=self.mine.pk).update(reminded_at="2026-03-02T00:05:00Z")
        url = reverse("wagtailsnippets_workflows_rotaentry:edit", args=[self.mine.pk])
        data = {
            "week_start": "2026-03-02",
            "team": self.teams[0].pk,
            "theme": "Chủ đề mới",
            "notes": "",
        }
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.theme, "Chủ đề mới")
        self.assertIsNotNone(self.mine.reminded_at)
        # Moved to another week (and an attempt to move it to the other school): reminded again.
        data.update(week_start="2026-03-30", school=self.other.pk)
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.mine.refresh_from_db()
        self.assertEqual((self.mine.week_start, self.mine.school), (MONDAY + 4 * WEEK, self.school))
        self.assertIsNone(self.mine.reminded_at)
        # A week already taken by the same tổ is refused, in Vietnamese.
        RotaEntry.objects.create(school=self.school, week_start=MONDAY + 5 * WEEK, team=self.teams[0], theme="X")  # fmt: skip
        data.update(week_start="2026-04-06")
        response = self.client.post(url, data)
        self.assertContains(
            response, "Tổ Toán đã có lịch luân phiên trong tuần bắt đầu 06/04/2026."
        )

    def test_listing_filtered_by_to(self):
        self.login(self.head)
        url = reverse("wagtailsnippets_workflows_rotaentry:list")
        response = self.client.get(url, {"team": self.teams[1].pk})
        self.assertContains(response, "09/03 – 15/03/2026")
        self.assertNotContains(response, "02/03 – 08/03/2026")
        # The filter offers the school's tổ only.
        response = self.client.get(url)
        self.assertContains(response, f'value="{self.teams[0].pk}"')
        self.assertNotContains(response, f'value="{self.other_teams[0].pk}"')

    def test_listing_queries_do_not_grow_with_rows(self):
        self.login(self.head)
        url = reverse("wagtailsnippets_workflows_rotaentry:list")
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        generate_rota(school=self.school, start=MONDAY + 3 * WEEK, weeks=9, themes=["X"], actor=self.head)  # fmt: skip
        with CaptureQueriesContext(connection) as many:
            self.assertContains(self.client.get(url), "Tổ Văn phòng")
        self.assertEqual(len(many), len(few))

    def test_another_schools_entry_is_not_found(self):
        self.login(self.head)
        for action in ("edit", "delete", "history"):
            name = f"wagtailsnippets_workflows_rotaentry:{action}"
            self.assertEqual(self.client.get(reverse(name, args=[self.theirs.pk])).status_code, 404)
            self.assertEqual(self.client.get(reverse(name, args=[self.mine.pk])).status_code, 200)
        self.assertEqual(
            self.client.get(reverse("wagtailsnippets_workflows_rotaentry:edit", args=[999999])).status_code,
            404,
        )  # fmt: skip

    def test_team_chooser_offers_the_school_to_only(self):
        self.login(self.head)
        response = self.client.get(reverse("wagtailsnippets_workflows_rotaentry:add"))
        options = set(re.findall(r'<option value="(\d+)"', response.content.decode()))
        self.assertTrue({str(t.pk) for t in self.teams} <= options)
        self.assertFalse({str(t.pk) for t in self.other_teams} & options)
        self.assertNotIn(str(unit(self.school, "tin-tuc").pk), options)

    def test_add_through_the_admin(self):
        self.login(self.head)
        url = reverse("wagtailsnippets_workflows_rotaentry:add")
        data = {"school": self.school.pk, "team": self.teams[4].pk, "theme": "Ngày hội đọc sách"}
        response = self.client.post(url, {**data, "week_start": "2026-03-03"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Tuần phải bắt đầu vào thứ Hai.")
        response = self.client.post(url, {**data, "team": self.other_teams[4].pk, "week_start": "2026-03-02"})  # fmt: skip
        self.assertEqual(response.status_code, 200)
        self.assertFalse(RotaEntry.objects.filter(theme="Ngày hội đọc sách").exists())
        response = self.client.post(url, {**data, "week_start": "2026-03-02"})
        self.assertEqual(response.status_code, 302)
        entry = RotaEntry.objects.get(theme="Ngày hội đọc sách")
        self.assertEqual((entry.school, entry.team), (self.school, self.teams[4]))
        self.assertTrue(
            ModelLogEntry.objects.filter(object_id=str(entry.pk), user=self.head).exists()
        )

    def test_editors_have_no_access(self):
        self.login(self.editor)
        # Wagtail answers a refused admin view with a redirect to the dashboard.
        for url in (
            reverse("workflows_rota_generate"),
            reverse("wagtailsnippets_workflows_rotaentry:list"),
            reverse("wagtailsnippets_workflows_rotaentry:edit", args=[self.mine.pk]),
        ):
            self.assertRedirects(self.client.get(url), reverse("wagtailadmin_home"))
        data = {"school": self.school.pk, "start": "2026-03-23", "weeks": "4", "themes": "X"}
        self.client.post(reverse("workflows_rota_generate"), data)
        self.assertEqual(RotaEntry.objects.count(), 6)

    def test_generate_view(self):
        self.login(self.secretary)
        url = reverse("workflows_rota_generate")
        response = self.client.get(url)
        self.assertContains(response, "Tổ Toán, Tổ Lý - Tin")
        data = {
            "school": self.school.pk,
            "start": "2026-03-23",
            "weeks": "4",
            "themes": "Một\n\nHai\n",
        }
        response = self.client.post(url, data, follow=True)
        self.assertContains(response, "Đã thêm 4 tuần vào lịch luân phiên.")
        themes = [e.theme for e in RotaEntry.objects.for_school(self.school).filter(week_start__gte=datetime.date(2026, 3, 23))]  # fmt: skip
        self.assertEqual(themes, ["Một", "Hai", "Một", "Hai"])
        response = self.client.post(url, {**data, "start": "2026-03-16"}, follow=True)
        self.assertContains(response, "Không thêm tuần nào: cả 4 tuần đã có lịch.")
        response = self.client.post(url, {**data, "start": "2026-03-16", "weeks": "6"}, follow=True)
        self.assertContains(response, "Đã thêm 1 tuần vào lịch luân phiên.")
        self.assertContains(response, "5 tuần đã có lịch nên được giữ nguyên.")
        self.assertEqual(RotaEntry.objects.for_school(self.school).count(), 3 + 4 + 1)
        response = self.client.post(url, {**data, "start": "2026-03-10"})
        self.assertContains(response, "Tuần phải bắt đầu vào thứ Hai.")
        # Another school's id in the form is refused.
        response = self.client.post(url, {**data, "school": self.other.pk})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(RotaEntry.objects.for_school(self.other).count(), 3)


class DemoTests(TestCase):
    def test_the_demo_school_has_eight_weeks_of_rota(self):
        from django.utils import timezone

        from schools.demo import create_demo_school

        school, _created = create_demo_school()
        today = timezone.localdate()
        monday = today - datetime.timedelta(days=today.weekday())
        self.assertEqual(
            [(week, team) for week, team, _theme in self.entries(school)],
            [(monday + i * WEEK, TEAM_TITLES[i]) for i in range(8)],
        )

    def entries(self, school):
        return RotaTestCase.entries(self, school)
