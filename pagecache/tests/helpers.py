"""Two schools with a news section, an article each and a tag, the page cache switched on.

Other apps' tests run with the cache off (``PORTAL_PAGE_CACHE_SECONDS = 0`` in the test
settings); these switch it on and clear the ``pagecache`` alias before each test (the cache
outlives the test transaction that is rolled back). Every write of a test is made inside
``self.change()``, which runs the on-commit purges as a real commit would: a purge left waiting
outside it would make later purges of the same school wait for it (one purge per commit).
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

from django.core.cache import caches
from django.db import transaction
from django.test import TestCase, override_settings

from news.factories import ArticlePageFactory
from schools.factories import SchoolFactory

HOST_A = "anphu.example.vn"
HOST_B = "binhminh.example.vn"
NEWS = ("tin-tuc-su-kien", "tin-tuc")
ANNOUNCEMENTS = ("tin-tuc-su-kien", "thong-bao")


def section(school, *slugs):
    page = school.site.root_page
    for slug in slugs:
        page = page.get_children().get(slug=slug)
    return page.specific


def path_of(page) -> str:
    """The page's URL path (``page.url`` is absolute once there are two sites)."""
    return urlsplit(page.url).path


def publish(page):
    page.save_revision().publish()
    return page


@override_settings(PORTAL_PAGE_CACHE_SECONDS=600)
class PageCacheTestCase(TestCase):
    cache_alias = "pagecache"

    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        cls.news_a = section(cls.a, *NEWS)
        cls.news_b = section(cls.b, *NEWS)
        cls.article_a = ArticlePageFactory(parent=cls.news_a, title="Lễ khai giảng An Phú")
        cls.article_a.tags.add("khai giảng")
        publish(cls.article_a)
        cls.article_b = ArticlePageFactory(parent=cls.news_b, title="Lễ khai giảng Bình Minh")
        cls.article_b.tags.add("khai giảng")
        publish(cls.article_b)

    def setUp(self):
        super().setUp()
        caches[self.cache_alias].clear()
        # The purges that setUpTestData left waiting would run at a commit that never comes
        # (the class's transaction is rolled back) and would hide the tests' own purges.
        connection = transaction.get_connection()
        connection.run_on_commit = [
            item for item in connection.run_on_commit if not hasattr(item[1], "pagecache_marker")
        ]

    def get(self, path, host=HOST_A, **extra):
        return self.client.get(path, HTTP_HOST=host, **extra)

    def assertCache(self, response, state, status=200):
        self.assertEqual(response.status_code, status, response.get("X-Cache"))
        self.assertEqual(response.get("X-Cache"), state, response.wsgi_request.get_full_path())

    def fill(self, paths, host=HOST_A):
        """Request each path until it is a hit (MISS then HIT): it is in the cache now."""
        for path in paths:
            self.assertCache(self.get(path, host), "MISS")
            self.assertCache(self.get(path, host), "HIT")

    def assert_hits(self, paths, host=HOST_A):
        for path in paths:
            self.assertCache(self.get(path, host), "HIT")

    def assert_misses(self, paths, host=HOST_A):
        for path in paths:
            self.assertCache(self.get(path, host), "MISS")

    def assert_refreshed(self, path, host=HOST_A, *, shows=None, hides=None, status=200):
        """The page is rendered afresh (MISS) and shows or no longer shows a text."""
        response = self.get(path, host)
        self.assertCache(response, "MISS" if status == 200 else "BYPASS", status=status)
        if shows is not None:
            self.assertContains(response, shows, status_code=status)
        if hides is not None:
            self.assertNotContains(response, hides, status_code=status)
        return response

    @contextlib.contextmanager
    def change(self):
        """Make a change and commit it: the on-commit purges run at the end of the block and
        are then gone, as after a real commit."""
        connection = transaction.get_connection()
        start = len(connection.run_on_commit)
        with self.captureOnCommitCallbacks(execute=True):
            yield
        del connection.run_on_commit[start:]

    def stored_keys(self) -> list[str]:
        """Page entries in the (local-memory) cache."""
        cache = caches[self.cache_alias]
        return [key for key in cache._cache if ":pagecache:page:" in key]
