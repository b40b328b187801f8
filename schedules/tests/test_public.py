"""The public work calendar: a week by day and session, today highlighted, navigation, bad
dates, drafts and other schools never shown, history, print view, iCal feed, the home block,
query budgets."""

from __future__ import annotations

import datetime

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import news.tests.test_calendar as news_calendar_tests
from schedules.factories import WorkEntryFactory, WorkWeekFactory, grant_calendar
from schedules.models import WorkEntry
from schedules.services import publish_week
from schools.factories import SchoolFactory, make_staff

HOST_A = "anphu.example.vn"
HOST_B = "binhminh.example.vn"
MONDAY = datetime.date(2025, 9, 8)
WEEK = datetime.timedelta(days=7)


def this_monday() -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


class PublicCalendarTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        cls.secretary = make_staff(cls.a, "secretary")
        grant_calendar(cls.secretary)
        cls.secretary_b = make_staff(cls.b, "secretary")
        grant_calendar(cls.secretary_b)

        cls.week = WorkWeekFactory(school=cls.a, week_start=MONDAY)
        WorkEntryFactory(
            week=cls.week, date=MONDAY, session=WorkEntry.AFTERNOON, content="Họp tổ Toán",
            time=datetime.time(14, 0), place="Phòng 12; tầng 2",
        )  # fmt: skip
        WorkEntryFactory(week=cls.week, date=MONDAY, content="Chào cờ đầu tuần")
        WorkEntryFactory(
            week=cls.week, date=MONDAY + datetime.timedelta(days=2), content="Dự giờ lớp 8A",
            preparation="Giáo án, phiếu dự giờ", session=WorkEntry.EVENING,
        )  # fmt: skip
        publish_week(week=cls.week, actor=cls.secretary)
        cls.draft = WorkWeekFactory(school=cls.a, week_start=MONDAY + WEEK)
        WorkEntryFactory(week=cls.draft, date=MONDAY + WEEK, content="Bản nháp bí mật")
        cls.other = WorkWeekFactory(school=cls.b, week_start=MONDAY)
        WorkEntryFactory(week=cls.other, date=MONDAY, content="Lịch của Bình Minh")
        publish_week(week=cls.other, actor=cls.secretary_b)

    def get(self, path, host=HOST_A):
        return self.client.get(path, HTTP_HOST=host)

    def url(self, monday):
        return f"/lich-cong-tac/{monday.isoformat()}/"

    # --- a week -------------------------------------------------------------------------------

    def test_week_is_grouped_by_day_then_session(self):
        response = self.get(self.url(MONDAY))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        order = [html.index(s) for s in ("Chào cờ đầu tuần", "Họp tổ Toán", "Dự giờ lớp 8A")]
        self.assertEqual(order, sorted(order))
        self.assertContains(response, "14:00")
        days = response.context["calendar"].days
        self.assertEqual([d.date.weekday() for d in days], [0, 1, 2, 3, 4, 5])  # no empty Sunday
        monday = days[0]
        self.assertEqual(
            [[e.content for e in s.entries] for s in monday.sessions],
            [["Chào cờ đầu tuần"], ["Họp tổ Toán"], []],
        )

    def test_drafts_and_other_schools_are_never_shown(self):
        response = self.get(self.url(MONDAY))
        self.assertNotContains(response, "Lịch của Bình Minh")
        draft = self.get(self.url(MONDAY + WEEK))
        self.assertEqual(draft.status_code, 200)
        self.assertNotContains(draft, "Bản nháp bí mật")
        self.assertIsNone(draft.context["calendar"].week)
        other = self.get(self.url(MONDAY), host=HOST_B)
        self.assertContains(other, "Lịch của Bình Minh")
        self.assertNotContains(other, "Chào cờ đầu tuần")

    def test_edits_after_publication_stay_hidden_until_published_again(self):
        week = WorkWeekFactory(school=self.a, week_start=MONDAY - WEEK)
        entry = WorkEntryFactory(week=week, date=MONDAY - WEEK, content="Khai giảng")
        publish_week(week=week, actor=self.secretary)
        WorkEntry.objects.filter(pk=entry.pk).update(content="Khai giảng năm học mới")
        self.assertNotContains(self.get(self.url(MONDAY - WEEK)), "Khai giảng năm học mới")
        self.assertNotContains(self.get(self.url(MONDAY - WEEK)), "Thay đổi sau khi công bố")
        publish_week(week=week, actor=self.secretary)
        response = self.get(self.url(MONDAY - WEEK))
        self.assertContains(response, "Khai giảng năm học mới")
        self.assertContains(response, "work-entry--changed")
        self.assertContains(response, "Thay đổi sau khi công bố")
        self.assertContains(response, "“Khai giảng” → “Khai giảng năm học mới”")

    def test_navigation_to_the_previous_and_next_weeks(self):
        response = self.get(self.url(MONDAY))
        self.assertContains(response, 'href="/lich-cong-tac/2025-09-01/" rel="prev"')
        self.assertContains(response, 'href="/lich-cong-tac/2025-09-15/" rel="next"')
        self.assertContains(response, 'href="/lich-cong-tac/"')  # back to this week
        self.assertContains(response, 'href="/lich-cong-tac/2025-09-08/in/"')

    def test_bad_dates_are_404(self):
        for path in (
            "/lich-cong-tac/2025-09-09/",  # a Tuesday
            "/lich-cong-tac/2025-02-30/",
            "/lich-cong-tac/2025-13-01/",
            "/lich-cong-tac/2025-9-8/",
            "/lich-cong-tac/2025-02-30/in/",
            "/lich-cong-tac/tuan-nay/",
        ):
            with self.subTest(path=path):
                self.assertEqual(self.get(path).status_code, 404)

    def test_this_week_highlights_today(self):
        monday = this_monday()
        week = WorkWeekFactory(school=self.a, week_start=monday)
        WorkEntryFactory(week=week, date=timezone.localdate(), content="Việc của hôm nay")
        publish_week(week=week, actor=self.secretary)
        response = self.get("/lich-cong-tac/")
        self.assertEqual(response.context["calendar"].week_start, monday)
        self.assertContains(response, "work-day--today")
        self.assertContains(response, 'aria-current="date"', count=1)
        self.assertContains(response, "Việc của hôm nay")
        self.assertNotContains(response, 'href="/lich-cong-tac/">')  # no "this week" link

    def test_print_view_is_a_landscape_sheet_of_the_week(self):
        response = self.get(f"/lich-cong-tac/{MONDAY.isoformat()}/in/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'class="work-print"')
        self.assertContains(response, "Dự giờ lớp 8A")
        self.assertNotContains(response, "Lịch của Bình Minh")

    # --- iCal -----------------------------------------------------------------------------------

    def test_ical_feed_is_strict_rfc_5545_and_holds_published_entries_only(self):
        monday = this_monday()
        week = WorkWeekFactory(school=self.a, week_start=monday)
        WorkEntryFactory(
            week=week, date=monday, time=datetime.time(7, 30), content="Họp hội đồng sư phạm, "
            "triển khai kế hoạch tháng; phân công trực " + "tuần " * 20, place="Hội trường, tầng 1",
        )  # fmt: skip
        WorkEntryFactory(week=week, date=monday, session=WorkEntry.AFTERNOON, content="Sinh hoạt")
        publish_week(week=week, actor=self.secretary)
        draft = WorkWeekFactory(school=self.a, week_start=monday + WEEK)
        WorkEntryFactory(week=draft, date=monday + WEEK, content="Nháp")

        response = self.get("/lich-cong-tac/lich.ics")
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        events = news_calendar_tests.parse_ics(response.content)
        summaries = {e["SUMMARY"] for e in events}
        self.assertIn("Sinh hoạt", summaries)
        self.assertNotIn("Nháp", summaries)
        self.assertNotIn("Lịch của Bình Minh", summaries)
        meeting = next(e for e in events if e["SUMMARY"].startswith("Họp hội đồng"))
        self.assertEqual(meeting["LOCATION"], "Hội trường, tầng 1")
        start = datetime.datetime.combine(monday, datetime.time(0, 30), datetime.UTC)
        self.assertEqual(meeting["DTSTART"], start.strftime("%Y%m%dT%H%M%SZ"))  # 07:30 +07
        self.assertTrue(meeting["UID"].endswith(f"@{HOST_A}"))
        afternoon = next(e for e in events if e["SUMMARY"] == "Sinh hoạt")
        self.assertTrue(afternoon["DTSTART"].endswith("T063000Z"))  # no time: 13:30 +07
        self.assertTrue(response.content.startswith(b"BEGIN:VCALENDAR\r\n"))
        self.assertTrue(response.content.endswith(b"END:VCALENDAR\r\n"))

    # --- home block -------------------------------------------------------------------------------

    def test_this_week_block_lists_today_and_the_coming_days(self):
        today = timezone.localdate()
        monday = this_monday()
        week = WorkWeekFactory(school=self.a, week_start=monday)
        WorkEntryFactory(week=week, date=today, content="Việc hôm nay")
        if today > monday:
            WorkEntryFactory(week=week, date=monday, content="Việc đã qua", session="sang")
        publish_week(week=week, actor=self.secretary)
        request = RequestFactory().get("/")
        request.school = self.a
        html = Template("{% load schedules_tags %}{% this_week_entries %}").render(
            Context({"request": request})
        )
        self.assertIn("Việc hôm nay", html)
        self.assertNotIn("Việc đã qua", html)
        request.school = self.b
        html = Template("{% load schedules_tags %}{% this_week_entries %}").render(
            Context({"request": request})
        )
        self.assertNotIn("Việc hôm nay", html)

    # --- query budget -------------------------------------------------------------------------

    def count_queries(self, path) -> int:
        self.get(path)  # warm caches (site root, etc.)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.get(path).status_code, 200)
        return len(queries)

    def test_query_count_does_not_grow_with_entries_or_changes(self):
        paths = [
            self.url(MONDAY),
            f"/lich-cong-tac/{MONDAY.isoformat()}/in/",
            "/lich-cong-tac/lich.ics",
        ]
        before = [self.count_queries(path) for path in paths]
        for n in range(15):
            WorkEntryFactory(week=self.week, date=MONDAY + datetime.timedelta(days=n % 6))
        publish_week(week=self.week, actor=self.secretary)
        WorkEntryFactory(week=self.week, date=MONDAY)
        publish_week(week=self.week, actor=self.secretary)
        self.assertEqual(self.week.changes.count(), 2)
        after = [self.count_queries(path) for path in paths]
        self.assertEqual(before, after)
        # The print view and the feed: school lookup + week + changes, nothing per entry.
        self.assertLessEqual(after[1], 4)
        self.assertLessEqual(after[2], 3)
