"""Exact invalidation: a change refreshes every page of its school that may show it, at once,
and no page of the other school (whose entries stay hits)."""

from __future__ import annotations

import datetime
import io
import time

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from galleries.factories import AlbumPageFactory
from galleries.services import add_photos_to_album
from links.models import Link, LinkCategory
from news.factories import ArticlePageFactory
from official_docs.factories import OfficialDocumentFactory
from pagecache import store
from people.factories import StaffMemberFactory
from resources.factories import ResourceFactory
from schedules.factories import WorkEntryFactory, WorkWeekFactory
from schedules.selectors import this_monday
from schedules.services import publish_week
from timetables.services import create_timetable

from .helpers import (
    ANNOUNCEMENTS,
    HOST_A,
    HOST_B,
    PageCacheTestCase,
    path_of,
    publish,
    section,
)


def jpeg(name="anh.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 240), (200, 40, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


class InvalidationTestCase(PageCacheTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x")
        cls.listing_paths_a = [
            "/",
            path_of(cls.news_a),
            path_of(cls.article_a),
            "/rss/",
            path_of(cls.news_a) + "rss/",
            "/sitemap.xml",
            "/the/khai-giang/",
            "/su-kien/",
        ]
        cls.paths_b = ["/", path_of(cls.news_b), path_of(cls.article_b), "/rss/", "/sitemap.xml"]

    def fill_both(self, paths_a=None):
        self.fill(paths_a or self.listing_paths_a, HOST_A)
        self.fill(self.paths_b, HOST_B)

    def assert_only_a_refreshed(self, paths_a=None):
        self.assert_misses(paths_a or self.listing_paths_a, HOST_A)
        self.assert_hits(self.paths_b, HOST_B)


class TestPages(InvalidationTestCase):
    def test_publishing_shows_the_article_everywhere_at_once_and_only_in_its_school(self):
        self.fill_both()
        with self.change():
            now = timezone.now()
            article = ArticlePageFactory(
                parent=self.news_a,
                title="Lịch thi học kỳ I",
                event_start=now - datetime.timedelta(minutes=1),  # on this month's calendar
                event_end=now + datetime.timedelta(hours=1),
            )
            article.tags.add("khai giảng")
            publish(article)
        committed = time.monotonic()
        self.assert_refreshed("/", shows="Lịch thi học kỳ I")
        self.assertLess(time.monotonic() - committed, 1.0)
        for path in self.listing_paths_a[1:]:
            if path == "/sitemap.xml":
                self.assert_refreshed(path, shows=path_of(article))
            elif path == path_of(self.article_a):
                self.assert_refreshed(path)
            else:
                self.assert_refreshed(path, shows="Lịch thi học kỳ I")
        self.assert_refreshed(path_of(article), shows="Lịch thi học kỳ I")
        self.assert_hits(self.paths_b, HOST_B)
        self.assertNotContains(self.get("/", HOST_B), "Lịch thi học kỳ I")

    def test_editing_a_published_article(self):
        self.fill_both()
        with self.change():
            self.article_a.title = "Lễ khai giảng An Phú (cập nhật)"
            publish(self.article_a)
        self.assert_refreshed(path_of(self.article_a), shows="(cập nhật)")
        self.assert_refreshed(path_of(self.news_a), shows="(cập nhật)")
        self.assert_refreshed("/rss/", shows="(cập nhật)")
        self.assert_hits(self.paths_b, HOST_B)

    def test_a_draft_changes_nothing(self):
        self.fill_both()
        with self.change():
            self.article_a.title = "Bản nháp chưa duyệt"
            self.article_a.save_revision()
        self.assert_hits(self.listing_paths_a)
        self.assertNotContains(self.get(path_of(self.article_a)), "Bản nháp chưa duyệt")

    def test_unpublishing(self):
        self.fill_both()
        with self.change():
            self.article_a.unpublish()
        self.assertCache(self.get(path_of(self.article_a)), "BYPASS", status=404)
        self.assert_refreshed(path_of(self.news_a), hides="Lễ khai giảng An Phú")
        self.assert_refreshed("/", hides="Lễ khai giảng An Phú")
        self.assert_refreshed("/rss/", hides="Lễ khai giảng An Phú")
        # The tag has no article of this school left: its page is a 404, never kept.
        self.assert_refreshed("/the/khai-giang/", hides="Lễ khai giảng An Phú", status=404)
        self.assert_hits(self.paths_b, HOST_B)

    def test_moving(self):
        announcements = section(self.a, *ANNOUNCEMENTS)
        self.fill_both([*self.listing_paths_a, path_of(announcements)])
        old_path = path_of(self.article_a)
        with self.change():
            self.article_a.move(announcements, pos="last-child")
        self.article_a.refresh_from_db()
        # Wagtail leaves a redirect at the old address: not a page, never kept.
        self.assertCache(self.get(old_path), "BYPASS", status=301)
        self.assert_refreshed(path_of(announcements), shows="Lễ khai giảng An Phú")
        self.assert_refreshed(path_of(self.news_a), hides="Lễ khai giảng An Phú")
        self.assert_refreshed(path_of(self.article_a), shows="Lễ khai giảng An Phú")
        self.assert_hits(self.paths_b, HOST_B)

    def test_deleting(self):
        self.fill_both()
        path = path_of(self.article_a)
        with self.change():
            self.article_a.delete()
        self.assertCache(self.get(path), "BYPASS", status=404)
        self.assert_refreshed("/", hides="Lễ khai giảng An Phú")
        self.assert_refreshed("/sitemap.xml", hides=path)
        self.assert_hits(self.paths_b, HOST_B)

    def test_a_view_restriction_hides_the_article_from_listings(self):
        self.fill_both()
        with self.change():
            PageViewRestriction.objects.create(page=self.article_a, restriction_type="login")
        self.assert_refreshed(path_of(self.news_a), hides="Lễ khai giảng An Phú")
        self.assert_hits(self.paths_b, HOST_B)

    def test_album_photos_show_when_the_album_is_published_not_before(self):
        gallery = section(self.a, "tin-tuc-su-kien", "thu-vien-anh")
        with self.change():
            album = AlbumPageFactory(parent=gallery, title="Album hội khỏe Phù Đổng")
            publish(album)
        self.fill_both([path_of(album), path_of(gallery)])
        with self.change():
            result = add_photos_to_album(
                album=album, files=[jpeg()], actor=self.admin, captions=["Chạy tiếp sức khối 8"]
            )
        self.assert_hits([path_of(album)])  # a draft revision and a new image: nothing public
        with self.change():
            result.revision.publish()
        self.assert_refreshed(path_of(album), shows="Chạy tiếp sức khối 8")
        self.assert_hits(self.paths_b, HOST_B)


class TestSchoolOwnedModels(InvalidationTestCase):
    def test_official_document(self):
        self.fill_both(["/", "/van-ban/", "/van-ban/rss/"])
        self.fill(["/van-ban/"], HOST_B)
        with self.change():
            document = OfficialDocumentFactory(school=self.a, summary="Kế hoạch thi học kỳ I")
        self.assert_refreshed("/van-ban/", shows="Kế hoạch thi học kỳ I")
        self.assert_refreshed("/van-ban/rss/", shows="Kế hoạch thi học kỳ I")
        self.assert_hits(["/van-ban/", *self.paths_b], HOST_B)
        self.fill([f"/van-ban/{document.pk}/"])
        with self.change():
            document.summary = "Kế hoạch thi học kỳ I (sửa đổi)"
            document.save()
        self.assert_refreshed(f"/van-ban/{document.pk}/", shows="(sửa đổi)")
        with self.change():
            document.delete()
        self.assert_refreshed("/van-ban/", hides="Kế hoạch thi học kỳ I")
        self.assert_hits(["/van-ban/"], HOST_B)

    def test_resource(self):
        self.fill_both(["/tu-lieu/"])
        with self.change():
            ResourceFactory(school=self.a, title="Đề cương ôn tập Toán 8")
        self.assert_refreshed("/tu-lieu/", shows="Đề cương ôn tập Toán 8")
        self.assert_hits(self.paths_b, HOST_B)

    def test_staff_member(self):
        self.fill_both(["/can-bo/", "/to-chuc/"])
        with self.change():
            StaffMemberFactory(school=self.a, full_name="Võ Thị Hạnh")
        self.assert_refreshed("/can-bo/", shows="Võ Thị Hạnh")
        self.assert_misses(["/to-chuc/"])
        self.assert_hits(self.paths_b, HOST_B)

    def test_work_week_publication(self):
        with self.change():
            week = WorkWeekFactory(school=self.a, week_start=this_monday())
            WorkEntryFactory(week=week, content="Họp hội đồng coi thi")
        self.fill_both(["/lich-cong-tac/", "/lich-cong-tac/lich.ics"])
        with self.change():
            publish_week(week=week, actor=self.admin)
        self.assert_refreshed("/lich-cong-tac/", shows="Họp hội đồng coi thi")
        self.assert_refreshed("/lich-cong-tac/lich.ics", shows="Họp hội đồng coi thi")
        self.assert_hits(self.paths_b, HOST_B)

    def test_timetable(self):
        self.fill_both(["/thoi-khoa-bieu/"])
        with self.change():
            create_timetable(
                actor=self.admin,
                school=self.a,
                name="Học kỳ I",
                effective_from=timezone.localdate() - datetime.timedelta(days=1),
                is_published=True,
                lessons=[
                    {
                        "class_name": "8A",
                        "weekday": 2,
                        "session": "sang",
                        "period": 1,
                        "subject": "Toán",
                        "teacher": "Nguyễn Văn An",
                    }
                ],
            )
        self.assert_refreshed("/thoi-khoa-bieu/", shows="8A")
        self.assert_hits(self.paths_b, HOST_B)

    def test_links_and_categories(self):
        self.fill_both(["/"])
        with self.change():
            category = LinkCategory.objects.create(school=self.a, name="Ôn thi")
            Link.objects.create(
                school=self.a, category=category, title="Ngân hàng đề thi", url="https://de.vn/"
            )
        self.assert_refreshed("/", shows="Ngân hàng đề thi")
        self.assert_hits(self.paths_b, HOST_B)
        self.assert_hits(["/"])
        with self.change():
            category.name = "Ôn thi học kỳ"
            category.save()
        self.assert_refreshed("/")
        self.assert_hits(self.paths_b, HOST_B)

    def test_the_school_itself(self):
        self.fill_both()
        with self.change():
            self.a.phone = "0255 3 123 456"
            self.a.save()
        self.assert_refreshed("/", shows="0255 3 123 456")
        self.assert_only_a_refreshed([p for p in self.listing_paths_a if p != "/"])

    def test_an_image_of_the_school(self):
        with self.change():
            image = get_image_model().objects.create(
                title="Ảnh cũ", file=jpeg("cu.jpg"), collection=self.a.collection
            )
        self.fill_both()
        with self.change():
            image.title = "Ảnh lễ khai giảng"
            image.save()
        self.assert_only_a_refreshed()

    def test_a_new_upload_changes_nothing(self):
        self.fill_both()
        with self.change():
            get_image_model().objects.create(
                title="Ảnh mới", file=jpeg("moi.jpg"), collection=self.a.collection
            )
        self.assert_hits(self.listing_paths_a)


class TestScheduledChanges(InvalidationTestCase):
    def test_an_answer_key_time_ends_the_generation(self):
        soon = timezone.now() + datetime.timedelta(minutes=5)
        with self.change():
            resource = ResourceFactory(school=self.a, title="Đề kiểm tra giữa kỳ")
            resource.answer_key.save("dap-an.pdf", SimpleUploadedFile("d.pdf", b"%PDF-1.4"))
            resource.answer_key_visible_from = soon
            resource.save()
        self.fill([f"/tu-lieu/{resource.pk}/"])
        generation, _, _ = store.lookup(self.a.pk, "unused")
        self.assertAlmostEqual(generation.until, soon.timestamp(), delta=1)
        # Time passes: the first request after the moment starts a new generation.
        cache = store.cache()
        cache.set(store.generation_key(self.a.pk), (generation.token, time.time() - 1), None)
        self.assertCache(self.get(f"/tu-lieu/{resource.pk}/"), "MISS")

    def test_the_generation_ends_at_local_midnight_at_the_latest(self):
        generation, _, _ = store.lookup(self.b.pk, "unused")
        midnight = store.local_midnight_after(timezone.now())
        self.assertLessEqual(generation.until, midnight.timestamp())
        self.assertEqual(timezone.localtime(midnight).hour, 0)

    def test_stored_pages_expire_with_their_generation(self):
        self.fill(["/"])
        generation, entry, _ = store.lookup(self.a.pk, self.stored_keys()[0].split(":", 2)[2])
        self.assertIsNotNone(entry)
        self.assertGreater(generation.until, time.time())
