"""Configuration, the language switch and subscribe form without CSRF tokens, the command."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client

from pagecache import store
from school_site.env import load_environment

from .helpers import HOST_A, HOST_B, PageCacheTestCase

ROOT = Path(__file__).resolve().parents[2]


def test_page_cache_seconds_default_and_off():
    assert load_environment({}).page_cache_seconds == 600
    assert load_environment({"PORTAL_PAGE_CACHE_SECONDS": "0"}).page_cache_seconds == 0


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORTAL_PAGE_CACHE_SECONDS", "-5"),
        ("PORTAL_PAGE_CACHE_SECONDS", "mười"),
        ("PORTAL_FRONTEND_CACHE_URLS", "varnish:6081"),
        ("PORTAL_FRONTEND_CACHE_URLS", "http://127.0.0.1:6081/,ftp://proxy/"),
    ],
)
def test_malformed_cache_variables_are_named(name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_environment({name: value})


def test_proxy_urls_configure_wagtails_frontend_cache():
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "school_site.settings.dev",
            "PORTAL_FRONTEND_CACHE_URLS": "http://127.0.0.1:6081/, http://10.0.0.2:6081/",
            "PORTAL_PAGE_CACHE_SECONDS": "300",
        }
    )
    code = (
        "from django.conf import settings as s;"
        "print(s.WAGTAILFRONTENDCACHE['proxy']);"
        "print(s.PORTAL_PAGE_CACHE_SECONDS, s.CACHES['pagecache']['BACKEND']);"
        "print(s.MIDDLEWARE.index('pagecache.middleware.PageCacheMiddleware'))"
    )
    result = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    backend, seconds, position = result.stdout.strip().splitlines()[-3:]
    assert "pagecache.frontend.HostBanBackend" in backend
    assert "http://10.0.0.2:6081/" in backend
    # The web server and the worker share the embedded cache: files, not process memory.
    assert seconds == "300 django.core.cache.backends.filebased.FileBasedCache"
    assert position == "2"  # after SecurityMiddleware and WhiteNoise, before sessions


class TestFormsWithoutToken(PageCacheTestCase):
    def setUp(self):
        super().setUp()
        self.csrf_client = Client(enforce_csrf_checks=True)

    def post(self, path, data, **headers):
        return self.csrf_client.post(path, data, HTTP_HOST=HOST_A, headers=headers)

    def test_the_language_switch_works_from_the_site_itself(self):
        data = {"language": "en", "next": "/"}
        self.assertEqual(self.post("/i18n/setlang/", data).status_code, 302)
        same_origin = {"Sec-Fetch-Site": "same-origin"}
        self.assertEqual(self.post("/i18n/setlang/", data, **same_origin).status_code, 302)
        origin = {"Origin": f"http://{HOST_A}"}
        response = self.post("/i18n/setlang/", data, **origin)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response.cookies["django_language"].value, "en")

    def test_the_language_switch_refuses_other_sites(self):
        data = {"language": "en", "next": "/"}
        for headers in (
            {"Sec-Fetch-Site": "cross-site"},
            {"Sec-Fetch-Site": "same-site"},
            {"Origin": f"http://{HOST_B}"},
            {"Origin": "null"},
            {"Referer": "https://evil.example/trang"},
        ):
            response = self.post("/i18n/setlang/", data, **headers)
            self.assertEqual(response.status_code, 403, headers)
            self.assertNotIn("django_language", response.cookies)

    def test_the_calendar_subscription_refuses_other_sites(self):
        data = {"email": "phuhuynh@example.vn", "website": ""}
        refused = self.post("/lich-cong-tac/dang-ky/", data, Origin="https://evil.example")
        self.assertEqual(refused.status_code, 403)
        accepted = self.post("/lich-cong-tac/dang-ky/", data, Origin=f"http://{HOST_A}")
        self.assertRedirects(
            accepted, "/lich-cong-tac/dang-ky/da-gui/", fetch_redirect_response=False
        )

    def test_pages_carry_no_csrf_token_and_are_cached(self):
        for path in ("/", "/lich-cong-tac/"):
            response = self.get(path)
            self.assertNotContains(response, "csrfmiddlewaretoken")
            self.assertNotIn("csrftoken", response.cookies)
            self.assertCache(self.get(path), "HIT")


class TestCommand(PageCacheTestCase):
    def test_purges_every_school_or_one(self):
        self.fill(["/"], HOST_A)
        self.fill(["/"], HOST_B)
        out = io.StringIO()
        call_command("purge_page_cache", "--dry-run", stdout=out)
        self.assertIn(HOST_A, out.getvalue())
        self.assert_hits(["/"], HOST_A)
        with self.change():
            call_command("purge_page_cache", "--school", HOST_B, stdout=io.StringIO())
        self.assert_hits(["/"], HOST_A)
        self.assert_misses(["/"], HOST_B)
        with self.change():
            call_command("purge_page_cache", stdout=io.StringIO())
        self.assert_misses(["/"], HOST_A)

    def test_unknown_school(self):
        with self.assertRaises(CommandError):
            call_command("purge_page_cache", "--school", "khong-co.example.vn")

    def test_a_purge_changes_the_generation(self):
        before, _, _ = store.lookup(self.a.pk, "x")
        with self.change():
            call_command("purge_page_cache", "--school", HOST_A, stdout=io.StringIO())
        after, _, _ = store.lookup(self.a.pk, "x")
        self.assertNotEqual(before.token, after.token)
