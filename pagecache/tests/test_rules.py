"""What is looked up and kept, what bypasses, conditional GET, and poisoning attempts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory, override_settings
from django.utils.http import http_date, parse_http_date
from wagtail.models import PageViewRestriction

from news.factories import ArticlePageFactory
from pagecache import rules
from pagecache.wagtail_hooks import note_page_for_cache

from .helpers import HOST_A, HOST_B, PageCacheTestCase, path_of, publish

BODY_A = "Trường THCS An Phú"
BODY_B = "Trường THCS Bình Minh"


class TestHitsAndMisses(PageCacheTestCase):
    def test_a_visitor_fills_the_cache_and_the_next_one_is_served_from_it(self):
        first = self.get("/")
        self.assertCache(first, "MISS")
        second = self.get("/")
        self.assertCache(second, "HIT")
        self.assertEqual(first.content, second.content)
        self.assertEqual(first["ETag"], second["ETag"])
        self.assertEqual(first["Last-Modified"], second["Last-Modified"])
        self.assertEqual(second["Cache-Control"], "public, max-age=0")
        self.assertEqual(second["Content-Type"], "text/html; charset=utf-8")
        self.assertEqual(second["Content-Language"], "vi")
        self.assertIn("Accept-Language", second["Vary"])

    def test_head_is_served_from_the_cache_but_does_not_fill_it(self):
        self.assertCache(self.client.head("/", HTTP_HOST=HOST_A), "BYPASS")
        self.assertEqual(self.stored_keys(), [])
        self.fill(["/"])
        self.assertCache(self.client.head("/", HTTP_HOST=HOST_A), "HIT")

    def test_posts_bypass(self):
        self.fill(["/"])
        response = self.client.post("/", HTTP_HOST=HOST_A)
        self.assertEqual(response["X-Cache"], "BYPASS")

    def test_the_page_cache_can_be_switched_off(self):
        with self.settings(PORTAL_PAGE_CACHE_SECONDS=0):
            response = self.get("/")
        self.assertNotIn("X-Cache", response)
        self.assertEqual(self.stored_keys(), [])

    def test_each_language_has_its_own_copy(self):
        self.fill(["/"])
        english = self.get("/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertCache(english, "MISS")
        self.assertContains(english, '<html lang="en"')
        self.client.cookies["django_language"] = "en"
        self.assertContains(self.get("/"), '<html lang="en"')
        del self.client.cookies["django_language"]
        vietnamese = self.get("/")
        self.assertCache(vietnamese, "HIT")
        self.assertContains(vietnamese, '<html lang="vi"')

    def test_errors_and_redirects_are_never_kept(self):
        self.assertCache(self.get("/khong-co-trang-nay/"), "BYPASS", status=404)
        self.assertCache(self.get("/khong-co-trang-nay/"), "BYPASS", status=404)
        self.assertCache(self.get(path_of(self.news_a).rstrip("/")), "BYPASS", status=301)
        self.assertEqual(self.stored_keys(), [])


class TestConditionalGet(PageCacheTestCase):
    def test_if_none_match_gets_304(self):
        etag = self.get("/")["ETag"]
        response = self.get("/", HTTP_IF_NONE_MATCH=etag)
        self.assertCache(response, "HIT", status=304)
        self.assertEqual(response.content, b"")
        self.assertEqual(response["ETag"], etag)
        self.assertCache(self.get("/", HTTP_IF_NONE_MATCH='"autre"'), "HIT")

    def test_if_modified_since_gets_304(self):
        last_modified = self.get("/")["Last-Modified"]
        self.assertCache(self.get("/", HTTP_IF_MODIFIED_SINCE=last_modified), "HIT", status=304)
        earlier = http_date(0)
        self.assertCache(self.get("/", HTTP_IF_MODIFIED_SINCE=earlier), "HIT")

    def test_a_changed_page_gets_a_new_etag_and_a_later_date(self):
        first = self.get(path_of(self.news_a))
        with self.change():
            publish(ArticlePageFactory(parent=self.news_a, title="Thông báo lịch thi"))
        response = self.get(path_of(self.news_a), HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertCache(response, "MISS")
        self.assertNotEqual(response["ETag"], first["ETag"])
        self.assertGreater(
            parse_http_date(response["Last-Modified"]), parse_http_date(first["Last-Modified"])
        )
        # A browser holding only the old date is not told "not modified" either.
        stale_date = self.get(path_of(self.news_a), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        self.assertEqual(stale_date.status_code, 200)

    def test_a_page_unchanged_by_a_purge_keeps_its_etag(self):
        first = self.get("/su-kien/danh-sach/")
        with self.change():
            self.article_a.title = "Lễ khai giảng An Phú (ảnh)"
            publish(self.article_a)  # not an event: the list of events is the same
        response = self.get("/su-kien/danh-sach/", HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertCache(response, "MISS", status=304)
        self.assertEqual(response["Last-Modified"], first["Last-Modified"])


class TestVisitorsWithState(PageCacheTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = get_user_model().objects.create_superuser("bientap", "bt@example.vn", "x")

    def test_a_logged_in_user_never_gets_a_cached_page_and_never_fills_the_cache(self):
        self.fill(["/"])
        self.client.force_login(self.editor)
        response = self.get("/")
        self.assertCache(response, "BYPASS")
        self.assertIn("private", response["Cache-Control"])
        self.client.get(path_of(self.news_a), HTTP_HOST=HOST_A)
        self.client.logout()
        self.assertCache(self.get(path_of(self.news_a)), "MISS")

    def test_a_logged_in_users_page_is_not_kept_even_without_the_cookie_rule(self):
        request = RequestFactory().get("/")
        request.user = self.editor
        self.assertEqual(rules.response_problem(request, self.get("/")), "user")

    def test_a_message_waiting_to_be_shown_bypasses(self):
        self.fill(["/"])
        self.client.cookies["messages"] = "x"
        self.assertCache(self.get("/"), "BYPASS")

    def test_a_csrf_cookie_alone_still_gets_cached_pages(self):
        """Forms that use the token are never kept (the token sets the cookie), so a
        visitor who once opened a form still gets cached pages."""
        self.fill(["/"])
        self.client.cookies["csrftoken"] = "a" * 32
        self.assertCache(self.get("/"), "HIT")

    def test_pages_with_a_csrf_form_are_never_kept(self):
        for path in ("/gui-bai/", "/lich-cong-tac/dang-ky/"):
            for _ in range(2):
                self.assertCache(self.get(path), "BYPASS")
        self.assertEqual(self.stored_keys(), [])

    def test_a_form_using_the_csrf_token_is_never_kept_whatever_the_url(self):
        request = RequestFactory().get("/")
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        response = Client().get("/robots.txt", HTTP_HOST=HOST_A)
        self.assertEqual(rules.response_problem(request, response), "csrf")

    def test_restricted_pages_are_never_kept(self):
        with self.change():
            secret = publish(ArticlePageFactory(parent=self.news_a, title="Tin nội bộ"))
            PageViewRestriction.objects.create(
                page=secret, restriction_type="password", password="matkhau"
            )
        for _ in range(2):
            response = self.get(path_of(secret))
            self.assertEqual(response["X-Cache"], "BYPASS")
            self.assertNotContains(response, "Nội dung của «Tin nội bộ»")
        self.assertEqual(self.stored_keys(), [])
        # Whoever asks: the page is marked private before it is served.
        request = RequestFactory().get(path_of(secret))
        request.pagecache_eligible = True
        note_page_for_cache(secret, request, [], {})
        self.assertTrue(request.pagecache_private)

    def test_previews_are_never_kept(self):
        request = RequestFactory().get("/")
        request.is_preview = True
        self.assertEqual(rules.response_problem(request, self.get("/robots.txt")), "private")

    def test_admin_and_documents_bypass(self):
        for path in ("/admin/login/", "/documents/1/x.pdf", "/tim-kiem/?q=thi"):
            self.assertEqual(self.get(path)["X-Cache"], "BYPASS", path)


class TestQueries(PageCacheTestCase):
    def test_a_listing_keeps_each_page_of_results(self):
        listing = path_of(self.news_a)
        self.fill([f"{listing}?page=2", f"{listing}?the=khai-giang", f"{listing}?thang=2025-09"])
        # The same query in another order, or with empty form fields, is the same entry.
        self.assertCache(self.get("/van-ban/?nam=2025&loai=1"), "MISS")
        self.assertCache(self.get("/van-ban/?loai=1&nam=2025"), "HIT")
        self.assertCache(self.get("/van-ban/?nhom=&loai=1&nam=2025&linh_vuc="), "HIT")

    def test_parameters_a_page_does_not_read_are_not_kept(self):
        article = path_of(self.article_a)
        for _ in range(2):
            self.assertCache(self.get(f"{article}?page=2"), "BYPASS")
            self.assertCache(self.get("/?thang=2025-09"), "BYPASS")
            self.assertCache(self.get("/rss/?page=3"), "BYPASS")
        self.assertEqual(self.stored_keys(), [])

    def test_junk_queries_create_no_entries(self):
        listing = path_of(self.news_a)
        junk = [
            "/?x=1",
            "/?cachebuster=123",
            f"{listing}?page=abc",
            f"{listing}?page=1&page=2",
            f"{listing}?page=99999999",
            f"{listing}?thang=2025-13",
            f"{listing}?the=<script>",
            "/van-ban/?q=thi",
            "/van-ban/?loai=1%00",
        ]
        for path in junk:
            for _ in range(2):
                self.assertEqual(self.get(path)["X-Cache"], "BYPASS", path)
        self.assertEqual(self.stored_keys(), [])

    def test_tracking_parameters_are_served_from_the_cache_but_never_stored(self):
        self.assertCache(self.get("/?fbclid=abc&utm_source=zalo"), "BYPASS")
        self.assertEqual(self.stored_keys(), [])
        self.fill(["/"])
        response = self.get("/?fbclid=IwAR0xyz&zarsrc=30&utm_medium=social")
        self.assertCache(response, "HIT")
        self.assertNotContains(response, "IwAR0xyz")

    def test_a_huge_url_is_not_cached(self):
        path = "/" + "a" * 3000 + "/"
        self.assertEqual(self.get(path)["X-Cache"], "BYPASS")
        long_query = path_of(self.news_a) + "?the=" + "a" * 3000
        self.assertEqual(self.get(long_query)["X-Cache"], "BYPASS")
        self.assertEqual(self.stored_keys(), [])


class TestPoisoning(PageCacheTestCase):
    def test_one_schools_page_is_never_served_to_another_schools_host(self):
        self.fill(["/", "/rss/", "/sitemap.xml"], HOST_A)
        for path in ("/", "/rss/", "/sitemap.xml"):
            response = self.get(path, HOST_B)
            self.assertCache(response, "MISS")
            self.assertNotContains(response, HOST_A)
        self.assertContains(self.get("/", HOST_B), BODY_B)
        self.assertContains(self.get("/", HOST_A), BODY_A)

    @override_settings(ALLOWED_HOSTS=[HOST_A, HOST_B])
    def test_an_unknown_host_is_refused_and_nothing_is_cached(self):
        self.fill(["/"])
        response = self.get("/", "evil.example")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response["X-Cache"], "BYPASS")
        self.assertEqual(len(self.stored_keys()), 1)

    def test_a_host_that_is_no_school_is_never_looked_up_nor_kept(self):
        """With ALLOWED_HOSTS = "*" Wagtail answers an unknown host with the default school:
        such answers bypass the cache, so they cannot fill it nor be filled by A."""
        self.fill(["/"])
        for _ in range(2):
            response = self.get("/", "unknown.example")
            self.assertCache(response, "BYPASS")
            self.assertContains(response, "http://unknown.example/")
        self.assertEqual(len(self.stored_keys()), 1)
        self.assertNotIn(b"unknown.example", self.get("/").content)

    def test_x_forwarded_host_is_ignored(self):
        response = self.get("/", HOST_A, HTTP_X_FORWARDED_HOST=HOST_B)
        self.assertCache(response, "MISS")
        self.assertContains(response, BODY_A)
        self.assertNotContains(response, HOST_B)
        self.assertCache(self.get("/", HOST_B), "MISS")
        self.assertContains(self.get("/", HOST_B), BODY_B)
        self.assertCache(self.get("/", HOST_A, HTTP_X_FORWARDED_HOST="evil.example"), "HIT")

    def test_another_port_or_case_of_the_same_host_is_its_own_entry(self):
        self.fill(["/"])
        response = self.get("/", f"{HOST_A}:8080")
        self.assertCache(response, "MISS")
        self.assertContains(response, f"http://{HOST_A}:8080/")
        self.assertCache(self.get("/", HOST_A.upper()), "BYPASS")
        self.assertEqual(len(self.stored_keys()), 2)

    def test_https_and_http_are_separate_entries(self):
        self.fill(["/"])
        response = self.client.get("/", HTTP_HOST=HOST_A, secure=True)
        self.assertCache(response, "MISS")
        self.assertContains(response, f"https://{HOST_A}/")
