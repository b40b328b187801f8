"""Two schools with articles, albums, a draft and a private article, built from factories."""

from __future__ import annotations

import datetime
import shutil
import tempfile
from urllib.parse import urlsplit

from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from galleries.factories import AlbumPageFactory, add_photos, make_photo
from news.factories import ArticlePageFactory
from schools.factories import SchoolFactory

HOST_A = "anphu.example.vn"
HOST_B = "binhminh.example.vn"


def section(school, *slugs):
    page = school.site.root_page
    for slug in slugs:
        page = page.get_children().get(slug=slug)
    return page.specific


def path_of(page) -> str:
    """The page's URL path (``page.url`` is absolute once there are two sites)."""
    return urlsplit(page.url).path


def publish_at(page, when: datetime.datetime):
    """Pretend ``page`` was published at ``when`` (factories publish "now")."""
    type(page).objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    page.first_published_at = page.last_published_at = when


class SchoolsTestCase(TestCase):
    """Images made in ``setUpTestData`` live in one temporary folder for the whole class (the
    project's per-test ``MEDIA_ROOT`` fixture would otherwise hide them from the tests)."""

    @classmethod
    def setUpClass(cls):
        cls.media_root = tempfile.mkdtemp(prefix="syndication-media-")
        cls.addClassCleanup(shutil.rmtree, cls.media_root, ignore_errors=True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=cls.media_root))
        super().setUpClass()

    def setUp(self):
        super().setUp()
        self.enterContext(override_settings(MEDIA_ROOT=self.media_root))

    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        cls.news = section(cls.a, "tin-tuc-su-kien", "tin-tuc")
        cls.announcements = section(cls.a, "tin-tuc-su-kien", "thong-bao")
        cls.gallery = section(cls.a, "tin-tuc-su-kien", "thu-vien-anh")
        cls.start = datetime.datetime(2025, 9, 5, 7, 30, tzinfo=timezone.get_current_timezone())

        cover = make_photo(cls.a.collection, "Lễ khai giảng", size=(1600, 1000))
        cls.article = ArticlePageFactory(
            parent=cls.news,
            title="Lễ khai giảng năm học 2025 & 2026",
            summary="Sáng 5/9, thầy và trò <dự> lễ khai giảng.",
            byline="Nguyễn Văn An",
            cover_image=cover,
            event_start=cls.start,
            event_end=cls.start + datetime.timedelta(hours=3),
            event_location="Sân trường",
        )
        cls.article.tags.add("khai giảng", "năm học mới")
        cls.article.save_revision().publish()
        publish_at(cls.article, cls.start + datetime.timedelta(hours=4))

        cls.notice = ArticlePageFactory(parent=cls.announcements, title="Thông báo nghỉ lễ")
        cls.notice.tags.add("khai giảng")
        cls.notice.save_revision().publish()
        publish_at(cls.notice, cls.start + datetime.timedelta(days=1))

        cls.album = AlbumPageFactory(
            parent=cls.gallery, title="Album khai giảng", intro="<p>Ảnh <b>lễ</b> khai giảng.</p>"
        )
        add_photos(cls.album, cls.a.collection, count=2)
        publish_at(cls.album, cls.start + datetime.timedelta(days=2))

        cls.draft = ArticlePageFactory(parent=cls.news, title="Bản nháp bí mật", live=False)
        cls.private = ArticlePageFactory(parent=cls.news, title="Tin nội bộ")
        cls.private.tags.add("khai giảng")
        cls.private.save_revision().publish()
        PageViewRestriction.objects.create(page=cls.private, restriction_type="login")

        cls.other = ArticlePageFactory(
            parent=section(cls.b, "tin-tuc-su-kien", "tin-tuc"), title="Tin của Bình Minh"
        )
        cls.other.tags.add("khai giảng", "chỉ-bình-minh")
        cls.other.save_revision().publish()

    def get(self, path, host=HOST_A, **extra):
        return self.client.get(path, HTTP_HOST=host, **extra)

    HIDDEN = ("Bản nháp bí mật", "Tin nội bộ", "Tin của Bình Minh")
