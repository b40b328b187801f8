"""Static files in production: hashed names, Brotli and gzip copies, far-future cache headers.

``collectstatic`` runs into a temporary STATIC_ROOT with the production storage (WhiteNoise's
``CompressedManifestStaticFilesStorage``); WhiteNoise's middleware then serves the result the
way gunicorn does when no proxy serves ``/static/`` itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory, SimpleTestCase, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
FOREVER = "max-age=315360000, public, immutable"


def test_production_uses_the_compressed_manifest_storage():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "school_site.settings.production",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "truong.edu.vn",
        "DATABASE_URL": "sqlite:////tmp/portal-static-check.sqlite3",
    }
    code = "import django; django.setup(); from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == PRODUCTION_STORAGE, result.stderr


class TestCollectedStaticFiles(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root = Path(tempfile.mkdtemp(prefix="portal-static-"))
        cls.settings = override_settings(
            STATIC_ROOT=cls.root,
            STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}},
            # Our own files only: Wagtail's admin files are handled the same way, only slower.
            STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
            DEBUG=False,
        )
        cls.settings.enable()
        call_command("collectstatic", interactive=False, verbosity=0)
        cls.whitenoise = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))

    @classmethod
    def tearDownClass(cls):
        cls.settings.disable()
        shutil.rmtree(cls.root, ignore_errors=True)
        super().tearDownClass()

    def get(self, path: str, encodings: str = ""):
        request = RequestFactory().get(path, HTTP_ACCEPT_ENCODING=encodings)
        return self.whitenoise(request)

    def hashed_url(self, name: str) -> str:
        url = staticfiles_storage.url(name)
        stem, ext = os.path.splitext(name)
        self.assertRegex(url, rf"^/static/{re.escape(stem)}\.[0-9a-f]{{12}}{re.escape(ext)}$")
        return url

    def test_templates_link_the_hashed_names(self):
        html = Template("{% load static %}{% static 'css/site.css' %} {% static 'js/site.js' %}")
        css, js = html.render(Context()).split()
        self.assertEqual(css, self.hashed_url("css/site.css"))
        self.assertEqual(js, self.hashed_url("js/site.js"))

    def test_brotli_and_gzip_copies_are_written_for_text_files(self):
        for name in ("css/site.css", "js/site.js", "img/logo.svg"):
            hashed = self.root / self.hashed_url(name).removeprefix("/static/")
            with self.subTest(name=name):
                self.assertTrue(hashed.exists())
                self.assertTrue(Path(f"{hashed}.br").exists())
                self.assertTrue(Path(f"{hashed}.gz").exists())
                self.assertLess(Path(f"{hashed}.br").stat().st_size, hashed.stat().st_size)
        fonts = list((self.root / "fonts").rglob("*.woff2"))
        self.assertTrue(fonts)
        self.assertFalse([f for f in fonts if Path(f"{f}.br").exists()])  # already compressed

    def test_hashed_files_are_served_compressed_and_cached_for_ever(self):
        url = self.hashed_url("css/site.css")
        brotli = self.get(url, "gzip, deflate, br")
        self.assertEqual(brotli.status_code, 200)
        self.assertEqual(brotli["Content-Encoding"], "br")
        self.assertEqual(brotli["Cache-Control"], FOREVER)
        self.assertIn("Accept-Encoding", brotli["Vary"])
        self.assertTrue(brotli["Content-Type"].startswith("text/css"))
        gzip = self.get(url, "gzip")
        self.assertEqual(gzip["Content-Encoding"], "gzip")
        self.assertEqual(gzip["Cache-Control"], FOREVER)
        plain = self.get(url)
        self.assertFalse(plain.has_header("Content-Encoding"))
        self.assertLess(int(brotli["Content-Length"]), int(plain["Content-Length"]))

    def test_unhashed_names_are_cached_briefly_only(self):
        response = self.get("/static/css/site.css", "br")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("immutable", response["Cache-Control"])
        self.assertRegex(response["Cache-Control"], r"max-age=60\b")
