"""Vietnamese first: default language, dd/mm/yyyy dates, Vietnamese errors; English selectable."""

import datetime

from django.test import TestCase
from django.utils import formats, translation

from schools.factories import SchoolFactory

HOST = "anphu.example.vn"


class TestLanguage(TestCase):
    @classmethod
    def setUpTestData(cls):
        SchoolFactory(name="Trường THCS An Phú", hostname=HOST, is_default=True)

    def test_vietnamese_by_default(self):
        response = self.client.get("/", HTTP_HOST=HOST)
        self.assertContains(response, '<html lang="vi"')
        self.assertContains(response, "Chuyển đến nội dung chính")

    def test_english_is_selectable_and_remembered(self):
        response = self.client.post(
            "/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_HOST=HOST
        )
        self.assertEqual(response.status_code, 302)
        page = self.client.get("/", HTTP_HOST=HOST)
        self.assertContains(page, '<html lang="en"')
        self.assertContains(page, "Skip to main content")

    def test_browser_language_does_not_override_vietnamese_default_unless_asked(self):
        response = self.client.get("/", HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="fr")
        self.assertContains(response, '<html lang="vi"')

    def test_not_found_page_is_vietnamese(self):
        response = self.client.get("/khong-co-trang-nay/", HTTP_HOST=HOST)
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Không tìm thấy trang", status_code=404)

    def test_admin_login_is_vietnamese(self):
        response = self.client.get("/admin/login/", HTTP_HOST=HOST)
        self.assertContains(response, 'lang="vi"')
        self.assertContains(response, "Tên đăng nhập")


def test_dates_are_day_month_year():
    day = datetime.date(2020, 10, 5)
    with translation.override("vi"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "05/10/2020"
        assert formats.date_format(day) == "05/10/2020"
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "05/10/2020"
