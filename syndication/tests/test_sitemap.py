from defusedxml import ElementTree as ET
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from sections.factories import StandardPageFactory

from .helpers import HOST_A, HOST_B, SchoolsTestCase, path_of

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class TestSitemap(SchoolsTestCase):
    def entries(self, host=HOST_A, **extra):
        response = self.get("/sitemap.xml", host, **extra)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/xml")
        root = ET.fromstring(response.content)
        self.assertEqual(root.tag, f"{SITEMAP}urlset")
        return {
            url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
            for url in root.findall(f"{SITEMAP}url")
        }

    def test_lists_the_schools_live_public_pages_with_lastmod(self):
        entries = self.entries()
        home = f"http://{HOST_A}/"
        self.assertIn(home, entries)
        for page in (self.article, self.notice, self.album, self.news):
            self.assertIn(f"http://{HOST_A}{path_of(page)}", entries)
        article = entries[f"http://{HOST_A}{path_of(self.article)}"]
        self.assertEqual(article, timezone.localdate(self.article.last_published_at).isoformat())
        self.assertTrue(all(lastmod for lastmod in entries.values()))
        self.assertTrue(all(loc.startswith(f"http://{HOST_A}/") for loc in entries))

    def test_drafts_private_pages_and_other_schools_never_appear(self):
        restricted_section = StandardPageFactory(
            parent=self.a.site.root_page.get_children().get(slug="gioi-thieu"), title="Nội bộ"
        )
        below = StandardPageFactory(parent=restricted_section, title="Bên dưới trang nội bộ")
        PageViewRestriction.objects.create(
            page=restricted_section, restriction_type="password", password="x"
        )
        body = self.get("/sitemap.xml").content.decode()
        for page in (self.draft, self.private, restricted_section, below):
            self.assertNotIn(path_of(page), body)
        self.assertNotIn(HOST_B, body)
        self.assertNotIn(path_of(self.other), body)
        b = self.entries(host=HOST_B)
        self.assertIn(f"http://{HOST_B}{path_of(self.other)}", b)
        self.assertTrue(all(loc.startswith(f"http://{HOST_B}/") for loc in b))

    def test_https_requests_get_https_locations(self):
        self.assertTrue(all(loc.startswith("https://") for loc in self.entries(secure=True)))

    def test_query_count_does_not_grow_with_the_number_of_pages(self):
        def count():
            with CaptureQueriesContext(connection) as ctx:
                self.entries()
            return len(ctx.captured_queries)

        before = count()
        for _ in range(10):
            StandardPageFactory(parent=self.news)
        self.assertEqual(count(), before)
        self.assertLessEqual(before, 6)


class TestRobots(SchoolsTestCase):
    def test_robots_txt_points_at_the_schools_own_sitemap(self):
        response = self.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("User-agent: *", lines)
        for path in ("/admin/", "/documents/", "/tim-kiem/"):
            self.assertIn(f"Disallow: {path}", lines)
        self.assertIn(f"Sitemap: http://{HOST_A}/sitemap.xml", lines)
        self.assertNotIn("Disallow: /", lines)  # the public site stays open

    def test_each_host_and_scheme_gets_its_own_sitemap_line(self):
        body = self.get("/robots.txt", host=HOST_B, secure=True).content.decode()
        self.assertIn(f"Sitemap: https://{HOST_B}/sitemap.xml", body.splitlines())
        self.assertNotIn(HOST_A, body)
