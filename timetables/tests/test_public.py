"""The public timetable: the version in force by date, class and teacher views, other schools
and unpublished versions never shown, a fixed query count."""

import datetime
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from schools.factories import SchoolFactory
from timetables.models import Lesson, Timetable
from timetables.selectors import timetable_in_force, weekday_of

HOST_A = "anphu.example.vn"
HOST_B = "binhminh.example.vn"
TODAY = timezone.localdate()


def version(school, name, effective_from, *, published=True, lessons=()):
    timetable = Timetable.objects.create(
        school=school, name=name, effective_from=effective_from, is_published=published
    )
    Lesson.objects.bulk_create(
        Lesson(
            timetable=timetable,
            class_name=c,
            weekday=d,
            session=s,
            period=p,
            subject=subject,
            teacher=t,
        )
        for c, d, s, p, subject, t in lessons
    )
    return timetable


class TestPublicTimetable(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        cls.old = version(
            cls.a, "TKB cũ", TODAY - datetime.timedelta(days=60),
            lessons=[("6A", 2, "sang", 1, "Lịch sử cũ", "Thầy Cũ")],
        )  # fmt: skip
        cls.current = version(
            cls.a, "TKB học kỳ I", TODAY - datetime.timedelta(days=3),
            lessons=[
                ("6A", 2, "sang", 1, "Toán", "Thầy An"),
                ("6A", 4, "chieu", 3, "Tin học", "Cô Hà"),
                ("6B", 2, "sang", 2, "Toán", "Thầy An"),
                ("6B", 3, "sang", 1, "Văn", "Cô Lan"),
            ],
        )  # fmt: skip
        cls.draft = version(
            cls.a, "TKB nháp", TODAY - datetime.timedelta(days=1), published=False,
            lessons=[("6A", 2, "sang", 1, "Môn nháp", "Cô Nháp")],
        )  # fmt: skip
        cls.future = version(
            cls.a, "TKB học kỳ II", TODAY + datetime.timedelta(days=10),
            lessons=[("6A", 2, "sang", 1, "Môn tương lai", "Cô Mai")],
        )  # fmt: skip
        cls.other = version(
            cls.b, "TKB Bình Minh", TODAY - datetime.timedelta(days=1),
            lessons=[("6A", 2, "sang", 1, "Âm nhạc", "Thầy Bình")],
        )  # fmt: skip

    def get(self, host=HOST_A, **params):
        return self.client.get("/thoi-khoa-bieu/", params, HTTP_HOST=host)

    def test_the_version_in_force_is_the_latest_published_one_already_started(self):
        in_force = lambda days: timetable_in_force(  # noqa: E731
            school=self.a, on=TODAY + datetime.timedelta(days=days)
        )
        self.assertEqual(in_force(0), self.current)
        self.assertEqual(in_force(-10), self.old)
        self.assertEqual(in_force(10), self.future)
        self.assertIsNone(in_force(-100))
        self.assertEqual(timetable_in_force(school=self.b, on=TODAY), self.other)

    def test_the_choice_page_lists_classes_and_teachers_of_the_version_in_force(self):
        response = self.get()
        self.assertContains(response, "TKB học kỳ I")
        self.assertEqual(response.context["classes"], ["6A", "6B"])
        self.assertEqual(sorted(response.context["teachers"]), ["Cô Hà", "Cô Lan", "Thầy An"])
        for hidden in ("Thầy Cũ", "Cô Nháp", "Cô Mai", "Thầy Bình", "TKB nháp"):
            self.assertNotContains(response, hidden)

    def test_class_view(self):
        response = self.get(lop="6A")
        self.assertContains(response, "Toán")
        self.assertContains(response, "Tin học")
        self.assertContains(response, "Cô Hà")
        self.assertNotContains(response, "Văn</strong>")
        days = {weekday: slots for weekday, _label, slots in response.context["week"].days}
        monday_first = days[2][0]
        self.assertEqual([lesson.subject for lesson in monday_first[3]], ["Toán"])
        wednesday_afternoon_3 = days[4][5 + 2]
        self.assertEqual(wednesday_afternoon_3[:3], ("chieu", wednesday_afternoon_3[1], 3))
        self.assertEqual([lesson.subject for lesson in wednesday_afternoon_3[3]], ["Tin học"])
        self.assertContains(response, "@media print")

    def test_teacher_view(self):
        response = self.get(gv="Thầy An")
        lessons = [
            (lesson.class_name, lesson.weekday, lesson.period)
            for _weekday, _label, slots in response.context["week"].days
            for *_slot, found in slots
            for lesson in found
        ]
        self.assertEqual(sorted(lessons), [("6A", 2, 1), ("6B", 2, 2)])
        self.assertNotContains(response, "Cô Lan</div>")

    def test_other_schools_and_unpublished_versions_are_never_shown(self):
        self.assertIsNone(self.get(gv="Thầy Bình").context["week"])
        self.assertIsNone(self.get(gv="Cô Nháp").context["week"])
        self.assertContains(self.get(gv="Cô Nháp"), "không có trong thời khóa biểu đang áp dụng")
        response = self.get(host=HOST_B, lop="6A")
        self.assertContains(response, "Âm nhạc")
        self.assertNotContains(response, "Toán</strong>")
        Timetable.objects.filter(school=self.b).update(is_published=False)
        self.assertContains(self.get(host=HOST_B), "Chưa có thời khóa biểu nào được công bố.")

    def test_today_is_the_day_shown_first_on_phones(self):
        self.assertEqual(weekday_of(datetime.date(2025, 9, 8)), 2)  # Monday
        self.assertEqual(weekday_of(datetime.date(2025, 9, 13)), 7)  # Saturday
        self.assertEqual(weekday_of(datetime.date(2025, 9, 14)), 2)  # Sunday
        saturday = TODAY + datetime.timedelta(days=(5 - TODAY.weekday()) % 7)  # current version
        with mock.patch("timetables.views.timezone.localdate", return_value=saturday):
            response = self.get(lop="6A")
        self.assertContains(response, 'id="tkb-d7" checked')
        self.assertNotContains(response, 'id="tkb-d2" checked')

    def test_query_count_does_not_grow_with_the_timetable(self):
        def count(**params):
            self.get(**params)  # warm caches (site, school)
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.get(**params).status_code, 200)
            return len(queries)

        small = count(lop="6A")
        Lesson.objects.bulk_create(
            Lesson(
                timetable=self.current, class_name=f"9{n}", weekday=d, session="sang",
                period=p, subject="Toán", teacher=f"Giáo viên {n}",
            )
            for n in range(10) for d in range(2, 8) for p in range(1, 6)
        )  # fmt: skip
        self.assertEqual(count(lop="6A"), small)
        self.assertEqual(count(gv="Giáo viên 3"), small)
        self.assertLessEqual(small, 12)
