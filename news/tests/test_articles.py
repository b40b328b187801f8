import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from galleries.factories import AlbumPageFactory, make_photo
from news.factories import ArticlePageFactory
from news.models import ArticlePage
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff

HOST_A, HOST_B = "anphu.example.vn", "binhminh.example.vn"


def section(school, *slugs):
    page = school.site.root_page
    for slug in slugs:
        page = page.get_children().get(slug=slug)
    return page.specific


class NewsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        cls.news_a = section(cls.a, "tin-tuc-su-kien", "tin-tuc")
        cls.notices_a = section(cls.a, "tin-tuc-su-kien", "thong-bao")
        cls.gallery_a = section(cls.a, "tin-tuc-su-kien", "thu-vien-anh")
        cls.news_b = section(cls.b, "tin-tuc-su-kien", "tin-tuc")

    def get(self, path, host=HOST_A, **params):
        return self.client.get(path, params, HTTP_HOST=host)


class TestWhereArticlesGo(NewsTestCase):
    def test_articles_only_in_sections_that_take_them(self):
        self.assertTrue(ArticlePage.can_create_at(self.news_a))
        self.assertTrue(ArticlePage.can_create_at(self.notices_a))
        self.assertTrue(ArticlePage.can_create_at(section(self.a, "to-chuyen-mon", "to-toan")))
        self.assertTrue(ArticlePage.can_create_at(section(self.a, "co-cau-to-chuc", "cong-doan")))
        self.assertFalse(ArticlePage.can_create_at(section(self.a, "gioi-thieu")))
        self.assertFalse(ArticlePage.can_create_at(self.gallery_a))
        self.assertFalse(ArticlePage.can_create_at(self.a.site.root_page))

    def test_admin_offers_the_article_type_only_where_allowed(self):
        editor = make_staff(self.a, "editor")
        self.client.login(username=editor.username, password=TEST_PASSWORD)
        url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", self.news_a.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        wrong = reverse(
            "wagtailadmin_pages:add", args=["news", "articlepage", section(self.a, "gioi-thieu").pk]
        )
        self.assertNotEqual(self.client.get(wrong).status_code, 200)

    def test_event_and_urgency_rules(self):
        start = timezone.now()
        page = ArticlePage(
            title="Hội thao",
            slug="hoi-thao",
            event_start=start,
            event_end=start - datetime.timedelta(hours=1),
        )
        with self.assertRaises(ValidationError):
            page.full_clean()
        page = ArticlePage(title="Nghỉ học", slug="nghi-hoc", is_urgent=True)
        with self.assertRaises(ValidationError):
            page.full_clean()


class TestArticlePage(NewsTestCase):
    def test_renders_cover_event_tags_and_print(self):
        cover = make_photo(self.a.collection, "Lễ chào cờ", size=(1600, 900))
        start = datetime.datetime(2026, 11, 20, 7, 30, tzinfo=timezone.get_current_timezone())
        article = ArticlePageFactory(
            parent=self.news_a, title="Lễ kỷ niệm ngày Nhà giáo", cover_image=cover, summary="Tóm tắt lễ kỷ niệm.",
            byline="Tổ Văn", event_start=start, event_location="Sân trường",
        )  # fmt: skip
        article.tags.add("nhà giáo", "lễ hội")
        article.save_revision().publish()
        response = self.get(article.url)
        self.assertEqual(response.status_code, 200)
        for text in ("Lễ kỷ niệm ngày Nhà giáo", "Tóm tắt lễ kỷ niệm.", "Tổ Văn", "Sân trường", "07:30 20/11/2026",
                     "data-print", 'rel="tag"', "<picture>"):  # fmt: skip
            self.assertContains(response, text)
        self.assertContains(response, reverse("news_tag", args=["nha-giao"]))


class TestListings(NewsTestCase):
    def test_pinned_announcements_come_first_until_their_date(self):
        today = timezone.localdate()
        old = ArticlePageFactory(
            parent=self.notices_a,
            title="Thông báo cũ ghim",
            pinned_until=today + datetime.timedelta(days=2),
        )
        ArticlePageFactory(parent=self.notices_a, title="Thông báo mới")
        ArticlePageFactory(
            parent=self.notices_a,
            title="Ghim hết hạn",
            pinned_until=today - datetime.timedelta(days=1),
        )
        titles = [p.title for p in self.get(self.notices_a.url).context["children"]]
        self.assertEqual(titles[0], old.title)
        self.assertEqual(titles[1:], ["Ghim hết hạn", "Thông báo mới"])  # newest first

    def test_parent_section_lists_items_of_its_subsections(self):
        ArticlePageFactory(parent=self.news_a, title="Tin trong mục con")
        AlbumPageFactory(parent=self.gallery_a, title="Album hội diễn")
        response = self.get(section(self.a, "tin-tuc-su-kien").url)
        self.assertContains(response, "Tin trong mục con")
        self.assertContains(response, "Album hội diễn")

    def test_tag_filter_month_archive_and_tag_page(self):
        tagged = ArticlePageFactory(parent=self.news_a, title="Hội khỏe Phù Đổng")
        tagged.tags.add("thể thao")
        tagged.save_revision().publish()
        ArticlePageFactory(parent=self.news_a, title="Tin khác")
        filtered = self.get(self.news_a.url, the="the-thao")
        self.assertEqual([p.title for p in filtered.context["children"]], ["Hội khỏe Phù Đổng"])
        month = timezone.localdate().strftime("%Y-%m")
        self.assertContains(self.get(self.news_a.url), f"?thang={month}")
        self.assertEqual(len(self.get(self.news_a.url, thang=month).context["children"]), 2)
        self.assertEqual(len(self.get(self.news_a.url, thang="2001-01").context["children"]), 0)
        for bad in ("13-2026", "2026-13", "x", "2026-01-01"):
            self.assertEqual(self.get(self.news_a.url, thang=bad).status_code, 200)
        tag_page = self.get(reverse("news_tag", args=["the-thao"]))
        self.assertContains(tag_page, "Hội khỏe Phù Đổng")
        self.assertNotContains(tag_page, "Tin khác")
        self.assertEqual(
            self.get(reverse("news_tag", args=["the-thao"]), host=HOST_B).status_code, 404
        )

    def test_drafts_private_and_other_schools_items_never_listed(self):
        ArticlePageFactory(parent=self.news_a, title="Bản nháp", live=False)
        private = ArticlePageFactory(parent=self.news_a, title="Tin nội bộ")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        ArticlePageFactory(parent=self.news_b, title="Tin trường khác")
        for path in (self.news_a.url, "/", section(self.a, "tin-tuc-su-kien").url):
            response = self.get(path)
            for title in ("Bản nháp", "Tin nội bộ", "Tin trường khác"):
                self.assertNotContains(response, title)

    def test_listing_query_count_does_not_grow(self):
        def count(path, **params):
            self.get(path, **params)  # the first view makes the image renditions
            with CaptureQueriesContext(connection) as ctx:
                self.assertEqual(self.get(path, **params).status_code, 200)
            return len(ctx.captured_queries)

        def add(n):
            for i in range(n):
                page = ArticlePageFactory(
                    parent=self.news_a, cover_image=make_photo(self.a.collection, f"Ảnh {i}")
                )
                page.tags.add("chung")
                page.save_revision().publish()

        add(2)
        paths = [(self.news_a.url, {}), ("/", {}), (reverse("news_tag", args=["chung"]), {})]
        before = [count(p, **q) for p, q in paths]
        add(10)
        self.assertEqual([count(p, **q) for p, q in paths], before)


class TestHomeAndBanner(NewsTestCase):
    def test_home_lists_news_announcements_events_and_albums(self):
        ArticlePageFactory(parent=self.news_a, title="Tin mới nhất")
        ArticlePageFactory(parent=self.notices_a, title="Thông báo nghỉ lễ")
        ArticlePageFactory(
            parent=self.news_a,
            title="Hội diễn văn nghệ",
            event_start=timezone.now() + datetime.timedelta(days=3),
        )
        ArticlePageFactory(
            parent=self.news_a,
            title="Sự kiện đã qua",
            event_start=timezone.now() - datetime.timedelta(days=3),
        )
        AlbumPageFactory(parent=self.gallery_a, title="Album khai giảng")
        context = self.get("/").context
        self.assertIn("Tin mới nhất", [p.title for p in context["latest_news"]])
        self.assertEqual([p.title for p in context["announcements"]], ["Thông báo nghỉ lễ"])
        self.assertEqual([p.title for p in context["upcoming_events"]], ["Hội diễn văn nghệ"])
        self.assertEqual([p.title for p in context["latest_albums"]], ["Album khai giảng"])

    def test_urgent_announcement_is_a_banner_on_every_page_until_it_expires(self):
        today = timezone.localdate()
        urgent = ArticlePageFactory(
            parent=self.notices_a, title="Nghỉ học do bão", is_urgent=True, pinned_until=today
        )
        for path in ("/", self.news_a.url, "/so-do-trang/", "/tim-kiem/"):
            self.assertContains(self.get(path), "urgent-banner")
        self.assertNotContains(self.get("/", host=HOST_B), "Nghỉ học do bão")
        urgent.pinned_until = today - datetime.timedelta(days=1)
        urgent.save_revision().publish()
        self.assertNotContains(self.get("/"), "urgent-banner")
