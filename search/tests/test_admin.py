"""Admin of the site search: the "Từ khóa tìm kiếm" report and the promoted results, each
confined to the school; Wagtail's own (install-wide) promotions are for superusers only."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from schools.factories import SchoolFactory, make_staff
from search.models import Promotion, SearchQuery

from .corpus import section

HOST_A, HOST_B = "anphu.example.vn", "binhminh.example.vn"


class SearchTermsReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        today = timezone.localdate()
        SearchQuery.objects.create(school=cls.a, query="tuyen sinh", day=today, count=7, hits=3)
        SearchQuery.objects.create(
            school=cls.a,
            query="tuyen sinh",
            day=today - datetime.timedelta(days=3),
            count=2,
            hits=5,
        )
        SearchQuery.objects.create(school=cls.a, query="hoc phi", day=today, count=4, hits=0)
        SearchQuery.objects.create(
            school=cls.a, query="cu qua", day=today - datetime.timedelta(days=60), count=9, hits=0
        )
        SearchQuery.objects.create(
            school=cls.b, query="binh minh rieng", day=today, count=5, hits=0
        )
        cls.url = reverse("search_terms")

    def test_head_sees_the_schools_terms_and_what_found_nothing(self):
        self.client.force_login(make_staff(self.a, "head"))
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        top = response.context["top"]
        self.assertEqual([(r.query, r.searches, r.days, r.hits) for r in top],
                         [("tuyen sinh", 9, 2, 3), ("hoc phi", 4, 1, 0)])  # fmt: skip
        self.assertEqual([r.query for r in response.context["empty"]], ["hoc phi"])
        self.assertNotContains(response, "binh minh rieng")
        self.assertContains(response, "Từ khóa tìm kiếm")
        year = self.client.get(self.url, {"ngay": 365})
        self.assertEqual([r.query for r in year.context["empty"]], ["cu qua", "hoc phi"])
        self.assertEqual(self.client.get(self.url, {"ngay": "abc"}).context["days"], 30)

    def test_another_school_answers_404_and_roles_without_the_right_403(self):
        self.client.force_login(make_staff(self.a, "editor"))
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.assertEqual(self.client.get(self.url, {"truong": self.b.pk}).status_code, 404)
        self.client.force_login(make_staff(self.a, "contributor"))
        self.assertEqual(self.client.get(self.url).status_code, 403)

    def test_superuser_chooses_the_school(self):
        admin = get_user_model().objects.create_superuser("root", "root@example.vn", "x")
        self.client.force_login(admin)
        choose = self.client.get(self.url)
        self.assertContains(choose, f"?truong={self.b.pk}")
        self.assertContains(self.client.get(self.url, {"truong": self.b.pk}), "binh minh rieng")

    def test_menu_item_only_for_those_who_may_read(self):
        dashboard = reverse("wagtailadmin_home")
        self.client.force_login(make_staff(self.a, "secretary"))
        self.assertContains(self.client.get(dashboard), self.url)
        self.client.force_login(make_staff(self.a, "contributor"))
        self.assertNotContains(self.client.get(dashboard), self.url)


class PromotionAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        cls.head_a = make_staff(cls.a, "head")
        cls.page_a = section(cls.a, "thong-bao")
        cls.page_b = section(cls.b, "thong-bao")
        cls.promo_b = Promotion.objects.create(school=cls.b, query="tuyển sinh", page=cls.page_b)

    def test_listing_and_urls_are_confined_to_the_school(self):
        self.client.force_login(self.head_a)
        Promotion.objects.create(school=self.a, query="học phí", page=self.page_a)
        listing = self.client.get(reverse("wagtailsnippets_site_search_promotion:list"))
        self.assertContains(listing, "học phí")
        self.assertNotContains(listing, "tuyển sinh")
        edit_b = reverse("wagtailsnippets_site_search_promotion:edit", args=[self.promo_b.pk])
        self.assertEqual(self.client.get(edit_b).status_code, 404)

    def test_a_promotion_for_another_schools_page_is_refused(self):
        self.client.force_login(self.head_a)
        add = reverse("wagtailsnippets_site_search_promotion:add")
        response = self.client.post(
            add,
            {"school": self.a.pk, "query": "tuyển sinh", "page": self.page_b.pk, "sort_order": 0},
        )
        self.assertEqual(response.status_code, 200)  # the form again, with the error
        self.assertFalse(Promotion.objects.filter(school=self.a).exists())
        response = self.client.post(
            add,
            {"school": self.a.pk, "query": "Tuyển  sinh", "page": self.page_a.pk, "sort_order": 0},
        )
        self.assertEqual(response.status_code, 302)
        promotion = Promotion.objects.get(school=self.a)
        self.assertEqual((promotion.query, promotion.query_key), ("Tuyển sinh", "tuyen sinh"))

    def test_wagtails_install_wide_promotions_are_for_superusers_only(self):
        self.client.force_login(self.head_a)
        self.assertEqual(self.client.get("/admin/searchpicks/").status_code, 404)
        admin = get_user_model().objects.create_superuser("root", "root@example.vn", "x")
        self.client.force_login(admin)
        self.assertEqual(self.client.get("/admin/searchpicks/").status_code, 200)
