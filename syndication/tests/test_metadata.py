import json
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from galleries.models import AlbumPage
from news.factories import ArticlePageFactory
from news.models import ArticlePage
from schools.selectors import get_school_for_site
from syndication.selectors import SHARE_IMAGE_SPEC

from .helpers import HOST_A, HOST_B, SchoolsTestCase, path_of


class HeadParser(HTMLParser):
    """Collects <meta>, <link> and JSON-LD scripts of a page."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.json_ld: list[dict] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def one(self, key):
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]

    def graph(self) -> dict[str, dict]:
        [data] = self.json_ld
        assert data["@context"] == "https://schema.org"
        return {node["@type"]: node for node in data["@graph"]}

    def feeds(self) -> dict[str, str]:
        return {
            link["href"]: link["type"]
            for link in self.links
            if link.get("rel") == "alternate" and "xml" in link.get("type", "")
        }


def parse_head(html: str) -> HeadParser:
    parser = HeadParser()
    parser.feed(html)
    return parser


class MetadataTestCase(SchoolsTestCase):
    def request(self, page, host=HOST_A):
        request = RequestFactory().get(path_of(page), HTTP_HOST=host)
        request.school = get_school_for_site(Site.find_for_request(request))
        return request

    def render(self, template, page, host=HOST_A):
        request = self.request(page, host)
        return render_to_string(template, {"page": page, "request": request}, request=request)


class TestArticleMetadata(MetadataTestCase):
    def test_article_page_has_every_kind_of_metadata(self):
        response = self.get(path_of(self.article))
        self.assertEqual(response.status_code, 200)
        head = parse_head(response.content.decode())
        url = f"http://{HOST_A}{path_of(self.article)}"
        title = "Lễ khai giảng năm học 2025 & 2026"
        summary = "Sáng 5/9, thầy và trò <dự> lễ khai giảng."
        self.assertIn({"rel": "canonical", "href": url}, head.links)
        self.assertEqual(head.one("description"), summary)
        self.assertEqual(head.one("og:type"), "article")
        self.assertEqual(head.one("og:title"), title)
        self.assertEqual(head.one("og:description"), summary)
        self.assertEqual(head.one("og:url"), url)
        self.assertEqual(head.one("og:site_name"), "Trường THCS An Phú")
        self.assertEqual(head.one("og:locale"), "vi_VN")
        rendition = self.article.cover_image.get_rendition(SHARE_IMAGE_SPEC)
        self.assertEqual(head.one("og:image"), f"http://{HOST_A}{rendition.url}")
        self.assertEqual((head.one("og:image:width"), head.one("og:image:height")), ("1200", "630"))
        published = timezone.localtime(self.article.first_published_at).isoformat()
        self.assertEqual(head.one("article:published_time"), published)
        self.assertEqual(head.one("article:modified_time"), published)
        self.assertEqual(sorted(head.meta["article:tag"]), ["khai giảng", "năm học mới"])
        self.assertEqual(head.one("twitter:card"), "summary_large_image")
        self.assertEqual(head.one("twitter:image"), head.one("og:image"))
        # Dublin Core
        self.assertEqual(head.one("DC.title"), title)
        self.assertEqual(head.one("DC.creator"), "Nguyễn Văn An")
        self.assertEqual(head.one("DC.date"), "2025-09-05")
        self.assertEqual(head.one("DC.language"), "vi")
        self.assertEqual(head.one("DC.publisher"), "Trường THCS An Phú")
        self.assertEqual(sorted(head.meta["DC.subject"]), ["khai giảng", "năm học mới"])
        # Only the school's feeds on an article
        self.assertEqual(
            head.feeds(),
            {
                f"http://{HOST_A}/rss/": "application/rss+xml",
                f"http://{HOST_A}/atom/": "application/atom+xml",
            },
        )

    def test_article_json_ld_news_article_event_and_breadcrumbs(self):
        head = parse_head(self.get(path_of(self.article)).content.decode())
        graph = head.graph()
        article = graph["NewsArticle"]
        self.assertEqual(article["headline"], "Lễ khai giảng năm học 2025 & 2026")
        self.assertEqual(
            article["datePublished"],
            timezone.localtime(self.article.first_published_at).isoformat(),
        )
        self.assertTrue(article["dateModified"])
        self.assertEqual(article["image"], [head.one("og:image")])
        self.assertEqual(article["author"], [{"@type": "Person", "name": "Nguyễn Văn An"}])
        self.assertEqual(article["publisher"]["name"], "Trường THCS An Phú")
        event = graph["Event"]
        self.assertEqual(event["startDate"], "2025-09-05T07:30:00+07:00")
        self.assertEqual(event["endDate"], "2025-09-05T10:30:00+07:00")
        self.assertEqual(event["location"]["name"], "Sân trường")
        crumbs = graph["BreadcrumbList"]["itemListElement"]
        self.assertEqual([c["position"] for c in crumbs], [1, 2, 3, 4])
        self.assertEqual(crumbs[0]["item"], f"http://{HOST_A}/")
        self.assertEqual(crumbs[-1]["item"], f"http://{HOST_A}{path_of(self.article)}")

    def test_json_ld_cannot_be_broken_out_of(self):
        nasty = ArticlePageFactory(
            parent=self.news, title="</script><script>alert(1)</script>", summary="a & <b>", body=[]
        )
        html = self.get(path_of(nasty)).content.decode()
        self.assertNotIn("<script>alert(1)", html)
        graph = parse_head(html).graph()
        self.assertEqual(graph["NewsArticle"]["headline"], "</script><script>alert(1)</script>")

    def test_article_without_cover_uses_the_school_logo_or_nothing(self):
        head = parse_head(self.get(path_of(self.notice)).content.decode())
        self.assertNotIn("og:image", head.meta)
        self.assertEqual(head.one("twitter:card"), "summary")
        graph = head.graph()
        self.assertNotIn("Event", graph)
        author = graph["NewsArticle"]["author"][0]
        self.assertEqual(author["@type"], "EducationalOrganization")

    def test_https_request_gives_https_urls(self):
        head = parse_head(self.get(path_of(self.article), secure=True).content.decode())
        self.assertTrue(head.one("og:url").startswith(f"https://{HOST_A}/"))
        self.assertTrue(head.one("og:image").startswith(f"https://{HOST_A}/media/"))

    def test_metadata_costs_a_small_constant_number_of_queries(self):
        def count(pk):
            page = ArticlePage.objects.get(pk=pk)
            request = self.request(page)
            context = {"page": page, "request": request}
            render_to_string("components/meta.html", context, request=request)  # renditions
            page = ArticlePage.objects.get(pk=pk)
            with CaptureQueriesContext(connection) as ctx:
                render_to_string("components/meta.html", context | {"page": page}, request=request)
            return len(ctx.captured_queries)

        first = count(self.article.pk)
        many_tags = ArticlePageFactory(parent=self.news, cover_image=self.article.cover_image)
        many_tags.tags.add(*(f"thẻ {n}" for n in range(15)))
        many_tags.save_revision().publish()
        self.assertEqual(count(many_tags.pk), first)
        # tags, cover image, its rendition, ancestors (the school's root page is cached)
        self.assertLessEqual(first, 4)

    def test_unsaved_page_in_preview_renders(self):
        draft = ArticlePage(title="Bài đang soạn", summary="Xem trước", slug="bai-dang-soan")
        draft.depth = self.news.depth + 1
        draft.path = self.news._get_path(self.news.path, draft.depth, 99)
        draft.set_url_path(self.news)
        request = RequestFactory().get("/admin/pages/preview/", HTTP_HOST=HOST_A)
        request.school = get_school_for_site(Site.find_for_request(request))
        request.is_preview = True
        html = render_to_string("components/meta.html", {"page": draft}, request=request)
        head = parse_head(html)
        self.assertEqual(head.one("og:title"), "Bài đang soạn")
        self.assertIn("BreadcrumbList", head.graph())


class TestOtherPagesMetadata(MetadataTestCase):
    def test_home_page_describes_the_school(self):
        self.a.address = "Thôn An Phú, xã Tịnh Sơn"
        self.a.phone = "0255 3 123 456"
        self.a.email = "c2anphu@example.vn"
        self.a.save()
        head = parse_head(self.get("/").content.decode())
        self.assertEqual(head.one("og:type"), "website")
        self.assertEqual(head.one("og:url"), f"http://{HOST_A}/")
        self.assertNotIn("article:published_time", head.meta)
        graph = head.graph()
        self.assertNotIn("BreadcrumbList", graph)
        school = graph["EducationalOrganization"]
        self.assertEqual(school["name"], "Trường THCS An Phú")
        self.assertEqual(school["url"], f"http://{HOST_A}/")
        self.assertEqual(school["address"], "Thôn An Phú, xã Tịnh Sơn")
        self.assertEqual(school["telephone"], "0255 3 123 456")
        self.assertEqual(school["email"], "c2anphu@example.vn")

    def test_school_logo_is_the_fallback_image(self):
        from galleries.factories import make_photo

        self.a.logo = make_photo(self.a.collection, "Logo", size=(400, 400))
        self.a.save()
        head = parse_head(self.get("/").content.decode())
        self.assertTrue(head.one("og:image").startswith(f"http://{HOST_A}/media/images/logo"))
        self.assertEqual((head.one("og:image:width"), head.one("og:image:height")), ("400", "400"))
        self.assertIn("logo", head.graph()["EducationalOrganization"])

    def test_album_page_metadata(self):
        album = AlbumPage.objects.get(pk=self.album.pk)
        response = self.get(path_of(album))
        self.assertEqual(response.status_code, 200)
        head = parse_head(response.content.decode())
        self.assertEqual(head.one("og:url"), f"http://{HOST_A}{path_of(album)}")
        self.assertEqual(head.one("og:type"), "article")
        self.assertEqual(head.one("og:title"), "Album khai giảng")
        self.assertEqual(head.one("description"), "Ảnh lễ khai giảng.")
        first = album.photos.order_by("sort_order").first().image
        self.assertEqual(
            head.one("og:image"), f"http://{HOST_A}{first.get_rendition(SHARE_IMAGE_SPEC).url}"
        )
        self.assertEqual(head.one("og:image:width"), "640")  # the photo is smaller than 1200
        crumbs = head.graph()["BreadcrumbList"]["itemListElement"]
        self.assertEqual(crumbs[-1]["name"], "Album khai giảng")
        self.assertEqual(len(crumbs), 4)

    def test_section_page_advertises_its_own_feeds(self):
        response = self.get(path_of(self.news))
        feeds = parse_head(response.content.decode()).feeds()
        base = f"http://{HOST_A}{path_of(self.news)}"
        self.assertEqual(feeds[f"{base}rss/"], "application/rss+xml")
        self.assertEqual(feeds[f"{base}atom/"], "application/atom+xml")
        self.assertIn(f"http://{HOST_A}/rss/", feeds)
        for href in feeds:
            self.assertEqual(self.get(urlsplit(href).path).status_code, 200, href)

    def test_another_school_gets_its_own_metadata(self):
        head = parse_head(self.get(path_of(self.other), host=HOST_B).content.decode())
        self.assertEqual(head.one("og:site_name"), "Trường THCS Bình Minh")
        self.assertTrue(head.one("og:url").startswith(f"http://{HOST_B}/"))
        self.assertIn(f"http://{HOST_B}/rss/", head.feeds())


class TestShareLinks(MetadataTestCase):
    def links(self, page):
        html = self.render("components/share.html", page)
        parser = HeadParser()
        anchors = []
        parser.handle_starttag = lambda tag, attrs: anchors.append((tag, dict(attrs)))
        parser.feed(html)
        return html, [a for t, a in anchors if t == "a"], [a for t, a in anchors if t == "button"]

    def test_share_links_carry_the_encoded_absolute_url(self):
        html, anchors, buttons = self.links(self.article)
        url = f"http://{HOST_A}{path_of(self.article)}"
        hrefs = {urlsplit(a["href"]).netloc or "mailto": a for a in anchors}
        facebook = hrefs["www.facebook.com"]
        self.assertEqual(parse_qs(urlsplit(facebook["href"]).query), {"u": [url]})
        self.assertIn("%3A%2F%2F", facebook["href"])  # encoded, not raw
        zalo = hrefs["sp.zalo.me"]
        self.assertEqual(parse_qs(urlsplit(zalo["href"]).query), {"url": [url]})
        x = hrefs["twitter.com"]
        self.assertEqual(
            parse_qs(urlsplit(x["href"]).query),
            {"url": [url], "text": ["Lễ khai giảng năm học 2025 & 2026"]},
        )
        mail = hrefs["mailto"]
        self.assertTrue(mail["href"].startswith("mailto:?subject="))
        self.assertNotIn("+", mail["href"])  # RFC 6068: spaces are %20
        self.assertEqual(parse_qs(urlsplit(mail["href"]).query)["body"], [url])
        for anchor in anchors:
            self.assertTrue(anchor["aria-label"])
            if anchor is not mail:
                self.assertEqual((anchor["target"], anchor["rel"]), ("_blank", "noopener"))
        [copy] = buttons
        self.assertEqual(copy["data-copy-link"], url)
        self.assertIn("hidden", copy)  # shown by site.js only
        self.assertNotIn("<script", html)


def test_meta_renders_without_a_school(db):
    """A host with no school (an empty install) still gets a canonical URL, and no crash."""
    request = RequestFactory().get("/", HTTP_HOST=HOST_B)
    request.school = None
    html = render_to_string("components/meta.html", {}, request=request)
    assert '<link rel="canonical" href="http://binhminh.example.vn/">' in html
