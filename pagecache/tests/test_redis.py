"""The same behaviour with the production store: Redis (database 15 of the local server, as in
CI). Skipped when no Redis answers at ``PORTAL_TEST_REDIS_URL``."""

from __future__ import annotations

import os
import unittest

from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from news.factories import ArticlePageFactory

from .helpers import HOST_A, HOST_B, PageCacheTestCase, path_of, publish

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@unittest.skipUnless(redis_answers(), f"no Redis at {REDIS_URL}")
@override_settings(
    CACHES={
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
    }
)
class TestWithRedis(PageCacheTestCase):
    def stored_keys(self) -> list[str]:
        client = caches["pagecache"]._cache.get_client()
        return [key.decode() for key in client.keys("*pagecache:page:*")]

    def test_hit_miss_and_conditional_get(self):
        first = self.get("/")
        self.assertCache(first, "MISS")
        self.assertCache(self.get("/"), "HIT")
        self.assertCache(self.get("/", HTTP_IF_NONE_MATCH=first["ETag"]), "HIT", status=304)
        self.assertEqual(len(self.stored_keys()), 1)

    def test_a_purge_refreshes_one_school_only(self):
        self.fill(["/", path_of(self.news_a)], HOST_A)
        self.fill(["/", path_of(self.news_b)], HOST_B)
        with self.change():
            publish(ArticlePageFactory(parent=self.news_a, title="Lịch thi học kỳ I"))
        self.assert_refreshed("/", shows="Lịch thi học kỳ I")
        self.assert_refreshed(path_of(self.news_a), shows="Lịch thi học kỳ I")
        self.assert_hits(["/", path_of(self.news_b)], HOST_B)

    def test_junk_and_logged_in_requests_store_nothing(self):
        for path in ("/?x=1", path_of(self.news_a) + "?page=abc", "/" + "a" * 3000):
            self.assertEqual(self.get(path)["X-Cache"], "BYPASS")
        self.client.cookies[settings.SESSION_COOKIE_NAME] = "abc"
        self.assertCache(self.get("/"), "BYPASS")
        self.assertEqual(self.stored_keys(), [])
