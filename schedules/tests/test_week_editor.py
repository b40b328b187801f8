"""The week editor: dates must fall in the week, copy last week, publish and the change
history, all through the admin and the services, confined to the actor's school."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from schedules.factories import WorkEntryFactory, WorkWeekFactory, grant_calendar
from schedules.models import WorkEntry, WorkWeek
from schedules.services import copy_week, publish_week
from schedules.snapshot import describe_changes
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff

MONDAY = datetime.date(2025, 9, 8)
ADD = reverse("wagtailsnippets_schedules_workweek:add")


def entry_row(date, content="Chào cờ đầu tuần", **extra):
    return {
        "date": date.strftime("%d/%m/%Y"),
        "session": "sang",
        "time": "",
        "content": content,
        "place": "Sân trường",
        "chair": "Hiệu trưởng",
        "participants": "Toàn trường",
        "preparation": "",
        "notes": "",
        **extra,
    }


class WeekEditorTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.secretary = make_staff(cls.a, "secretary")
        grant_calendar(cls.secretary)
        cls.other = make_staff(cls.b, "secretary")
        grant_calendar(cls.other)

    def setUp(self):
        self.client.login(username=self.secretary.username, password=TEST_PASSWORD)

    def post_week(self, week_start, rows):
        data = nested_form_data(
            {
                "school": self.a.pk,
                "week_start": week_start.strftime("%d/%m/%Y"),
                "entries": inline_formset(rows),
            }
        )
        return self.client.post(ADD, data)

    # --- validation -------------------------------------------------------------------------

    def test_a_week_with_its_rows_is_saved(self):
        rows = [entry_row(MONDAY), entry_row(MONDAY + datetime.timedelta(days=5), "Họp phụ huynh")]
        response = self.post_week(MONDAY, rows)
        self.assertEqual(response.status_code, 302)
        week = WorkWeek.objects.get(school=self.a, week_start=MONDAY)
        self.assertEqual(week.entries.count(), 2)
        self.assertFalse(week.is_published)

    def test_a_date_outside_the_week_is_refused(self):
        for date in (MONDAY - datetime.timedelta(days=1), MONDAY + datetime.timedelta(days=7)):
            with self.subTest(date=date):
                response = self.post_week(MONDAY, [entry_row(MONDAY), entry_row(date)])
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Ngày này không thuộc tuần đã chọn.")
                self.assertFalse(WorkWeek.objects.exists())

    def test_a_week_starts_on_a_monday(self):
        response = self.post_week(MONDAY + datetime.timedelta(days=1), [])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Tuần công tác phải bắt đầu vào thứ Hai.")
        self.assertFalse(WorkWeek.objects.exists())

    def test_one_week_per_school_and_monday(self):
        WorkWeekFactory(school=self.a, week_start=MONDAY)
        self.assertEqual(self.post_week(MONDAY, []).status_code, 200)
        self.assertEqual(WorkWeek.objects.filter(school=self.a).count(), 1)
        WorkWeekFactory(school=self.b, week_start=MONDAY)  # another school: allowed

    def test_another_schools_week_is_a_404(self):
        week = WorkWeekFactory(school=self.b, week_start=MONDAY)
        for name in ("wagtailsnippets_schedules_workweek:edit", "schedules_publish",
                     "schedules_copy_next"):  # fmt: skip
            with self.subTest(name=name):
                self.assertEqual(self.client.get(reverse(name, args=[week.pk])).status_code, 404)
                self.assertEqual(self.client.post(reverse(name, args=[week.pk])).status_code, 404)
        own = WorkWeekFactory(school=self.a, week_start=MONDAY)
        self.assertEqual(
            self.client.get(reverse("schedules_publish", args=[own.pk])).status_code, 200
        )
        self.assertFalse(WorkWeek.objects.get(pk=week.pk).is_published)

    # --- copy last week -----------------------------------------------------------------------

    def test_copy_last_week_moves_every_row_on_by_seven_days(self):
        week = WorkWeekFactory(school=self.a, week_start=MONDAY)
        WorkEntryFactory(week=week, date=MONDAY, time=datetime.time(7, 15), content="Chào cờ")
        WorkEntryFactory(week=week, date=MONDAY + datetime.timedelta(days=3), session="chieu")
        publish_week(week=week, actor=self.secretary)
        response = self.client.post(reverse("schedules_copy_next", args=[week.pk]))
        new = WorkWeek.objects.get(school=self.a, week_start=MONDAY + datetime.timedelta(days=7))
        self.assertRedirects(
            response, reverse("wagtailsnippets_schedules_workweek:edit", args=[new.pk])
        )
        self.assertFalse(new.is_published)
        copied = list(new.entries.order_by("sort_order").values_list("date", "session", "time"))
        self.assertEqual(
            copied,
            [
                (datetime.date(2025, 9, 15), "sang", datetime.time(7, 15)),
                (datetime.date(2025, 9, 18), "chieu", None),
            ],
        )
        self.assertEqual(week.entries.count(), 2)  # the source is untouched

    def test_copy_is_refused_when_the_week_exists_or_nothing_to_copy(self):
        with self.assertRaises(ValidationError):
            copy_week(school=self.a, week_start=MONDAY, actor=self.secretary)  # no week before
        WorkWeekFactory(school=self.a, week_start=MONDAY - datetime.timedelta(days=7))
        WorkWeekFactory(school=self.a, week_start=MONDAY)
        with self.assertRaises(ValidationError):
            copy_week(school=self.a, week_start=MONDAY, actor=self.secretary)
        with self.assertRaises(ValidationError):
            copy_week(
                school=self.a, week_start=MONDAY + datetime.timedelta(days=2), actor=self.secretary
            )

    def test_copy_and_publish_need_the_school_and_the_permission(self):
        week = WorkWeekFactory(school=self.a, week_start=MONDAY)
        with self.assertRaises(PermissionDenied):
            copy_week(
                school=self.a, week_start=MONDAY + datetime.timedelta(days=7), actor=self.other
            )
        with self.assertRaises(PermissionDenied):
            publish_week(week=week, actor=self.other)
        without = make_staff(self.a, "editor")
        with self.assertRaises(PermissionDenied):
            publish_week(week=week, actor=without)
        self.assertEqual(WorkWeek.objects.count(), 1)

    # --- publish and history --------------------------------------------------------------------

    def test_publish_then_edit_then_publish_records_a_readable_change(self):
        week = WorkWeekFactory(school=self.a, week_start=MONDAY)
        meeting = WorkEntryFactory(
            week=week, date=MONDAY, content="Họp hội đồng", place="Phòng họp"
        )
        dropped = WorkEntryFactory(week=week, date=MONDAY, content="Kiểm tra hồ sơ")
        self.assertIsNone(publish_week(week=week, actor=self.secretary))
        week.refresh_from_db()
        self.assertTrue(week.is_published)
        self.assertIsNotNone(week.published_at)
        self.assertFalse(week.changes.exists())

        WorkEntry.objects.filter(pk=meeting.pk).update(place="Thư viện")
        dropped.delete()
        WorkEntryFactory(week=week, date=MONDAY + datetime.timedelta(days=2), content="Dự giờ")
        # Not yet published: the public snapshot still says "Phòng họp".
        week.refresh_from_db()
        self.assertEqual(week.published_entries[0]["place"], "Phòng họp")

        response = self.client.post(reverse("schedules_publish", args=[week.pk]))
        self.assertEqual(response.status_code, 302)
        [change] = week.changes.all()
        self.assertEqual(change.changed_by, self.secretary)
        self.assertIn("“Phòng họp” → “Thư viện”", change.summary)
        self.assertIn("Kiểm tra hồ sơ", change.summary)
        self.assertIn("Dự giờ", change.summary)
        self.assertEqual(len(change.summary.splitlines()), 3)
        week.refresh_from_db()
        marked = {row["content"]: row["changed"] for row in week.published_entries}
        self.assertEqual(marked, {"Họp hội đồng": True, "Dự giờ": True})

        publish_week(week=week, actor=self.secretary)  # nothing changed since: no new change
        self.assertEqual(week.changes.count(), 1)

    def test_describe_changes_is_empty_when_nothing_changed(self):
        row = {"id": 1, "date": "2025-09-08", "session": "sang", "time": "", "content": "Họp"}
        self.assertEqual(describe_changes([row], [dict(row)]), "")


class WeekListingTestCase(TestCase):
    def test_listing_shows_own_weeks_with_publish_and_copy_buttons(self):
        a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        secretary = make_staff(a, "secretary")
        grant_calendar(secretary)
        own = WorkWeekFactory(school=a, week_start=MONDAY)
        other = WorkWeekFactory(school=b, week_start=MONDAY - datetime.timedelta(days=7))
        self.client.login(username=secretary.username, password=TEST_PASSWORD)
        response = self.client.get(reverse("wagtailsnippets_schedules_workweek:list"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, reverse("schedules_publish", args=[own.pk]))
        self.assertContains(response, reverse("schedules_copy_next", args=[own.pk]))
        self.assertNotContains(response, reverse("schedules_publish", args=[other.pk]))
