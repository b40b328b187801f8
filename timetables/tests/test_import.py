"""The Excel import: a good file, bad cells (by sheet and cell, nothing saved), wrong layout,
the confirm step."""

import io

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook

from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff
from timetables.admin_views import SESSION_KEY
from timetables.models import Lesson, Timetable

URL = reverse("timetables_import")

MORNING = [
    ["Thứ", "Tiết", "6A", "6B"],
    ["Thứ 2", 1, "Chào cờ - Cô Lan", "Chào cờ - Thầy An"],
    [None, 2, "Toán - Thầy An", "Văn - Cô Lan"],
    [3, 1, "Tin học - Cô Hà", None],
]
AFTERNOON = [
    ["Thứ", "Tiết", "6A", "6B"],
    ["T7", 5, "Sinh hoạt lớp - Cô Lan", "Sinh hoạt lớp - Thầy An"],
]


def xlsx(**sheets) -> SimpleUploadedFile:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("tkb.xlsx", buffer.getvalue())


class TestImport(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory()
        cls.other = SchoolFactory()
        cls.user = make_staff(cls.school, "secretary")
        cls.user.user_permissions.add(
            Permission.objects.get(codename="add_timetable", content_type__app_label="timetables"),
            Permission.objects.get(codename="access_admin"),
        )

    def setUp(self):
        self.client.login(username=self.user.username, password=TEST_PASSWORD)

    def upload(self, spreadsheet, school=None):
        return self.client.post(
            URL,
            {
                "school": (school or self.school).pk,
                "name": "TKB học kỳ I",
                "effective_from": "2025-09-08",
                "is_published": "on",
                "spreadsheet": spreadsheet,
            },
        )

    def test_a_good_file_shows_a_summary_and_saves_only_on_confirm(self):
        response = self.upload(xlsx(Sáng=MORNING, Chiều=AFTERNOON))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Đã đọc 7 tiết từ Sáng, Chiều.")
        self.assertContains(response, "Cô Hà, Cô Lan, Thầy An")
        self.assertContains(response, 'name="confirm"')
        self.assertFalse(Timetable.objects.exists())

        response = self.client.post(URL, {"confirm": "1"})
        self.assertRedirects(response, reverse("wagtailsnippets_timetables_timetable:list"))
        timetable = Timetable.objects.get()
        self.assertEqual((timetable.school, timetable.name), (self.school, "TKB học kỳ I"))
        self.assertTrue(timetable.is_published)
        self.assertEqual(timetable.lessons.count(), 7)
        math = Lesson.objects.get(subject="Toán")
        self.assertEqual(
            (math.class_name, math.weekday, math.session, math.period, math.teacher),
            ("6A", 2, "sang", 2, "Thầy An"),
        )
        self.assertTrue(Lesson.objects.filter(weekday=7, session="chieu", period=5).exists())
        self.assertNotIn(SESSION_KEY, self.client.session)
        # a second confirm creates nothing more
        self.client.post(URL, {"confirm": "1"})
        self.assertEqual(Timetable.objects.count(), 1)

    def test_one_sheet_with_a_session_column(self):
        rows = [
            ["Thứ", "Buổi", "Tiết", "7A"],
            ["Thứ Hai", "Sáng", 1, "Toán - Thầy An"],
            [None, "Chiều", 1, "Văn - Cô Lan"],
        ]
        response = self.upload(xlsx(TKB=rows))
        self.assertContains(response, "Đã đọc 2 tiết từ TKB.")
        self.client.post(URL, {"confirm": "1"})
        self.assertEqual(
            sorted(Lesson.objects.values_list("session", flat=True)), ["chieu", "sang"]
        )

    def test_bad_cells_are_reported_by_sheet_and_cell_and_nothing_is_saved(self):
        morning = [
            *MORNING,
            [4, 2, "Toán", "Văn - Cô Lan"],  # C5: missing teacher
            [8, 1, "Toán - Thầy An", None],  # A6: not a day
            [5, 9, "Toán - Thầy An", None],  # B7: not a period
            [5, 1, " - Thầy An", None],  # C8: missing subject
        ]
        afternoon = [*AFTERNOON, ["T7", 5, "Toán - Thầy An", None]]  # C3: same slot as C2
        response = self.upload(xlsx(Sáng=morning, Chiều=afternoon))
        for message in (
            "Sáng!C5: thiếu giáo viên.",
            "Sáng!A6: “8” không phải là thứ (2 đến 7).",
            "Sáng!B7: “9” không phải là tiết (1 đến 5).",
            "Sáng!C8: thiếu môn học.",
            "Chiều!C3: trùng lớp, thứ, buổi và tiết với Chiều!C2.",
        ):
            self.assertContains(response, message, html=False)
        self.assertNotContains(response, 'name="confirm"')
        self.assertNotIn(SESSION_KEY, self.client.session)
        self.client.post(URL, {"confirm": "1"})
        self.assertFalse(Timetable.objects.exists())
        self.assertFalse(Lesson.objects.exists())

    def test_a_wrong_layout_is_refused_with_a_clear_message(self):
        for book in (
            xlsx(Sáng=[["Lớp", "Môn", "Giáo viên"], ["6A", "Toán", "Thầy An"]]),
            xlsx(Sheet1=MORNING),  # neither a session sheet nor a “Buổi” column
            SimpleUploadedFile("tkb.xlsx", b"not a workbook"),
        ):
            response = self.upload(book)
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response.context["form"].errors["spreadsheet"])
            self.assertNotContains(response, 'name="confirm"')
        self.assertContains(
            self.upload(xlsx(Sáng=[["Lớp", "Môn"], ["6A", "Toán"]])),
            "không đúng mẫu thời khóa biểu",
        )
        self.assertFalse(Timetable.objects.exists())

    def test_another_school_and_missing_permission_are_refused(self):
        response = self.upload(xlsx(Sáng=MORNING), school=self.other)
        self.assertTrue(response.context["form"].errors["school"])
        self.assertNotIn(SESSION_KEY, self.client.session)
        plain = make_staff(self.school, "contributor")
        self.client.login(username=plain.username, password=TEST_PASSWORD)
        self.assertIn(self.client.get(URL).status_code, (302, 403))
