"""The links block of the "Trang liên kết" section: grouping, logos, broken links, isolation
between schools, a constant number of queries."""

from __future__ import annotations

import re

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext

from galleries.factories import make_photo
from links.models import Link, LinkCategory
from schools.factories import SchoolFactory

TEMPLATE = Template("{% load links_tags %}{% school_links %}")


def render(school) -> str:
    request = RequestFactory().get("/trang-lien-ket/")
    request.school = school
    return TEMPLATE.render(Context({"request": request}))


class TestSchoolLinks(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.authorities = LinkCategory.objects.get(school=cls.a, name="Cơ quan quản lý")
        cls.so = Link.objects.create(
            school=cls.a,
            category=cls.authorities,
            title="Sở GD&ĐT Quảng Ngãi",
            url="https://quangngai.edu.vn/",
            description="Cổng thông tin của Sở",
        )
        cls.loose = Link.objects.create(school=cls.a, title="Thư viện số", url="https://tv.vn/")
        Link.objects.create(school=cls.b, title="Riêng Bình Minh", url="https://bm.vn/")

    def setUp(self):
        # Media live in a directory per test, so images are made here, not in setUpTestData.
        self.so.logo = make_photo(self.a.collection, "Logo Sở", size=(300, 120))
        self.so.save(update_fields=["logo"])

    def test_links_are_grouped_by_category_in_order(self):
        html = render(self.a)
        headings = re.findall(r"<h3>([^<]+)</h3>", html)
        # Empty categories are not shown; links without a category come last.
        self.assertEqual(
            headings, ["Hệ thống của ngành", "Cơ quan quản lý", gettext("Other links")]
        )
        titles = re.findall(r'<span class="link-card__title">([^<]+)</span>', html)
        self.assertEqual(
            titles,
            [
                "Trường học kết nối",
                "vnEdu",
                "CSDL ngành Giáo dục",
                "Sở GD&amp;ĐT Quảng Ngãi",
                "Thư viện số",
            ],
        )
        self.assertIn("Cổng thông tin của Sở", html)

    def test_logos_are_lazy_renditions(self):
        html = render(self.a)
        img = re.search(r"<img [^>]*>", html).group(0)
        self.assertIn('loading="lazy"', img)
        self.assertIn("/images/", img)
        self.assertIn('width="160"', img)

    def test_broken_links_are_marked_not_hidden(self):
        Link.objects.filter(pk=self.loose.pk).update(is_broken=True, last_status="404")
        html = render(self.a)
        self.assertIn("link-card--broken", html)
        self.assertIn("Thư viện số", html)
        self.assertEqual(html.count("link-card--broken"), 1)

    def test_another_schools_links_are_never_shown(self):
        self.assertNotIn("Riêng Bình Minh", render(self.a))
        html_b = render(self.b)
        self.assertIn("Riêng Bình Minh", html_b)
        self.assertNotIn("Sở GD&amp;ĐT Quảng Ngãi", html_b)
        self.assertNotIn("Thư viện số", html_b)

    def test_without_a_school_nothing_is_rendered(self):
        self.assertEqual(render(None).strip(), "")

    def test_query_count_does_not_grow_with_links(self):
        render(self.a)  # renditions are made on the first view
        with CaptureQueriesContext(connection) as few:
            render(self.a)
        for i in range(5):
            Link.objects.create(
                school=self.a,
                category=self.authorities,
                title=f"Phòng {i}",
                url=f"https://phong{i}.vn/",
                logo=make_photo(self.a.collection, f"Logo {i}", size=(200, 80)),
            )
        render(self.a)
        with CaptureQueriesContext(connection) as many:
            html = render(self.a)
        self.assertEqual(html.count("<img "), 6)
        self.assertEqual(len(many), len(few))
        self.assertLessEqual(len(few), 3)
