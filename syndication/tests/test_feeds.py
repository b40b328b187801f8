import datetime
import email.utils
import re
from urllib.parse import urlsplit

import feedparser
from defusedxml import ElementTree as ET
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction

from galleries.factories import AlbumPageFactory, add_photos, make_photo
from news.factories import ArticlePageFactory
from sections.factories import SectionPageFactory, StandardPageFactory
from syndication.selectors import FEED_SIZE, SHARE_IMAGE_SPEC

from .helpers import HOST_A, HOST_B, SchoolsTestCase, path_of, publish_at

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 822 as RFC 2822/5322 write it, with a four-digit year and a numeric zone.
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
TAG_URI = re.compile(r"^tag:[a-z0-9.-]+,\d{4}-\d{2}-\d{2}:(article|album)-\d+$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


class FeedTestCase(SchoolsTestCase):
    def feed(self, path, host=HOST_A, **extra):
        response = self.get(path, host, **extra)
        self.assertEqual(response.status_code, 200, path)
        return response

    def parse(self, response):
        parsed = feedparser.parse(response.content)
        self.assertEqual(parsed.bozo, 0, getattr(parsed, "bozo_exception", None))
        return parsed

    def assert_strict_rss(self, response):
        """The rules a strict validator (W3C feedvalidator) checks, on the XML itself."""
        root = ET.fromstring(response.content)
        self.assertEqual(root.tag, "rss")
        self.assertEqual(root.get("version"), "2.0")
        channel = root.find("channel")
        for name in ("title", "link", "description", "language", "lastBuildDate"):
            self.assertTrue(channel.findtext(name), name)
        self.assertEqual(channel.findtext("language"), "vi")
        self.assertRegex(channel.findtext("lastBuildDate"), RFC822)
        self_link = channel.find(f"{ATOM}link")
        self.assertEqual(self_link.get("rel"), "self")
        self.assertEqual(self_link.get("href"), response.wsgi_request.build_absolute_uri())
        guids = []
        for item in channel.findall("item"):
            title = item.findtext("title")
            self.assertTrue(title)
            self.assertTrue(item.findtext("description"), title)
            link = item.findtext("link")
            self.assertEqual(urlsplit(link).netloc, response.wsgi_request.get_host(), title)
            guid = item.find("guid")
            self.assertEqual(guid.get("isPermaLink"), "false", title)
            self.assertRegex(guid.text, TAG_URI)
            guids.append(guid.text)
            pub_date = item.findtext("pubDate")
            self.assertRegex(pub_date, RFC822)
            self.assertIsNotNone(email.utils.parsedate_to_datetime(pub_date).tzinfo)
            for enclosure in item.findall("enclosure"):
                self.assertEqual(enclosure.get("type"), "image/jpeg")
                self.assertGreater(int(enclosure.get("length")), 0)
                self.assertTrue(enclosure.get("url").startswith("http"))
        self.assertEqual(len(guids), len(set(guids)))
        return channel

    def assert_strict_atom(self, response):
        root = ET.fromstring(response.content)
        self.assertEqual(root.tag, f"{ATOM}feed")
        for name in ("id", "title", "updated"):
            self.assertTrue(root.findtext(f"{ATOM}{name}"), name)
        self.assertRegex(root.findtext(f"{ATOM}updated"), RFC3339)
        self.assertTrue(root.find(f"{ATOM}author/{ATOM}name").text)  # entries inherit it
        rels = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        self.assertEqual(rels["self"], response.wsgi_request.build_absolute_uri())
        self.assertIn("alternate", rels)
        ids = []
        for entry in root.findall(f"{ATOM}entry"):
            for name in ("id", "title", "updated", "published", "summary"):
                self.assertTrue(entry.findtext(f"{ATOM}{name}"), name)
            self.assertRegex(entry.findtext(f"{ATOM}updated"), RFC3339)
            self.assertRegex(entry.findtext(f"{ATOM}id"), TAG_URI)
            ids.append(entry.findtext(f"{ATOM}id"))
            alternates = [
                link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"
            ]
            self.assertEqual(len(alternates), 1)
        self.assertEqual(len(ids), len(set(ids)))
        return root


class TestSchoolFeeds(FeedTestCase):
    def test_rss_parses_cleanly_and_lists_the_school_newest_first(self):
        response = self.feed("/rss/")
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        self.assert_strict_rss(response)
        parsed = self.parse(response)
        self.assertEqual(parsed.version, "rss20")
        self.assertEqual(parsed.feed.title, "Trường THCS An Phú")
        self.assertEqual(parsed.feed.language, "vi")
        self.assertEqual(
            [e.title for e in parsed.entries],
            ["Album khai giảng", "Thông báo nghỉ lễ", "Lễ khai giảng năm học 2025 & 2026"],
        )
        for entry in parsed.entries:
            self.assertTrue(entry.link.startswith(f"http://{HOST_A}/"))
            self.assertTrue(entry.id.startswith(f"tag:{HOST_A},"))
            self.assertFalse(entry.guidislink)
            self.assertTrue(entry.published_parsed)
            self.assertTrue(entry.summary)

    def test_atom_parses_cleanly(self):
        response = self.feed("/atom/")
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assert_strict_atom(response)
        parsed = self.parse(response)
        self.assertEqual(parsed.version, "atom10")
        self.assertEqual(len(parsed.entries), 3)
        for entry in parsed.entries:
            self.assertTrue(entry.link.startswith(f"http://{HOST_A}/"))
            self.assertRegex(entry.id, TAG_URI)
            self.assertTrue(entry.published_parsed and entry.updated_parsed)
            self.assertTrue(entry.summary)

    def test_article_item_carries_everything(self):
        parsed = self.parse(self.feed("/rss/"))
        entry = next(e for e in parsed.entries if e.title.startswith("Lễ khai giảng"))
        day = timezone.localdate(self.article.first_published_at).isoformat()
        self.assertEqual(entry.id, f"tag:{HOST_A},{day}:article-{self.article.pk}")
        self.assertEqual(entry.link, f"http://{HOST_A}{path_of(self.article)}")
        self.assertEqual(entry.title, "Lễ khai giảng năm học 2025 & 2026")
        # The summary is HTML in both formats: plain text shows exactly as the editor typed it.
        self.assertEqual(entry.summary, "Sáng 5/9, thầy và trò &lt;dự&gt; lễ khai giảng.")
        self.assertEqual(entry.author, "Nguyễn Văn An")
        self.assertEqual({t.term for t in entry.tags}, {"khai giảng", "năm học mới"})
        published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
        self.assertEqual(published, self.article.first_published_at)
        [enclosure] = entry.enclosures
        rendition = self.article.cover_image.get_rendition(SHARE_IMAGE_SPEC)
        self.assertEqual(enclosure.href, f"http://{HOST_A}{rendition.url}")
        self.assertEqual(enclosure.type, "image/jpeg")
        self.assertEqual(int(enclosure.length), rendition.file.size)
        self.assertTrue(rendition.file.name.endswith(".jpg"))

    def test_album_item_has_its_first_photo_as_enclosure(self):
        parsed = self.parse(self.feed("/atom/"))
        entry = next(e for e in parsed.entries if e.title == "Album khai giảng")
        self.assertIn(f":album-{self.album.pk}", entry.id)
        self.assertEqual(entry.summary, "Ảnh lễ khai giảng.")
        first = self.album.photos.order_by("sort_order").first().image
        [enclosure] = entry.enclosures
        self.assertEqual(
            enclosure.href, f"http://{HOST_A}{first.get_rendition(SHARE_IMAGE_SPEC).url}"
        )

    def test_urls_follow_the_request_scheme_and_host(self):
        parsed = self.parse(self.feed("/rss/", secure=True))
        self.assertTrue(parsed.feed.link.startswith(f"https://{HOST_A}/"))
        for entry in parsed.entries:
            self.assertTrue(entry.link.startswith(f"https://{HOST_A}/"))
            for enclosure in entry.enclosures:
                self.assertTrue(enclosure.href.startswith(f"https://{HOST_A}/media/"))

    def test_each_host_gets_its_own_school_and_nothing_hidden_leaks(self):
        for path in ("/rss/", "/atom/"):
            with self.subTest(path=path):
                a = self.feed(path).content.decode()
                for hidden in self.HIDDEN:
                    self.assertNotIn(hidden, a)
                b = self.parse(self.feed(path, host=HOST_B))
                self.assertEqual([e.title for e in b.entries], ["Tin của Bình Minh"])
                self.assertEqual(b.feed.title, "Trường THCS Bình Minh")

    def test_twenty_items_newest_first(self):
        base = datetime.datetime(2026, 1, 1, 8, 0, tzinfo=timezone.get_current_timezone())
        for n in range(FEED_SIZE + 3):
            page = ArticlePageFactory(parent=self.news, title=f"Tin số {n:02d}")
            publish_at(page, base + datetime.timedelta(hours=n))
        parsed = self.parse(self.feed("/rss/"))
        titles = [e.title for e in parsed.entries]
        self.assertEqual(len(titles), FEED_SIZE)
        self.assertEqual(titles[:2], ["Tin số 22", "Tin số 21"])
        self.assertEqual(titles[-1], "Tin số 03")

    def test_query_count_does_not_grow_with_the_number_of_items(self):
        def count(path):
            self.feed(path)  # first request makes any missing renditions
            with CaptureQueriesContext(connection) as ctx:
                self.feed(path)
            return len(ctx.captured_queries)

        paths = ("/rss/", "/atom/", path_of(self.news) + "rss/", "/the/khai-giang/rss/")
        before = {path: count(path) for path in paths}
        for n in range(8):
            article = ArticlePageFactory(
                parent=self.news,
                title=f"Tin thêm {n}",
                cover_image=make_photo(self.a.collection, f"Ảnh {n}"),
            )
            article.tags.add("khai giảng", f"thẻ {n}")
            article.save_revision().publish()
            add_photos(AlbumPageFactory(parent=self.gallery), self.a.collection, count=2)
        for path in paths:
            with self.subTest(path=path):
                self.assertEqual(count(path), before[path])
                self.assertLessEqual(before[path], 12)


class TestSectionFeeds(FeedTestCase):
    def test_a_section_lists_what_is_below_it(self):
        parsed = self.parse(self.feed(path_of(self.news) + "rss/"))
        self.assertEqual([e.title for e in parsed.entries], ["Lễ khai giảng năm học 2025 & 2026"])
        title = _("%(section)s – %(school)s") % {"section": "Tin tức", "school": self.a.name}
        self.assertEqual(parsed.feed.title, title)
        self.assertEqual(parsed.feed.link, f"http://{HOST_A}{path_of(self.news)}")

    def test_a_parent_section_includes_articles_and_albums_of_its_subsections(self):
        parent = self.news.get_parent()
        response = self.feed(path_of(parent) + "atom/")
        self.assert_strict_atom(response)
        titles = [e.title for e in self.parse(response).entries]
        self.assertEqual(
            titles,
            ["Album khai giảng", "Thông báo nghỉ lễ", "Lễ khai giảng năm học 2025 & 2026"],
        )
        self.assert_strict_rss(self.feed(path_of(parent) + "rss/"))

    def test_unknown_private_or_other_school_sections_give_404(self):
        self.assertEqual(self.get("/khong-co/rss/").status_code, 404)
        only_b = SectionPageFactory(parent=self.b.site.root_page, title="Chỉ Bình Minh")
        self.assertEqual(self.get(f"/{only_b.slug}/rss/", host=HOST_B).status_code, 200)
        self.assertEqual(self.get(f"/{only_b.slug}/rss/").status_code, 404)
        PageViewRestriction.objects.create(page=self.gallery, restriction_type="login")
        self.assertEqual(self.get(path_of(self.gallery) + "rss/").status_code, 404)
        self.assertEqual(self.get(path_of(self.gallery) + "atom/").status_code, 404)

    def test_a_page_whose_slug_is_rss_is_still_served(self):
        about = self.a.site.root_page.get_children().get(slug="gioi-thieu")
        intro = StandardPageFactory(parent=about, title="Tin nhắn", slug="thong-tin")
        page = StandardPageFactory(parent=intro, title="Trang tên rss", slug="rss")
        response = self.get(path_of(page))
        self.assertContains(response, "Trang tên rss")


class TestTagFeeds(FeedTestCase):
    def test_lists_the_schools_articles_with_the_tag(self):
        response = self.feed("/the/khai-giang/rss/")
        self.assert_strict_rss(response)
        parsed = self.parse(response)
        self.assertEqual(
            [e.title for e in parsed.entries],
            ["Thông báo nghỉ lễ", "Lễ khai giảng năm học 2025 & 2026"],
        )
        title = _("Tag “%(tag)s” – %(school)s") % {"tag": "khai giảng", "school": self.a.name}
        self.assertEqual(parsed.feed.title, title)
        self.assertEqual(parsed.feed.link, f"http://{HOST_A}/the/khai-giang/")
        atom = self.feed("/the/khai-giang/atom/")
        self.assert_strict_atom(atom)
        self.assertEqual(len(self.parse(atom).entries), 2)

    def test_unknown_tag_and_another_schools_tag_give_404(self):
        self.assertEqual(self.get("/the/khong-co/rss/").status_code, 404)
        self.assertEqual(self.get("/the/chi-binh-minh/atom/").status_code, 404)
        self.assertEqual(self.get("/the/chi-binh-minh/atom/", host=HOST_B).status_code, 200)

    def test_hidden_articles_never_appear(self):
        body = self.feed("/the/khai-giang/atom/").content.decode()
        for hidden in self.HIDDEN:
            self.assertNotIn(hidden, body)
