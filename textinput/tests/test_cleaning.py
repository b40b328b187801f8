import unicodedata

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import vntext
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff
from sections.blocks import BodyBlock
from sections.models import StandardPage
from textinput.cleaning import CleaningReport, clean_block_value, clean_html, clean_text

TCVN3 = vntext.from_unicode("Thông báo tuyển sinh lớp 6 năm học mới", "tcvn3")
VNI = vntext.from_unicode("Kế hoạch hoạt động tháng mười", "vni")
GOOD = [
    "Café naïve Straße ½ × 3 °C",
    "37/2020/TT-BGDĐT",
    "https://vnedu.vn/?a=1&b=2",
    "Trường THCS Tịnh Sơn",
]


class TestCleaning(TestCase):
    def test_legacy_text_becomes_unicode_and_is_reported(self):
        report = CleaningReport()
        self.assertEqual(clean_text(TCVN3, report), "Thông báo tuyển sinh lớp 6 năm học mới")
        self.assertEqual(clean_text(VNI, report), "Kế hoạch hoạt động tháng mười")
        self.assertEqual(report.encodings, ["TCVN3", "VNI"])
        self.assertIn("TCVN3, VNI", report.message())

    def test_correct_text_is_only_put_in_nfc(self):
        report = CleaningReport()
        for text in GOOD:
            self.assertEqual(clean_text(text, report), text)
        nfd = unicodedata.normalize("NFD", "Tiếng Việt")
        self.assertEqual(clean_text(nfd, report), "Tiếng Việt")
        self.assertFalse(report.converted)

    def test_rich_text_keeps_wagtail_markup(self):
        html = (
            f'<p>{TCVN3} <a linktype="page" id="3">xem</a></p>'
            '<embed alt="x" embedtype="image" format="fullwidth" id="7"/>'
        )
        cleaned = clean_html(html, CleaningReport())
        self.assertIn("Thông báo tuyển sinh", cleaned)
        self.assertIn(
            '<a id="3" linktype="page">xem</a>',
            cleaned.replace('linktype="page" id="3"', 'id="3" linktype="page"'),
        )
        self.assertIn('embedtype="image"', cleaned)
        untouched = "<p>Chào <b>các em</b> &amp; phụ huynh</p>"
        self.assertEqual(clean_html(untouched, CleaningReport()), untouched)

    def test_streamfield_values_of_any_depth(self):
        block = BodyBlock()
        value = block.to_python(
            [
                {"type": "heading", "value": TCVN3, "id": "a"},
                {"type": "paragraph", "value": f"<p>{VNI}</p>", "id": "b"},
                {"type": "quote", "value": {"text": TCVN3, "attribution": "Bác Hồ"}, "id": "c"},
            ]
        )
        report = CleaningReport()
        cleaned = clean_block_value(block, value, report)
        self.assertEqual(cleaned[0].value, "Thông báo tuyển sinh lớp 6 năm học mới")
        self.assertIn("Kế hoạch hoạt động", cleaned[1].value.source)
        self.assertEqual(cleaned[2].value["text"], "Thông báo tuyển sinh lớp 6 năm học mới")
        self.assertEqual(cleaned[2].value["attribution"], "Bác Hồ")
        self.assertEqual([child.id for child in cleaned], ["a", "b", "c"])


class TestPageEditing(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory()
        cls.news = cls.school.site.root_page.get_children().get(slug="tin-tuc-su-kien")
        cls.editor = make_staff(cls.school, "editor")

    def setUp(self):
        self.client.login(username=self.editor.username, password=TEST_PASSWORD)

    def add(self, title, slug="", body_html="<p>Nội dung</p>"):
        url = reverse("wagtailadmin_pages:add", args=["sections", "standardpage", self.news.pk])
        data = nested_form_data(
            {
                "title": title,
                "slug": slug,
                "body": streamfield([("paragraph", rich_text(body_html))]),
            }
        )
        return self.client.post(url, data, follow=True)

    def test_pasted_legacy_text_is_converted_on_save_with_a_notice(self):
        response = self.add(TCVN3, body_html=f"<p>{VNI}</p>")
        page = StandardPage.objects.get(title="Thông báo tuyển sinh lớp 6 năm học mới")
        self.assertIn(
            "Kế hoạch hoạt động tháng mười",
            page.get_latest_revision_as_object().body[0].value.source,
        )
        self.assertEqual(page.slug, "thong-bao-tuyen-sinh-lop-6-nam-hoc-moi")
        notices = [str(m) for m in response.context["messages"]]
        self.assertTrue(any("Đã chuyển mã TCVN3, VNI sang Unicode" in m for m in notices), notices)

    def test_new_page_slug_keeps_d_stroke_as_d(self):
        self.add("Đại hội Đoàn trường")
        self.assertEqual(
            StandardPage.objects.get(title="Đại hội Đoàn trường").slug, "dai-hoi-doan-truong"
        )
        self.add("Đêm hội trăng rằm", slug="em-hoi-trang-ram")  # what a naive slugify produces
        self.assertEqual(
            StandardPage.objects.get(title="Đêm hội trăng rằm").slug, "dem-hoi-trang-ram"
        )
        self.add("Đội văn nghệ", slug="djoi-van-nghe")  # what the admin's JavaScript produces
        self.assertEqual(StandardPage.objects.get(title="Đội văn nghệ").slug, "doi-van-nghe")
        self.add("Lễ tổng kết", slug="tong-ket-2026")  # chosen by the editor: kept
        self.assertEqual(StandardPage.objects.get(title="Lễ tổng kết").slug, "tong-ket-2026")

    def test_correct_unicode_is_saved_unchanged(self):
        title = "Café naïve – 37/2020/TT-BGDĐT"
        response = self.add(title)
        self.assertTrue(StandardPage.objects.filter(title=title).exists())
        self.assertFalse(any("Unicode" in str(m) for m in response.context["messages"]))


class TestSnippetAndSchoolForms(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory()
        cls.head = make_staff(cls.school, "head")

    def test_link_titles_and_school_details_are_cleaned(self):
        from links.models import Link

        self.client.login(username=self.head.username, password=TEST_PASSWORD)
        self.client.post(
            reverse("wagtailsnippets_links_link:add"),
            {"school": self.school.pk, "title": vntext.from_unicode("Sở Giáo dục và Đào tạo", "vni"),
             "url": "https://example.vn/", "sort_order": 0},
        )  # fmt: skip
        self.assertTrue(Link.objects.filter(title="Sở Giáo dục và Đào tạo").exists())
        response = self.client.post(
            reverse("schools:edit", args=[self.school.pk]),
            {"name": self.school.name, "address": unicodedata.normalize("NFD", "Xã Tịnh Sơn"),
             "brand_colour": "#0b5394", "max_upload_mb": 20, "grades": "6,7,8,9"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 302)
        self.school.refresh_from_db()
        self.assertEqual(self.school.address, "Xã Tịnh Sơn")
