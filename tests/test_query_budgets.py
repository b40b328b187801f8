"""Query budgets: every public page type costs a fixed number of queries, whatever it shows.

One school is filled twice through the factories and services: first with 3 items of every kind
(articles, announcements, events, albums, pages, documents, resources, staff, links, menu
sections, work-calendar rows, lessons, items in the editorial queue; a showcase article, page,
album, document and resource with 3 tags, attachments, body images, photos, files and related
documents each), then with 15 more. Every page is counted twice each time: with the caches
emptied ("cold": Wagtail's site root paths, renditions and the rest are read from the database)
and right after ("warm"). Both counts must be the same for the small and the large school, and
the cold count must stay within the page's budget (docs/architecture.md, "Query budgets").

``PORTAL_QUERY_BUDGET_REPORT=<file>`` writes the counts measured and the SQL of each page, as
JSON, to find where a page's queries go.
"""

from __future__ import annotations

import datetime
import io
import json
import os
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from galleries.factories import AlbumPageFactory
from galleries.models import AlbumPhoto
from links.models import Link, LinkCategory
from news.factories import ArticlePageFactory
from news.models import ArticleAttachment, ArticlePage
from official_docs.factories import OfficialDocumentFactory
from official_docs.factories import attach_pdf as attach_document_pdf
from official_docs.models import DocumentRelation
from people.factories import StaffMemberFactory, unit
from resources.factories import ResourceFactory
from resources.factories import attach_pdf as attach_resource_pdf
from schedules.factories import WorkEntryFactory, WorkWeekFactory, grant_calendar
from schedules.services import publish_week
from schools.factories import SchoolFactory, make_staff
from sections.factories import SectionPageFactory, StandardPageFactory
from timetables.models import Lesson, Timetable

HOST = "anphu.example.vn"
TAG = "ngoai-khoa"

# The most queries each page may cost with empty caches (the count measured, rounded up to the next multiple of five above it).
BUDGETS = {
    "home": 35,
    "section: news": 30,
    "section: announcements": 30,
    "section: gallery": 30,
    "section: general": 30,
    "article": 35,
    "standard page": 25,
    "album": 30,
    "tag page": 15,
    "events: month": 15,
    "events: list": 15,
    "events: iCal": 10,
    "documents: list": 20,
    "documents: detail": 15,
    "documents: RSS": 5,
    "resources: list": 20,
    "resources: detail": 15,
    "staff directory": 15,
    "organisation chart": 15,
    "editorial board": 15,
    "unit page": 35,
    "work calendar: week": 15,
    "work calendar: print": 5,
    "work calendar: iCal": 5,
    "timetable: class": 15,
    "timetable: teacher": 15,
    "links page": 25,
    "RSS": 15,
    "Atom": 15,
    "section RSS": 15,
    "tag RSS": 15,
    "sitemap.xml": 10,
    "site map page": 15,
    "search": 15,
    "reader submission form": 15,
    "admin queue: secretary": 50,
    "admin queue: head": 50,
}


def small_image(title: str, collection):
    buffer = io.BytesIO()
    PILImage.new("RGB", (160, 120), (30, 120, 60)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ContentFile(buffer.getvalue(), name="anh.jpg"), collection=collection
    )


def wagtail_document(title: str, collection):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n", name="tep.pdf"), collection=collection
    )


@dataclass(frozen=True)
class Count:
    cold: int
    warm: int


class TestQueryBudgets(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory(name="Trường THCS An Phú", hostname=HOST, is_default=True)
        cls.secretary = make_staff(cls.school, "secretary", username="thuky")
        cls.head = make_staff(cls.school, "head", username="truongban")
        cls.author = make_staff(cls.school, "contributor", username="tacgia")
        grant_calendar(cls.secretary)
        root = cls.school.site.root_page
        tin_tuc_su_kien = root.get_children().get(slug="tin-tuc-su-kien")
        cls.news = tin_tuc_su_kien.get_children().get(slug="tin-tuc").specific
        cls.announcements = tin_tuc_su_kien.get_children().get(slug="thong-bao").specific
        cls.gallery = tin_tuc_su_kien.get_children().get(slug="thu-vien-anh").specific
        cls.general = root.get_children().get(slug="gioi-thieu").specific
        cls.toan = unit(cls.school, "to-toan")
        cls.bgh = unit(cls.school, "ban-giam-hieu")
        cls.category = LinkCategory.objects.create(school=cls.school, name="Cơ quan", sort_order=0)
        today = timezone.localdate()
        cls.monday = today - datetime.timedelta(days=today.weekday())
        cls.week = WorkWeekFactory(school=cls.school, week_start=cls.monday)
        cls.timetable = Timetable.objects.create(
            school=cls.school,
            name="TKB học kỳ I",
            effective_from=today - datetime.timedelta(days=3),
            is_published=True,
        )
        # Events next month: the month view, the list of coming events and the feed show them.
        first = today.replace(day=1)
        cls.event_month = (first + datetime.timedelta(days=32)).replace(day=1)

    # --- data -------------------------------------------------------------------------------

    def image(self, title: str):
        return small_image(title, self.school.collection)

    def populate(self, count: int, label: str) -> dict[str, str]:
        """``count`` more items of every kind, and showcase pages with ``count`` parts each;
        the renditions are made by the worker, as after a real upload. The showcase URLs."""
        with self.captureOnCommitCallbacks(execute=True):
            urls = self._populate(count, label)
        return urls

    def _populate(self, count: int, label: str) -> dict[str, str]:
        school = self.school
        now = timezone.now()
        event_start = timezone.make_aware(
            datetime.datetime.combine(self.event_month, datetime.time(7, 30))
        )
        for n in range(count):
            name = f"{label} {n}"
            SectionPageFactory(parent=self.general, title=f"Mục {name}", show_in_menus=True)
            article = ArticlePageFactory(
                parent=self.news,
                title=f"Hoạt động ngoại khóa {name}",
                cover_image=self.image(f"Bìa {name}"),
                event_start=event_start + datetime.timedelta(days=n % 20, hours=n),
                event_location="Sân trường",
            )
            article.tags.add("Ngoại khóa", f"Chủ đề {name}")
            article.save()
            ArticlePageFactory(
                parent=self.announcements,
                title=f"Thông báo {name}",
                pinned_until=now.date() + datetime.timedelta(days=5),
                is_urgent=n == 0,
            )
            ArticlePageFactory(parent=self.toan, title=f"Tin tổ Toán {name}")
            album = AlbumPageFactory(parent=self.gallery, title=f"Album {name}")
            for position in range(2):
                AlbumPhoto.objects.create(
                    page=album, image=self.image(f"Ảnh {name}"), sort_order=position
                )
            StandardPageFactory(parent=self.general, title=f"Trang {name}")
            document = OfficialDocumentFactory(
                school=school, number=f"{n + 1}/{label}-THCS", unit=self.toan
            )
            attach_document_pdf(document)
            resource = ResourceFactory(school=school, title=f"Giáo án {name}", team=self.toan)
            attach_resource_pdf(resource)
            StaffMemberFactory(
                school=school,
                full_name=f"Nguyễn Văn {name}",
                units=[self.toan, self.bgh],
                is_on_editorial_board=True,
                photo=self.image(f"Cán bộ {name}"),
            )
            Link.objects.create(
                school=school,
                category=self.category if n % 2 else None,
                title=f"Liên kết {name}",
                url=f"https://lien-ket-{n}-{label.lower()}.vn/",
                logo=self.image(f"Logo {name}"),
            )
            WorkEntryFactory(week=self.week, date=self.monday + datetime.timedelta(days=n % 6))
            slot = Lesson.objects.filter(timetable=self.timetable).count()  # a free slot
            Lesson.objects.create(
                timetable=self.timetable, class_name="6A", weekday=2 + slot % 6,
                session=("sang", "chieu")[slot // 6 % 2], period=1 + slot // 12,
                subject=f"Môn {name}", teacher="Thầy An",
            )  # fmt: skip
            self.submit(f"Bài chờ duyệt {name}")
        publish_week(week=self.week, actor=self.secretary)
        return self.showcase(count, label)

    def showcase(self, count: int, label: str) -> dict[str, str]:
        """One article, page, album, document and resource made of ``count`` parts each."""
        school, collection = self.school, self.school.collection
        body = []
        for n in range(count):
            body.append(
                ("image", {"image": self.image(f"Thân {n}"), "alt_text": "", "caption": ""})
            )
            body.append(("document", {"document": wagtail_document(f"Tệp {n}", collection)}))
        article = ArticlePageFactory(
            parent=self.news, title=f"Bài tiêu điểm {label}", cover_image=self.image("Bìa"),
            body=body,
        )  # fmt: skip
        article.tags.add(*(f"Thẻ {label} {n}" for n in range(count)))
        article.save()
        for n in range(count):
            ArticleAttachment.objects.create(
                page=article, document=wagtail_document(f"Đính kèm {n}", collection), sort_order=n
            )
        page = StandardPageFactory(parent=self.general, title=f"Trang tiêu điểm {label}", body=body)
        album = AlbumPageFactory(parent=self.gallery, title=f"Album tiêu điểm {label}")
        for n in range(count):
            AlbumPhoto.objects.create(page=album, image=self.image(f"Ảnh {n}"), sort_order=n)
        document = OfficialDocumentFactory(school=school, number=f"99/{label}-THCS")
        resource = ResourceFactory(school=school, title=f"Đề kiểm tra {label}")
        for n in range(count):
            attach_document_pdf(document, title=f"Phụ lục {n}.pdf")
            attach_resource_pdf(resource, title=f"Phần {n}.pdf")
            DocumentRelation.objects.create(
                document=document,
                target=OfficialDocumentFactory(school=school, number=f"{n + 1}/{label}-QĐ"),
                sort_order=n,
            )
        return {
            "article": article.url,
            "standard page": page.url,
            "album": album.url,
            "documents: detail": f"/van-ban/{document.pk}/",
            "resources: detail": f"/tu-lieu/{resource.pk}/",
        }

    def submit(self, title: str) -> None:
        """An article sent into the school's publishing workflow by its author."""
        article = ArticlePage(title=title, live=False)
        self.news.add_child(instance=article)
        article.save_revision(user=self.author)
        article.get_workflow().start(article, self.author)

    # --- counting -----------------------------------------------------------------------------

    def urls(self, showcase: dict[str, str]) -> dict[str, tuple[str, object]]:
        month = self.event_month
        return {
            "home": ("/", None),
            "section: news": (self.news.url, None),
            "section: announcements": (self.announcements.url, None),
            "section: gallery": (self.gallery.url, None),
            "section: general": (self.general.url, None),
            **{name: (url, None) for name, url in showcase.items()},
            "tag page": (f"/the/{TAG}/", None),
            "events: month": (f"/su-kien/{month.year}/{month.month}/", None),
            "events: list": ("/su-kien/danh-sach/", None),
            "events: iCal": ("/su-kien/lich.ics", None),
            "documents: list": ("/van-ban/", None),
            "documents: RSS": ("/van-ban/rss/", None),
            "resources: list": ("/tu-lieu/", None),
            "staff directory": ("/can-bo/", None),
            "organisation chart": ("/to-chuc/", None),
            "editorial board": ("/can-bo/ban-bien-tap/", None),
            "unit page": (self.toan.url, None),
            "work calendar: week": (f"/lich-cong-tac/{self.monday.isoformat()}/", None),
            "work calendar: print": (f"/lich-cong-tac/{self.monday.isoformat()}/in/", None),
            "work calendar: iCal": ("/lich-cong-tac/lich.ics", None),
            "timetable: class": ("/thoi-khoa-bieu/?lop=6A", None),
            "timetable: teacher": ("/thoi-khoa-bieu/?gv=Thầy An", None),
            "links page": ("/trang-lien-ket/", None),
            "RSS": ("/rss/", None),
            "Atom": ("/atom/", None),
            "section RSS": (f"{self.news.url}rss/", None),
            "tag RSS": (f"/the/{TAG}/rss/", None),
            "sitemap.xml": ("/sitemap.xml", None),
            "site map page": ("/so-do-trang/", None),
            "search": ("/tim-kiem/?q=ngoại khóa", None),
            "reader submission form": ("/gui-bai/", None),
            "admin queue: secretary": ("/admin/cong-viec/", self.secretary),
            "admin queue: head": ("/admin/cong-viec/", self.head),
        }

    def count(self, path: str, user) -> Count:
        if user is None:
            self.client.logout()
        else:
            self.client.force_login(user)
        counts = []
        for clear in (True, False):
            if clear:
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(path, HTTP_HOST=HOST)
            self.assertEqual(response.status_code, 200, path)
            counts.append(len(queries))
            if clear:
                self.sql[path, user] = [query["sql"] for query in queries.captured_queries]
        return Count(*counts)

    def measure(self, showcase) -> dict[str, Count]:
        self.sql = {}
        counts = {
            name: self.count(path, user) for name, (path, user) in self.urls(showcase).items()
        }
        self.sql = {name: self.sql[key] for name, key in self.urls(showcase).items()}
        return counts

    # --- the test -------------------------------------------------------------------------------

    def test_every_page_type_costs_the_same_for_3_and_15_items_within_its_budget(self):
        self.assertEqual(set(self.urls({})) | set(self.showcase_names), set(BUDGETS))
        small = self.measure(self.populate(3, "A"))
        large = self.measure(self.populate(15, "B"))
        self.assertEqual(ArticlePage.objects.live().child_of(self.news).count(), 18 + 2)
        if report := os.environ.get("PORTAL_QUERY_BUDGET_REPORT"):
            with open(report, "w") as out:
                json.dump(
                    {name: {"small": [small[name].cold, small[name].warm],
                            "large": [large[name].cold, large[name].warm],
                            "sql (large, cold)": self.sql[name]} for name in small},
                    out, indent=1, ensure_ascii=False,
                )  # fmt: skip
        for name, budget in BUDGETS.items():
            with self.subTest(page=name):
                self.assertEqual(large[name], small[name])
                self.assertLessEqual(small[name].cold, budget)
                self.assertLessEqual(small[name].warm, small[name].cold)

    showcase_names = ("article", "standard page", "album", "documents: detail", "resources: detail")
