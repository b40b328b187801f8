"""The search page ``/tim-kiem/``: results of this school only, highlighting, filters, JSON,
suggestions, odd input, staff-only items, the query budget, the search-terms log and promoted
results."""

from __future__ import annotations

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query as WagtailQuery
from wagtail.contrib.search_promotions.models import SearchPromotion

from schools.factories import make_staff
from search.models import Promotion, SearchQuery

from . import corpus
from .corpus import HOST_A, HOST_B

TUYEN_SINH_6 = "Thông báo tuyển sinh lớp 6 năm học 2025-2026"


class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.corpus = corpus.build()
        cls.a, cls.b = cls.corpus.a, cls.corpus.b

    def get(self, host=HOST_A, **params):
        return self.client.get("/tim-kiem/", params, HTTP_HOST=host)

    def titles(self, response) -> list[str]:
        return [hit.title for hit in response.context["results"].hits]

    def test_finds_only_this_schools_published_content(self):
        response = self.get(q="tuyển sinh")
        self.assertEqual(response.status_code, 200)
        titles = self.titles(response)
        self.assertEqual(titles[0], TUYEN_SINH_6)
        self.assertNotIn("Thông báo tuyển sinh lớp 6 trường Bình Minh", titles)
        self.assertNotIn("Tuyển sinh bản nháp chưa đăng", titles)
        other = self.titles(self.get(HOST_B, q="tuyển sinh"))
        self.assertEqual(other, ["Thông báo tuyển sinh lớp 6 trường Bình Minh"])

    def test_result_shows_kind_section_date_and_highlighted_words(self):
        response = self.get(q="tuyen sinh")
        self.assertContains(response, "<mark>tuyển</mark> <mark>sinh</mark> lớp 6", html=False)
        self.assertContains(response, '<span class="badge">Bài viết</span>', html=False)
        self.assertContains(response, '<span class="search-hit__section">Thông báo</span>')
        self.assertContains(response, '<time datetime="2025-06-02">02/06/2025</time>', html=True)
        self.assertContains(response, 'href="/tin-tuc-su-kien/thong-bao/thong-bao-tuyen-sinh-lop-6')

    def test_highlighting_escapes_the_text(self):
        from news.factories import ArticlePageFactory

        ArticlePageFactory(
            parent=corpus.section(self.a, "tin-tuc"), title="Cờ vua <b>& cờ tướng</b>"
        )
        hit = self.get(q="cờ tướng").context["results"].hits[0]
        self.assertEqual(
            hit.title_html,
            "<mark>Cờ</mark> vua &lt;b&gt;&amp; <mark>cờ</mark> <mark>tướng</mark>&lt;/b&gt;",
        )

    def test_json_answer(self):
        response = self.get(q="37/2020", format="json")
        self.assertEqual(response["Content-Type"], "application/json")
        data = response.json()
        self.assertEqual(data["query"], "37/2020")
        self.assertEqual(data["total"], len(data["results"]))
        first = data["results"][0]
        self.assertEqual(
            set(first),
            {"kind", "kind_label", "id", "title", "url", "date", "section", "snippet", "promoted"},
        )
        self.assertEqual(first["kind"], "document")
        self.assertEqual(first["title"], "Thông tư 37/2020/TT-BGDĐT")
        self.assertEqual(first["date"], "2020-10-05")
        self.assertTrue(first["url"].startswith("http://anphu.example.vn/van-ban/"))
        self.assertIn("cổng thông tin", first["snippet"])

    def test_filters_and_order_from_the_url(self):
        titles = self.titles(self.get(q="tuyển sinh", loai="van-ban"))
        self.assertEqual(titles, ["Kế hoạch 05/KH-THCS"])
        thong_bao = corpus.section(self.a, "thong-bao")
        self.assertEqual(self.titles(self.get(q="tuyển sinh", muc=thong_bao.pk)), [TUYEN_SINH_6])
        by_date = self.titles(self.get(q="tuyển sinh", sap_xep="ngay"))
        newest = [TUYEN_SINH_6, "Tuyên dương học sinh giỏi cấp huyện", "Kế hoạch 05/KH-THCS",
                  "Kế hoạch tuyển sinh vào lớp 10"]  # fmt: skip
        self.assertEqual(by_date[:4], newest)
        in_may = self.titles(self.get(q="tuyển sinh", tu="01/05/2025", den="2025-05-31"))
        self.assertEqual(in_may, ["Kế hoạch 05/KH-THCS", "Tuyên dương học sinh giỏi cấp huyện"])
        reversed_range = self.titles(self.get(q="tuyển sinh", tu="2025-05-31", den="2025-05-01"))
        self.assertEqual(reversed_range, in_may)

    def test_another_schools_section_is_not_a_filter(self):
        other = corpus.section(self.b, "thong-bao")
        response = self.get(q="tuyển sinh", muc=other.pk)
        self.assertIsNone(response.context["section"])
        self.assertEqual(self.titles(response)[0], TUYEN_SINH_6)

    def test_pagination(self):
        first = self.get(q="học", format="json").json()
        self.assertGreater(first["pages"], 1)
        second = self.get(q="học", format="json", page=2).json()
        self.assertEqual(second["page"], 2)
        self.assertFalse(
            {r["url"] for r in first["results"]} & {r["url"] for r in second["results"]}
        )
        self.assertEqual(self.get(q="học", page=999).context["results"].page.number, first["pages"])

    def test_odd_input_gives_a_normal_page(self):
        for q in ("", "a", "x" * 500, '"', "*", "OR", "NEAR(", 'NEAR("a" "b")', "a AND b OR",
                  "'; DROP TABLE x; --", "!!!", "  ", "tuyển*", "{title}: x", "^", "-",
                  "\x00\x01", "%", "_", "s1public"):  # fmt: skip
            with self.subTest(q=q):
                self.assertEqual(self.get(q=q).status_code, 200)
                self.assertEqual(self.get(q=q, format="json").status_code, 200)
                response = self.client.get("/tim-kiem/goi-y/", {"q": q}, HTTP_HOST=HOST_A)
                self.assertEqual(response.status_code, 200)
        for params in ({"page": "abc"}, {"page": "-3"}, {"page": "99999"}, {"loai": "xyz"},
                       {"muc": "abc"}, {"muc": "99999999"}, {"tu": "2025-13-45"}, {"den": "x"},
                       {"sap_xep": "zzz"}, {"format": "xml"}, {"loai": ["van-ban", "?"]}):  # fmt: skip
            with self.subTest(params=params):
                self.assertEqual(self.get(q="tuyển sinh", **params).status_code, 200)

    def test_staff_only_items_for_the_schools_own_staff(self):
        query = {"q": "15/CV-THCS", "format": "json"}

        def found(**params) -> list[str]:
            return [result["title"] for result in self.get(**params).json()["results"]]

        self.assertNotIn("Công văn 15/CV-THCS", found(**query))
        self.client.force_login(self.corpus.head_b)  # staff, of another school
        self.assertNotIn("Công văn 15/CV-THCS", found(**query))
        self.client.force_login(self.corpus.head_a)
        results = self.get(**query).json()["results"]
        self.assertEqual(results[0]["title"], "Công văn 15/CV-THCS")
        self.assertContains(self.get(q="15/CV-THCS"), "Nội bộ")

    def test_a_fixed_number_of_queries(self):
        def count(**params) -> int:
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.get(**params).status_code, 200)
            return len(queries)

        self.get(q="warm")  # Wagtail caches the site root paths on the first request
        many, one = count(q="học"), count(q="37/2020/TT-BGDĐT")
        self.assertEqual(many, one)
        with self.assertNumQueries(one):
            self.get(q="tuyen sinh lop")
        self.assertEqual(count(q="học", page=2), one - 2)  # no promotions, no log
        # Nothing has every word: the near spellings of the long words, the search with some.
        self.assertEqual(count(q="tuyển sinh xylophone"), one + 2)

    def test_header_box_gets_suggestions(self):
        response = self.get(q="")
        self.assertContains(response, "js/search-suggest.js")
        data = self.client.get("/tim-kiem/goi-y/", {"q": "tuyen si"}, HTTP_HOST=HOST_A).json()
        self.assertEqual(data["suggestions"][0]["title"], TUYEN_SINH_6)
        self.assertEqual(set(data["suggestions"][0]), {"title", "url", "kind", "kind_label"})
        self.assertLessEqual(len(data["suggestions"]), 6)
        self.assertIn("gợi ý", data["status"])
        short = self.client.get("/tim-kiem/goi-y/", {"q": "t"}, HTTP_HOST=HOST_A).json()
        self.assertEqual(short["suggestions"], [])
        with self.assertNumQueries(4):  # site, school; candidates, entries; no log
            self.client.get("/tim-kiem/goi-y/", {"q": "37/2020"}, HTTP_HOST=HOST_A)
        self.assertFalse(SearchQuery.objects.exists())


class SearchLogAndPromotionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.corpus = corpus.build()
        cls.a, cls.b = cls.corpus.a, cls.corpus.b

    def get(self, host=HOST_A, **params):
        return self.client.get("/tim-kiem/", params, HTTP_HOST=host)

    def test_searches_are_counted_per_school_and_day_without_personal_data(self):
        self.get(q="Tuyển  Sinh")
        self.get(q="tuyen sinh")
        self.get(q="tuyen sinh", page=2)  # paging is not a new search
        self.get(q="xylophone")
        self.get(HOST_B, q="tuyển sinh")
        self.get(q="nguyenvana@gmail.com")
        self.get(q="0905 123 456")
        rows = {(row.school_id, row.query): row for row in SearchQuery.objects.all()}
        self.assertEqual(
            set(rows),
            {(self.a.pk, "tuyen sinh"), (self.a.pk, "xylophone"), (self.b.pk, "tuyen sinh")},
        )
        self.assertEqual(rows[(self.a.pk, "tuyen sinh")].count, 2)
        self.assertGreater(rows[(self.a.pk, "tuyen sinh")].hits, 0)
        self.assertEqual(rows[(self.a.pk, "xylophone")].hits, 0)
        self.assertEqual(rows[(self.a.pk, "tuyen sinh")].day, timezone.localdate())
        fields = {f.name for f in SearchQuery._meta.get_fields()}
        self.assertEqual(fields, {"id", "school", "query", "day", "count", "hits"})

    def test_promoted_page_comes_first_with_or_without_accents(self):
        page = self.corpus.titles["Lịch thi học kỳ II"]
        Promotion.objects.create(
            school=self.a, query="Tuyển sinh", page=page, description="Xem ngay"
        )
        for q in ("tuyển sinh", "TUYEN SINH"):
            results = self.get(q=q).context["results"]
            self.assertEqual([hit.title for hit in results.promoted], ["Lịch thi học kỳ II"])
            self.assertEqual(results.promoted[0].snippet, "Xem ngay")
        response = self.get(q="tuyển sinh", format="json").json()
        self.assertEqual(response["results"][0]["title"], "Lịch thi học kỳ II")
        self.assertTrue(response["results"][0]["promoted"])
        self.assertContains(self.get(q="tuyển sinh"), "Nên xem")
        self.assertEqual(self.get(HOST_B, q="tuyển sinh").context["results"].promoted, [])

    def test_another_schools_page_is_never_promoted(self):
        from django.core.exceptions import ValidationError

        page_b = self.corpus.b.site.root_page.get_children().first()
        promotion = Promotion(school=self.a, query="tuyển sinh", page=page_b)
        with self.assertRaises(ValidationError):
            promotion.full_clean()
        promotion.save()  # even if it were stored, it is not shown
        self.assertEqual(self.get(q="tuyển sinh").context["results"].promoted, [])

    def test_wagtails_promotions_count_for_this_schools_pages_only(self):
        page_a = self.corpus.titles["Lịch thi học kỳ II"]
        query = WagtailQuery.get("tuyển sinh")
        SearchPromotion.objects.create(query=query, page=page_a, sort_order=0)
        self.assertEqual(
            [hit.title for hit in self.get(q="tuyển sinh").context["results"].promoted],
            ["Lịch thi học kỳ II"],
        )
        self.assertEqual(self.get(HOST_B, q="tuyển sinh").context["results"].promoted, [])

    def test_staff_search_page_names_staff_only_items(self):
        self.client.force_login(make_staff(self.a, "editor"))
        response = self.get(q="sáng kiến kinh nghiệm")
        self.assertEqual(
            response.context["results"].hits[0].title, "Sáng kiến kinh nghiệm dạy học tích cực"
        )
        self.assertContains(response, "Nội bộ")
