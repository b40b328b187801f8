from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from schools.factories import SchoolFactory
from sections.factories import StandardPageFactory


class TestHomePage(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(
            name="Trường THCS An Phú", hostname="anphu.example.vn", is_default=True
        )
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.news_a = cls.a.site.root_page.get_children().get(slug="tin-tuc-su-kien")
        cls.news_b = cls.b.site.root_page.get_children().get(slug="tin-tuc-su-kien")
        cls.item_a = StandardPageFactory(parent=cls.news_a, title="Lễ khai giảng An Phú")
        StandardPageFactory(parent=cls.news_b, title="Lễ khai giảng Bình Minh")

    def get(self, host, path="/"):
        return self.client.get(path, HTTP_HOST=host)

    def test_home_shows_the_school_its_sections_and_latest_items(self):
        response = self.get("anphu.example.vn")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<html lang="vi"')
        self.assertContains(response, "Trường THCS An Phú")
        for title in ("Giới thiệu", "Cơ cấu tổ chức", "Tin tức - Sự kiện", "Tư liệu - Tài nguyên",
                      "Công văn - Văn bản", "Hoạt động chuyên môn", "Tổ chuyên môn",
                      "Trang liên kết", "Lịch công tác", "Góc học sinh"):  # fmt: skip
            self.assertContains(response, title)
        self.assertContains(response, "Lễ khai giảng An Phú")
        self.assertNotContains(response, "Bình Minh")
        slots = {slot.section.slug: slot.items for slot in response.context["slots"]}
        self.assertEqual(len(slots), 10)
        self.assertEqual([p.pk for p in slots["tin-tuc-su-kien"]], [self.item_a.pk])

    def test_each_host_gets_its_own_school(self):
        response = self.get("binhminh.example.vn")
        self.assertContains(response, "Lễ khai giảng Bình Minh")
        self.assertNotContains(response, "An Phú")

    def test_unknown_host_gets_the_default_school_never_another(self):
        response = self.get("khong-biet.example.vn")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Trường THCS An Phú")
        self.assertNotContains(response, "Bình Minh")

    def test_unpublished_items_stay_off_the_home_page(self):
        draft = StandardPageFactory(parent=self.news_a, title="Bản nháp bí mật", live=False)
        self.assertFalse(draft.live)
        self.assertNotContains(self.get("anphu.example.vn"), "Bản nháp bí mật")

    def test_query_count_does_not_grow_with_the_number_of_items(self):
        def count():
            with CaptureQueriesContext(connection) as ctx:
                self.assertEqual(self.get("anphu.example.vn").status_code, 200)
            return len(ctx.captured_queries)

        before = count()
        for n in range(25):
            StandardPageFactory(parent=self.news_a, title=f"Tin thêm {n}")
        self.assertEqual(count(), before)
        self.assertLessEqual(before, 30)


class TestNoSchool(TestCase):
    def test_without_any_school_visitors_get_a_vietnamese_404(self):
        response = self.client.get("/", HTTP_HOST="ai-do.example.vn")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, 'lang="vi"', status_code=404)


class TestFooter(TestCase):
    @classmethod
    def setUpTestData(cls):
        from links.models import Link

        cls.a = SchoolFactory(
            name="Trường THCS An Phú", hostname="anphu.example.vn", is_default=True
        )
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.a.address, cls.a.phone, cls.a.email = (
            "Xã An Phú",
            "0255 3000 111",
            "anphu@example.edu.vn",
        )
        cls.a.responsible_person, cls.a.governing_body = "Nguyễn Văn A, Hiệu trưởng", "Phòng GD&ĐT"
        cls.a.save()
        Link.objects.create(school=cls.a, title="vnEdu", url="https://vnedu.vn/")
        Link.objects.create(
            school=cls.a, title="Ẩn khỏi chân trang", url="https://x.vn/", show_in_footer=False
        )
        Link.objects.create(school=cls.b, title="Liên kết trường khác", url="https://b.vn/")

    def test_footer_has_the_legal_contact_block_and_own_links(self):
        response = self.client.get("/", HTTP_HOST="anphu.example.vn")
        for text in ("Xã An Phú", 'href="tel:', "mailto:anphu@example.edu.vn",
                     "Nguyễn Văn A, Hiệu trưởng", "Phòng GD&amp;ĐT", "Chịu trách nhiệm nội dung",
                     'href="https://vnedu.vn/"'):  # fmt: skip
            self.assertContains(response, text)
        self.assertNotContains(response, "Ẩn khỏi chân trang")
        self.assertNotContains(response, "Liên kết trường khác")
