"""The index follows the content: pages published, unpublished, moved, deleted, made private;
documents, resources, staff and work weeks saved or deleted; the commands that rebuild it; and the
database indexes the queries use (EXPLAIN)."""

from __future__ import annotations

import datetime
import io

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

import vntext
from news.factories import ArticlePageFactory
from official_docs.factories import OfficialDocumentFactory
from people.factories import StaffMemberFactory, unit
from resources.factories import ResourceFactory
from schedules.factories import WorkEntryFactory, WorkWeekFactory
from schedules.services import publish_week
from schools.factories import SchoolFactory, make_staff
from search import indexing, selectors
from search.backends.base import Filters
from search.backends.database import database_backend
from search.models import SearchEntry

from .corpus import section

HOST = "anphu.example.vn"


def entries(**filters) -> list[SearchEntry]:
    return list(SearchEntry.objects.filter(**filters).order_by("part"))


class IndexingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory(name="Trường THCS An Phú", hostname=HOST, is_default=True)
        cls.head = make_staff(cls.school, "head")
        cls.news = section(cls.school, "tin-tuc")

    def found(self, text: str, *, staff: bool = False) -> list[str]:
        """Titles of the results that have every word of ``text``."""
        results = selectors.search(school=self.school, text=text, staff=staff)
        return [] if results.some_words_only else [hit.title for hit in results.hits]

    def test_a_new_school_has_its_sections_indexed(self):
        sections = entries(school=self.school, kind="section")
        self.assertGreater(len(sections), 20)
        tkb = next(e for e in sections if e.title == "Thời khóa biểu")
        self.assertEqual(tkb.url, "/hoat-dong-chuyen-mon/thoi-khoa-bieu/")
        self.assertEqual(tkb.section_title, "Hoạt động chuyên môn")
        self.assertEqual((tkb.title_exact, tkb.title_folded), ("thời khóa biểu", "thoi khoa bieu"))

    def test_publish_unpublish_and_delete_a_page(self):
        page = ArticlePageFactory(parent=self.news, title="Hội khỏe Phù Đổng", live=False)
        self.assertEqual(self.found("phu dong"), [])
        page.save_revision().publish()
        self.assertEqual(self.found("phu dong"), ["Hội khỏe Phù Đổng"])
        page.title = "Hội khỏe Phù Đổng cấp trường"
        page.save_revision()  # a draft: readers still see the published title
        self.assertEqual(self.found("phu dong"), ["Hội khỏe Phù Đổng"])
        page.refresh_from_db()
        page.get_latest_revision().publish()
        self.assertEqual(self.found("phu dong"), ["Hội khỏe Phù Đổng cấp trường"])
        page.refresh_from_db()
        page.unpublish()
        self.assertEqual(self.found("phu dong"), [])
        page.save_revision().publish()
        page.delete()
        self.assertEqual(self.found("phu dong"), [])
        self.assertFalse(SearchEntry.objects.filter(source="wagtailcore.page", object_id=page.pk))

    def test_moved_page_gets_its_new_section_and_address(self):
        page = ArticlePageFactory(parent=self.news, title="Ngày hội đọc sách")
        page.move(section(self.school, "thong-bao"), pos="last-child")
        entry = SearchEntry.objects.get(source="wagtailcore.page", object_id=page.pk)
        self.assertEqual(entry.section_title, "Thông báo")
        self.assertEqual(entry.url, "/tin-tuc-su-kien/thong-bao/ngay-hoi-doc-sach/")

    def test_a_private_section_leaves_the_index_and_comes_back(self):
        ArticlePageFactory(parent=self.news, title="Ngày hội đọc sách")
        restriction = PageViewRestriction.objects.create(
            page=self.news, restriction_type=PageViewRestriction.LOGIN
        )
        self.assertEqual(self.found("ngày hội đọc sách"), [])
        restriction.delete()
        self.assertEqual(self.found("ngày hội đọc sách"), ["Ngày hội đọc sách"])

    def test_renamed_section_renews_what_is_filed_under_it(self):
        page = ArticlePageFactory(parent=self.news, title="Ngày hội đọc sách")
        to_toan = unit(self.school, "to-toan")
        member = StaffMemberFactory(school=self.school, full_name="Lê Văn Tâm", units=[to_toan])
        self.news.title = "Tin hoạt động"
        self.news.save_revision().publish()
        self.assertEqual(
            SearchEntry.objects.get(source="wagtailcore.page", object_id=page.pk).section_title,
            "Tin hoạt động",
        )
        to_toan.title = "Tổ Toán - Tin"
        to_toan.save_revision().publish()
        entry = SearchEntry.objects.get(source="people.staffmember", object_id=member.pk)
        self.assertIn("Tổ Toán - Tin", entry.body)

    def test_documents_follow_their_visibility(self):
        document = OfficialDocumentFactory(
            school=self.school, number="12/KH-THCS", summary="Kế hoạch bồi dưỡng"
        )
        self.assertEqual(
            entries(object_id=document.pk, source="official_docs.officialdocument")[0].visibility,
            "public",
        )
        document.is_public = False
        document.save()
        self.assertEqual(self.found("bồi dưỡng"), [])
        self.assertEqual(self.found("bồi dưỡng", staff=True), ["Kế hoạch 12/KH-THCS"])
        document.is_public, document.published_at = True, None
        document.save()
        self.assertEqual(self.found("bồi dưỡng", staff=True), [])
        document.delete()
        self.assertFalse(SearchEntry.objects.filter(source="official_docs.officialdocument"))

    def test_renamed_document_type_renews_the_titles(self):
        document = OfficialDocumentFactory(school=self.school, number="12/KH-THCS")
        kind = document.document_type
        kind.name = "Kế hoạch công tác"
        kind.save()
        self.assertEqual(self.found("12/KH-THCS"), ["Kế hoạch công tác 12/KH-THCS"])

    def test_resources(self):
        resource = ResourceFactory(school=self.school, title="Đề thi học sinh giỏi Toán 9")
        self.assertEqual(self.found("de thi hsg"), [])  # words, not abbreviations
        self.assertEqual(self.found("de thi hoc sinh gioi"), ["Đề thi học sinh giỏi Toán 9"])
        resource.is_staff_only = True
        resource.save()
        self.assertEqual(self.found("de thi hoc sinh gioi"), [])
        resource.delete()
        self.assertEqual(self.found("de thi hoc sinh gioi", staff=True), [])

    def test_staff_members_public_fields_only(self):
        member = StaffMemberFactory(
            school=self.school, full_name="Nguyễn Thị Hoa", positions="Tổ trưởng",
            official_email="hoa.nt@anphu.edu.vn", phone="0912 345 678", email_is_public=True,
            units=[unit(self.school, "to-van")],
        )  # fmt: skip
        entry = SearchEntry.objects.get(source="people.staffmember", object_id=member.pk)
        self.assertEqual(entry.title, "Nguyễn Thị Hoa")
        self.assertEqual(entry.section_title, "Tổ Văn")
        self.assertTrue(entry.url.startswith("/can-bo/?don_vi="))
        for private in ("hoa.nt", "0912", "345"):
            self.assertNotIn(private, entry.body + entry.body_exact + entry.title_exact)
        member.units.set([unit(self.school, "to-toan")])
        member.save()  # a ClusterableModel writes its units on save (m2m_changed)
        entry = SearchEntry.objects.get(source="people.staffmember", object_id=member.pk)
        self.assertEqual(entry.section_title, "Tổ Toán")
        member.is_active = False
        member.save()
        self.assertEqual(self.found("Nguyễn Thị Hoa"), [])

    def test_work_weeks_as_published(self):
        monday = datetime.date(2025, 9, 8)
        week = WorkWeekFactory(school=self.school, week_start=monday)
        WorkEntryFactory(week=week, date=monday, content="Kiểm tra nề nếp đầu năm")
        self.assertEqual(self.found("nề nếp"), [])  # not published yet
        publish_week(week=week, actor=self.head)
        [entry] = entries(source="schedules.workweek", object_id=week.pk)
        self.assertEqual(entry.kind, "calendar")
        self.assertEqual(entry.date, monday)
        self.assertEqual(entry.url, "/lich-cong-tac/2025-09-08/")
        WorkEntryFactory(week=week, date=monday, content="Kiểm tra nề nếp giữa tuần")
        self.assertEqual(self.found("nề nếp"), ["Kiểm tra nề nếp đầu năm"])
        publish_week(week=week, actor=self.head)
        self.assertEqual(len(self.found("nề nếp")), 2)
        week.delete()
        self.assertEqual(self.found("nề nếp"), [])

    def test_words_are_remembered_for_typing_mistakes(self):
        from search.backends.base import known_typo_words, typo_variants
        from search.models import SearchTerm

        ArticlePageFactory(parent=self.news, title="Hội khỏe Phù Đổng")
        self.assertTrue(SearchTerm.objects.filter(term="khoe").exists())
        self.assertIn("khoe", typo_variants(vntext.parse_query("khooe")))
        self.assertEqual(known_typo_words(vntext.parse_query("khooe")), ["khoe"])
        self.assertEqual(self.found("hoi khooe phu dong"), [])  # not every word...
        results = selectors.search(school=self.school, text="hoi khooe phu dong")
        self.assertEqual(results.hits[0].title, "Hội khỏe Phù Đổng")  # ...but found first

    def test_rebuild_command_shows_progress(self):
        SearchEntry.objects.filter(school=self.school).delete()
        out = io.StringIO()
        call_command("rebuild_search_index", "--school", HOST, stdout=out)
        text = out.getvalue()
        self.assertIn(f"{HOST} [", text)
        self.assertIn("100%", text)
        self.assertIn("Search index rebuilt", text)
        self.assertGreater(SearchEntry.objects.filter(school=self.school).count(), 20)
        dry = io.StringIO()
        call_command("rebuild_search_index", "--dry-run", stdout=dry)
        self.assertIn("objects to index", dry.getvalue())
        with self.assertRaises(CommandError):
            call_command("rebuild_search_index", "--school", "nowhere.example.vn")

    def test_update_index_shows_progress_bars(self):
        out = io.StringIO()
        call_command("update_index", stdout=out)
        text = out.getvalue()
        self.assertIn("100%", text)
        self.assertIn("Site search:", text)
        self.assertIn("Search index rebuilt", text)

    def test_rebuild_keeps_the_same_entries(self):
        ArticlePageFactory(parent=self.news, title="Ngày hội đọc sách")
        before = sorted(
            SearchEntry.objects.values_list(
                "source", "object_id", "part", "title", "url", "body_folded"
            )
        )
        indexing.rebuild_school(self.school)
        after = sorted(
            SearchEntry.objects.values_list(
                "source", "object_id", "part", "title", "url", "body_folded"
            )
        )
        self.assertEqual(before, after)

    def test_queries_use_the_full_text_indexes(self):
        """EXPLAIN of the candidates query: the FTS5 index on SQLite, the GIN index on
        PostgreSQL."""
        backend = database_backend()
        with CaptureQueriesContext(connection) as queries:
            backend.candidates(
                school_id=self.school.pk, visibilities=("public",),
                query=vntext.parse_query("tuyen sinh lop"), filters=Filters(),
                order="relevance", mode="any",
            )  # fmt: skip
        sql = queries.captured_queries[-1]["sql"]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # A test database is tiny: forbid the sequential scan the planner would prefer.
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                self.assertIn("Bitmap Index Scan on site_search_entry_vector", plan)
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
                plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
                self.assertIn("SCAN site_search_fts VIRTUAL TABLE INDEX", plan)
                self.assertIn("SEARCH e USING INTEGER PRIMARY KEY", plan)
