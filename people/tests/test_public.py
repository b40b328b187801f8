"""The public staff pages: Vietnamese order, the unit filter, the board, the organisation chart,
the unit block on a section page, privacy switches, isolation between schools, query budgets."""

from __future__ import annotations

import re

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from galleries.factories import make_photo
from people.factories import StaffMemberFactory, unit
from schools.factories import SchoolFactory

HOST_A = "anphu.example.vn"
HOST_B = "binhminh.example.vn"
PAGES = ("/can-bo/", "/can-bo/ban-bien-tap/", "/to-chuc/")


def names(html: str) -> list[str]:
    return re.findall(r'<h3 class="staff-card__name">([^<]+)</h3>', html)


class PeopleTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        cls.bgh = unit(cls.a, "ban-giam-hieu")
        cls.toan = unit(cls.a, "to-toan")
        cls.binh = StaffMemberFactory(
            school=cls.a, full_name="Nguyễn Văn Bình", positions="Hiệu trưởng", units=[cls.bgh],
            is_on_editorial_board=True, board_role="Trưởng ban", sort_order=1,
            official_email="binh.private@truong.edu.vn", phone="0905 111 222",
        )  # fmt: skip
        cls.an = StaffMemberFactory(
            school=cls.a, full_name="Trần Thị An", positions="Tổ trưởng", units=[cls.toan],
            is_on_editorial_board=True, board_role="Biên tập viên", sort_order=2,
            official_email="an.public@truong.edu.vn", email_is_public=True,
            phone="0905 333 444", phone_is_public=True,
        )  # fmt: skip
        cls.cuong = StaffMemberFactory(
            school=cls.a, full_name="Lê Văn Cường", units=[cls.toan, cls.bgh], sort_order=3,
            official_email="cuong.private@truong.edu.vn", phone="0905 555 666",
        )  # fmt: skip
        cls.former = StaffMemberFactory(school=cls.a, full_name="Võ Văn Cũ", is_active=False)
        cls.other = StaffMemberFactory(
            school=cls.b, full_name="Hoàng Thị Khác", units=[unit(cls.b, "ban-giam-hieu")],
            is_on_editorial_board=True, official_email="khac@binhminh.edu.vn",
            email_is_public=True,
        )  # fmt: skip

    def get(self, url, host=HOST_A, **params):
        response = self.client.get(url, params, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()


class TestDirectory(PeopleTestCase):
    def test_sorted_the_vietnamese_way_by_given_name(self):
        html = self.get("/can-bo/")
        self.assertEqual(names(html), ["Trần Thị An", "Nguyễn Văn Bình", "Lê Văn Cường"])

    def test_filter_by_unit(self):
        html = self.get("/can-bo/", don_vi=self.toan.pk)
        self.assertEqual(names(html), ["Trần Thị An", "Lê Văn Cường"])
        self.assertIn("Tổ Toán", html)
        html = self.get("/can-bo/", don_vi=self.bgh.pk)
        self.assertEqual(names(html), ["Nguyễn Văn Bình", "Lê Văn Cường"])

    def test_unknown_or_foreign_unit_shows_everyone_of_the_school_only(self):
        for value in ("abc", str(unit(self.b, "ban-giam-hieu").pk), "999999"):
            html = self.get("/can-bo/", don_vi=value)
            self.assertEqual(names(html), ["Trần Thị An", "Nguyễn Văn Bình", "Lê Văn Cường"])

    def test_inactive_members_are_not_listed(self):
        for url in PAGES:
            self.assertNotIn("Võ Văn Cũ", self.get(url))

    def test_another_schools_staff_never_shown(self):
        for url in PAGES:
            html = self.get(url)
            self.assertNotIn("Hoàng Thị Khác", html)
            self.assertNotIn("khac@binhminh.edu.vn", html)
        self.assertEqual(names(self.get("/can-bo/", host=HOST_B)), ["Hoàng Thị Khác"])


class TestBoardAndChart(PeopleTestCase):
    def test_board_lists_the_editorial_board_in_order(self):
        html = self.get("/can-bo/ban-bien-tap/")
        self.assertEqual(names(html), ["Nguyễn Văn Bình", "Trần Thị An"])
        self.assertIn("Trưởng ban", html)

    def test_organisation_chart_lists_each_unit_with_its_members(self):
        html = self.get("/to-chuc/")
        blocks = re.findall(
            r'<li class="org-unit">(.*?)</li>\s*(?=<li class="org-unit">|</ol>)', html, re.S
        )
        by_title = {re.search(r'<a href="[^"]*">([^<]+)</a>', b).group(1): names(b) for b in blocks}
        self.assertEqual(by_title["Ban giám hiệu"], ["Nguyễn Văn Bình", "Lê Văn Cường"])
        self.assertEqual(by_title["Tổ Toán"], ["Trần Thị An", "Lê Văn Cường"])
        self.assertEqual(by_title["Tổ Văn"], [])
        self.assertIn("Chi bộ Đảng", by_title)
        self.assertIn('href="/to-chuyen-mon/to-toan/"', html)

    def test_unit_section_page_shows_its_members(self):
        html = self.get(self.toan.url)
        self.assertIn("unit-members", html)
        self.assertEqual(names(html), ["Trần Thị An", "Lê Văn Cường"])


class TestPrivacy(PeopleTestCase):
    def public_pages(self):
        return [*PAGES, self.bgh.url, self.toan.url]

    def test_private_email_and_phone_absent_from_every_public_page(self):
        for url in self.public_pages():
            html = self.get(url)
            for secret in (
                "binh.private@truong.edu.vn", "0905 111 222", "0905111222",
                "cuong.private@truong.edu.vn", "0905 555 666", "0905555666",
            ):  # fmt: skip
                self.assertNotIn(secret, html, url)

    def test_public_email_and_phone_shown_when_switched_on(self):
        for url in ("/can-bo/", "/to-chuc/", self.toan.url, "/can-bo/ban-bien-tap/"):
            html = self.get(url)
            self.assertIn('href="mailto:an.public@truong.edu.vn"', html, url)
            self.assertIn('href="tel:0905333444"', html, url)

    def test_switching_on_publishes_and_switching_off_hides_again(self):
        self.binh.email_is_public = True
        self.binh.save()
        self.assertIn("binh.private@truong.edu.vn", self.get("/can-bo/"))
        self.binh.email_is_public = False
        self.binh.save()
        self.assertNotIn("binh.private@truong.edu.vn", self.get("/can-bo/"))


class TestQueryBudget(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.toan = unit(cls.a, "to-toan")
        cls.bgh = unit(cls.a, "ban-giam-hieu")

    def add(self, count):
        for _ in range(count):
            StaffMemberFactory(
                school=self.a, units=[self.toan, self.bgh], is_on_editorial_board=True,
                photo=make_photo(self.a.collection, "Ảnh cán bộ"),
            )  # fmt: skip

    def count(self, url):
        self.client.get(url, HTTP_HOST=HOST_A)  # renditions are made on the first view
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, HTTP_HOST=HOST_A)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_same_number_of_queries_for_3_and_15_members(self):
        urls = [*PAGES, f"/can-bo/?don_vi={self.toan.pk}", Page.objects.get(pk=self.toan.pk).url]
        self.add(3)
        small = {url: self.count(url) for url in urls}
        self.add(12)
        large = {url: self.count(url) for url in urls}
        self.assertEqual(small, large)
