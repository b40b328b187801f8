"""The proxy in front is purged by host: one BAN per change, naming the school's host only."""

from __future__ import annotations

import datetime
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from news.factories import ArticlePageFactory
from pagecache.frontend import HostBanBackend
from resources.factories import ResourceFactory

from .helpers import HOST_A, HOST_B, PageCacheTestCase, path_of, publish


class FakeProxy:
    """A local HTTP server that records the BAN requests it receives."""

    def __init__(self):
        self.bans: list[dict] = []
        bans = self.bans

        class Handler(BaseHTTPRequestHandler):
            def do_BAN(self):
                bans.append({"path": self.path, "ban_host": self.headers.get("X-Ban-Host")})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def s_maxage(response) -> int:
    return int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))


def frontend_settings(*urls):
    return {"proxy": {"BACKEND": "pagecache.frontend.HostBanBackend", "LOCATIONS": list(urls)}}


class TestProxyPurge(PageCacheTestCase):
    def test_publishing_bans_the_schools_host_on_every_proxy(self):
        with FakeProxy() as first, FakeProxy() as second:
            proxies = frontend_settings(first.url, second.url)
            with override_settings(WAGTAILFRONTENDCACHE=proxies), self.change():
                article = ArticlePageFactory(parent=self.news_a, title="Lịch thi")
                article.tags.add("thi")
                publish(article)
        for proxy in (first, second):
            self.assertEqual(proxy.bans, [{"path": "/", "ban_host": HOST_A}])

    def test_cacheable_pages_let_the_proxy_keep_them_while_browsers_revalidate(self):
        with (
            FakeProxy() as proxy,
            override_settings(WAGTAILFRONTENDCACHE=frontend_settings(proxy.url)),
        ):
            for state in ("MISS", "HIT"):
                response = self.get("/", HOST_B)
                self.assertCache(response, state)
                self.assertRegex(response["Cache-Control"], r"^public, max-age=0, s-maxage=\d+$")
                self.assertLessEqual(s_maxage(response), 600)
        # Without a proxy purge, no proxy may keep pages longer than it could be told to drop.
        self.assertEqual(self.get("/", HOST_B)["Cache-Control"], "public, max-age=0")

    def test_the_proxy_keeps_no_page_past_a_change_that_comes_with_time(self):
        with self.change():
            resource = ResourceFactory(school=self.a, title="Đề kiểm tra")
            resource.answer_key.save("dap-an.pdf", SimpleUploadedFile("d.pdf", b"%PDF-1.4"))
            resource.answer_key_visible_from = timezone.now() + datetime.timedelta(seconds=90)
            resource.save()
        with (
            FakeProxy() as proxy,
            override_settings(WAGTAILFRONTENDCACHE=frontend_settings(proxy.url)),
        ):
            for state in ("MISS", "HIT"):
                response = self.get(f"/tu-lieu/{resource.pk}/")
                self.assertCache(response, state)
                self.assertLessEqual(s_maxage(response), 90)
            self.assertLessEqual(s_maxage(self.get("/", HOST_B)), 600)

    def test_an_unreachable_proxy_does_not_break_publishing(self):
        with FakeProxy() as proxy:
            url = proxy.url
        with override_settings(WAGTAILFRONTENDCACHE=frontend_settings(url)):
            self.fill([path_of(self.news_a)])
            with self.assertLogs("pagecache.frontend", "ERROR"), self.change():
                publish(ArticlePageFactory(parent=self.news_a, title="Tin mới"))
            self.assert_refreshed(path_of(self.news_a), shows="Tin mới")

    def test_wagtails_page_purge_bans_the_host_too(self):
        with FakeProxy() as proxy:
            backend = HostBanBackend({"LOCATIONS": [proxy.url]})
            backend.purge_batch([f"http://{HOST_B}/tin-tuc/", f"http://{HOST_B}:8000/rss/"])
        self.assertEqual(proxy.bans, [{"path": "/", "ban_host": HOST_B}])

    def test_a_renamed_site_is_banned_under_both_names_and_matched_again(self):
        self.fill(["/"], HOST_B)
        site = self.b.site
        with (
            FakeProxy() as proxy,
            override_settings(WAGTAILFRONTENDCACHE=frontend_settings(proxy.url)),
            self.change(),
        ):
            site.hostname = "binhminh-moi.example.vn"
            site.save()
        self.assertEqual(
            sorted(ban["ban_host"] for ban in proxy.bans), ["binhminh-moi.example.vn", HOST_B]
        )
        self.assertCache(self.get("/", HOST_B), "BYPASS")  # no school's name any more
        self.assertCache(self.get("/", "binhminh-moi.example.vn"), "MISS")
