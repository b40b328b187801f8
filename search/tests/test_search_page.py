from django.test import TestCase

from schools.factories import SchoolFactory
from sections.factories import StandardPageFactory

HOST_A, HOST_B = "anphu.example.vn", "binhminh.example.vn"


class TestSearchPage(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        news_a = cls.a.site.root_page.get_children().get(slug="tin-tuc-su-kien")
        news_b = cls.b.site.root_page.get_children().get(slug="tin-tuc-su-kien")
        StandardPageFactory(parent=news_a, title="Tuyển sinh lớp 6 An Phú")
        StandardPageFactory(parent=news_b, title="Tuyển sinh lớp 6 Bình Minh")
        StandardPageFactory(parent=news_a, title="Tuyển sinh bản nháp", live=False)

    def search(self, host, **params):
        return self.client.get("/tim-kiem/", params, HTTP_HOST=host)

    def test_finds_only_this_schools_published_pages(self):
        response = self.search(HOST_A, q="Tuyển sinh")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Tuyển sinh lớp 6 An Phú")
        self.assertNotContains(response, "Bình Minh")
        self.assertNotContains(response, "bản nháp")
        self.assertEqual(response.context["total"], 1)

    def test_odd_input_gives_a_normal_page(self):
        for q in ("", "a", "x" * 500, '"', "*", "OR", "NEAR(", "'; DROP TABLE x; --", "!!!", "  "):
            with self.subTest(q=q):
                self.assertEqual(self.search(HOST_A, q=q).status_code, 200)
        for page in ("abc", "-3", "99999"):
            with self.subTest(page=page):
                self.assertEqual(self.search(HOST_A, q="Tuyển sinh", page=page).status_code, 200)
