import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from news.selectors import LISTING_PAGE_SIZE
from schools.factories import SchoolFactory
from sections.factories import StandardPageFactory

HOST = "anphu.example.vn"


class SectionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory(name="Trường THCS An Phú", hostname=HOST, is_default=True)
        cls.home = cls.school.site.root_page
        cls.news = (
            cls.home.get_children().get(slug="tin-tuc-su-kien").get_children().get(slug="tin-tuc")
        )

    def get(self, path, **params):
        return self.client.get(path, params, HTTP_HOST=HOST)


class TestSectionPage(SectionTestCase):
    def test_lists_its_published_children_newest_first_with_pagination(self):
        for n in range(LISTING_PAGE_SIZE + 3):
            StandardPageFactory(parent=self.news, title=f"Tin số {n:02d}")
        StandardPageFactory(parent=self.news, title="Tin nháp", live=False)
        first = self.get(self.news.url)
        self.assertEqual(first.status_code, 200)
        self.assertEqual(len(first.context["children"]), LISTING_PAGE_SIZE)
        self.assertContains(first, "Tin số 14")
        self.assertNotContains(first, "Tin nháp")
        second = self.get(self.news.url, page=2)
        self.assertEqual(len(second.context["children"]), 3)
        self.assertContains(second, "Tin số 00")

    def test_bad_page_numbers_give_a_normal_page(self):
        StandardPageFactory(parent=self.news, title="Tin duy nhất")
        for bad in ("abc", "999", "-1", "0"):
            with self.subTest(page=bad):
                response = self.get(self.news.url, page=bad)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Tin duy nhất")

    def test_private_pages_are_not_listed(self):
        secret = StandardPageFactory(parent=self.news, title="Tin nội bộ")
        PageViewRestriction.objects.create(page=secret, restriction_type="login")
        self.assertNotContains(self.get(self.news.url), "Tin nội bộ")
        self.assertNotContains(self.get("/so-do-trang/"), "Tin nội bộ")

    def test_query_count_does_not_grow_with_the_number_of_items(self):
        def count():
            with CaptureQueriesContext(connection) as ctx:
                self.assertEqual(self.get(self.news.url).status_code, 200)
            return len(ctx.captured_queries)

        StandardPageFactory(parent=self.news)
        before = count()
        for _ in range(20):
            StandardPageFactory(parent=self.news)
        self.assertEqual(count(), before)
        self.assertLessEqual(before, 30)

    def test_responsible_people_are_shown_in_the_admin(self):
        from django.contrib.auth import get_user_model

        from schools.factories import TEST_PASSWORD, make_staff

        head = make_staff(self.school, "head", first_name="Danh", last_name="Phạm Tấn")
        get_user_model().objects.create_superuser("admin", "a@example.vn", TEST_PASSWORD)
        outsider = make_staff(SchoolFactory(), "head", first_name="Người", last_name="Ngoài")
        self.client.login(username="admin", password=TEST_PASSWORD)
        section = self.home.get_children().get(slug="gioi-thieu").specific
        response = self.client.get(f"/admin/pages/{section.pk}/edit/")
        self.assertContains(response, "đ/c Danh")
        form = response.context["form"]
        people = form.fields["responsible_people"].queryset
        self.assertIn(head, people)
        self.assertNotIn(outsider, people)


class TestStandardPage(SectionTestCase):
    def test_renders_every_block_type(self):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1200, 800), (10, 120, 200)).save(buffer, "JPEG")
        image = get_image_model().objects.create(
            title="Sân trường",
            file=SimpleUploadedFile("san.jpg", buffer.getvalue()),
            collection=self.school.collection,
        )
        document = get_document_model().objects.create(
            title="Kế hoạch năm học",
            file=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n"),
            collection=self.school.collection,
        )
        table = {
            "columns": [{"type": "text", "heading": "Lớp"}, {"type": "number", "heading": "Sĩ số"}],
            "rows": [{"values": ["6A", 42]}, {"values": ["6B", 40]}],
            "caption": "Sĩ số các lớp",
        }
        page = StandardPageFactory(
            parent=self.home.get_children().get(slug="gioi-thieu"),
            title="Giới thiệu chung",
            body=[
                ("heading", "Lịch sử nhà trường"),
                ("paragraph", "<p>Trường được thành lập năm <b>1976</b>.</p>"),
                (
                    "image",
                    {"image": image, "caption": "Sân trường", "alt_text": "Học sinh xếp hàng"},
                ),
                ("table", table),
                ("document", {"document": document, "title": "Tải kế hoạch"}),
                ("quote", {"text": "Học, học nữa, học mãi.", "attribution": "V. I. Lenin"}),
            ],
        )
        response = self.get(page.url)
        self.assertEqual(response.status_code, 200)
        for text in ("Lịch sử nhà trường", "<b>1976</b>", "Học sinh xếp hàng", "Sĩ số các lớp",
                     "6A", "Tải kế hoạch", "Học, học nữa, học mãi.", "V. I. Lenin"):  # fmt: skip
            self.assertContains(response, text)
        self.assertContains(response, document.url)
        self.assertContains(response, 'loading="lazy"')


class TestSitemapPage(SectionTestCase):
    def test_lists_the_whole_public_tree_in_one_query_budget(self):
        StandardPageFactory(parent=self.news, title="Một tin tức")
        with CaptureQueriesContext(connection) as ctx:
            response = self.get("/so-do-trang/")
        self.assertEqual(response.status_code, 200)
        for title in ("Cơ cấu tổ chức", "Chi bộ Đảng", "Tổ Ngoại ngữ", "Một tin tức"):
            self.assertContains(response, title)
        self.assertLessEqual(len(ctx.captured_queries), 12)
