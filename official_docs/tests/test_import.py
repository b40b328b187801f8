import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook

import vntext
from official_docs.importing import COLUMNS
from official_docs.models import DocumentType, OfficialDocument
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
URL = reverse("official_docs_import")
HEAD = list(COLUMNS.values())


def row(
    number,
    *,
    kind="Công văn",
    group="Phòng GD&ĐT",
    issued="05/10/2020",
    files="",
    summary="Về việc tổ chức hội thi",
):
    values = {
        "Số/ký hiệu": number, "Loại văn bản": kind, "Nhóm cơ quan": group, "Cơ quan ban hành": "Phòng GD&ĐT Sơn Tịnh",
        "Người ký": "Nguyễn Văn A", "Chức vụ": "Trưởng phòng", "Ngày ban hành": issued, "Ngày hiệu lực": "",
        "Ngày hết hiệu lực": "", "Lĩnh vực": "Chuyên môn", "Trích yếu": summary, "Đến/Đi": "Đến",
        "Công khai": "Có", "Tệp": files,
    }  # fmt: skip
    return [values[h] for h in HEAD]


def xlsx(*rows, headings=HEAD) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(headings)
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("van-ban.xlsx", buffer.getvalue())


def zip_of(**files) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return SimpleUploadedFile("tep.zip", buffer.getvalue())


class TestImport(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory()
        cls.secretary = make_staff(cls.school, "secretary")

    def setUp(self):
        self.client.login(username=self.secretary.username, password=TEST_PASSWORD)

    def post(self, spreadsheet, files=None, valid_only=False):
        data = {"school": self.school.pk, "spreadsheet": spreadsheet}
        if files is not None:
            data["files"] = files
        if valid_only:
            data["valid_only"] = "on"
        return self.client.post(URL, data)

    def test_a_good_file_imports_every_row_with_its_files(self):
        legacy_summary = vntext.from_unicode("Về việc tổ chức hội thi giáo viên dạy giỏi", "tcvn3")
        response = self.post(
            xlsx(
                row("12/PGDĐT", files="cv12.pdf"),
                row("37/2020/TT-BGDĐT", kind="Thông tư", group="Nhà nước", summary=legacy_summary),
            ),
            zip_of(**{"cv12.pdf": PDF}),
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(OfficialDocument.objects.filter(school=self.school).count(), 2)
        circular = OfficialDocument.objects.get(number="37/2020/TT-BGDĐT")
        self.assertEqual(circular.issuer_group, "state")
        self.assertEqual(circular.issued_on, datetime.date(2020, 10, 5))
        self.assertEqual(circular.summary, "Về việc tổ chức hội thi giáo viên dạy giỏi")
        self.assertEqual(OfficialDocument.objects.get(number="12/PGDĐT").files.get().kind, "pdf")

    def test_bad_rows_are_reported_and_nothing_is_imported(self):
        spreadsheet = xlsx(
            row("1/KH"),
            row("2/KH", kind="Loại lạ"),
            row("3/KH", issued="32/13/2020"),
            row("", summary=""),
            row("4/KH", files="khong-co.pdf"),
        )
        response = self.post(spreadsheet, zip_of(**{"khac.pdf": PDF}))
        self.assertEqual(response.status_code, 200)
        report = response.context["report"]
        self.assertEqual([r.line for r in report.rows if not r.ok], [3, 4, 5, 6])
        self.assertFalse(OfficialDocument.objects.exists())
        self.assertContains(response, "Loại lạ")

    def test_valid_rows_only_when_asked(self):
        response = self.post(xlsx(row("1/KH"), row("2/KH", kind="Loại lạ")), valid_only=True)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(list(OfficialDocument.objects.values_list("number", flat=True)), ["1/KH"])

    def test_duplicates_in_the_file_and_in_the_school(self):
        OfficialDocument.objects.create(
            school=self.school, number="9/BC", document_type=DocumentType.objects.get(school=self.school, name="Báo cáo"),
            issuer_group="school", issuing_body="Trường", issued_on=datetime.date(2020, 10, 5), summary="Báo cáo",
        )  # fmt: skip
        response = self.post(xlsx(row("9/bc"), row("10/BC"), row("10/BC")))
        errors = {r.line: r.errors for r in response.context["report"].rows}
        self.assertTrue(errors[2] and not errors[3] and errors[4])
        self.assertEqual(OfficialDocument.objects.count(), 1)

    def test_bad_zip_bad_file_in_zip_and_bad_spreadsheet(self):
        response = self.post(
            xlsx(row("1/KH", files="a.pdf")), SimpleUploadedFile("tep.zip", b"not a zip")
        )
        self.assertTrue(response.context["report"].file_errors)
        response = self.post(
            xlsx(row("1/KH", files="a.pdf")), zip_of(**{"a.pdf": b"<html>not a pdf</html>"})
        )
        self.assertFalse(response.context["report"].rows[0].ok)
        response = self.post(SimpleUploadedFile("x.xlsx", b"garbage"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheet", response.context["form"].errors)
        response = self.post(xlsx(row("1/KH"), headings=["Số", "Loại"]))
        self.assertIn("spreadsheet", response.context["form"].errors)
        self.assertFalse(OfficialDocument.objects.exists())

    def test_only_staff_with_permission(self):
        self.client.logout()
        self.assertEqual(self.client.get(URL).status_code, 302)
        editor = make_staff(self.school, "editor")
        self.client.login(username=editor.username, password=TEST_PASSWORD)
        self.assertNotEqual(self.client.get(URL).status_code, 200)
