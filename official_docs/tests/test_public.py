"""The public side of the documents registry: list and filters, number search, a document, its
files (download and preview), the staff-only rules, the feed, the unit block, query budgets."""

from __future__ import annotations

import datetime
import re
from urllib.parse import quote

import feedparser
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from official_docs.factories import OfficialDocumentFactory, attach_file, attach_pdf
from official_docs.models import DocumentRelation, DocumentType
from official_docs.selectors import DocumentFilters, list_documents
from schools.factories import SchoolFactory, make_staff

HOST_A = "anphu.example.vn"
HOST_B = "binhminh.example.vn"
TODAY = datetime.date.today()  # noqa: DTZ011 (dates relative to "now" only)


def doc_type(school, name):
    return DocumentType.objects.for_school(school).get(name=name)


def numbers(documents) -> list[str]:
    return [d.number for d in documents]


class PublicDocumentsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        cls.staff_a = make_staff(cls.a, "editor")
        cls.staff_b = make_staff(cls.b, "editor")
        cls.unit = (
            cls.a.site.root_page.get_children().get(slug="co-cau-to-chuc").get_children().first()
        ).specific
        cls.circular = OfficialDocumentFactory(
            school=cls.a,
            number="37/2020/TT-BGDĐT",
            document_type=doc_type(cls.a, "Thông tư"),
            issuer_group="state",
            issuing_body="Bộ Giáo dục và Đào tạo",
            issued_on=datetime.date(2020, 10, 5),
            field="Công nghệ thông tin",
            summary="Quy định về hoạt động của trang thông tin điện tử của cơ sở giáo dục",
        )
        cls.plan = OfficialDocumentFactory(
            school=cls.a,
            number="12/KH-THCS",
            issued_on=datetime.date(2025, 9, 1),
            summary="Kế hoạch năm học 2025-2026",
            unit=cls.unit,
        )
        cls.expired = OfficialDocumentFactory(
            school=cls.a,
            number="05/2019/QĐ-SGDĐT",
            document_type=doc_type(cls.a, "Quyết định"),
            issuer_group="department",
            issuing_body="Sở GD&ĐT Quảng Ngãi",
            issued_on=datetime.date(2019, 3, 1),
            effective_on=datetime.date(2019, 3, 15),
            expires_on=datetime.date(2021, 1, 1),
            field="Tài chính",
            summary="Quy định mức thu học phí",
        )
        cls.internal = OfficialDocumentFactory(
            school=cls.a,
            number="99/BC-THCS",
            document_type=doc_type(cls.a, "Báo cáo"),
            issued_on=datetime.date(2025, 5, 1),
            summary="Báo cáo nội bộ về tài chính",
            is_public=False,
            unit=cls.unit,
        )
        cls.other = OfficialDocumentFactory(
            school=cls.b,
            number="37/2020/TT-BGDĐT",
            document_type=doc_type(cls.b, "Thông tư"),
            issued_on=datetime.date(2020, 10, 5),
            summary="Bản lưu của trường Bình Minh",
        )
        cls.PUBLIC_A = ["12/KH-THCS", "37/2020/TT-BGDĐT", "05/2019/QĐ-SGDĐT"]

    def get(self, path, host=HOST_A, **params):
        return self.client.get(path, params, HTTP_HOST=host)

    def listed(self, response) -> list[str]:
        self.assertEqual(response.status_code, 200)
        return [d.number for d in response.context["page_obj"]]


class TestSelectors(PublicDocumentsTestCase):
    def find(self, user=None, **filters):
        from django.contrib.auth.models import AnonymousUser

        return numbers(
            list_documents(
                school=self.a, user=user or AnonymousUser(), filters=DocumentFilters(**filters)
            )
        )

    def test_visitors_see_the_public_documents_of_the_school_newest_first(self):
        self.assertEqual(self.find(), self.PUBLIC_A)

    def test_staff_of_the_school_also_see_staff_only_documents(self):
        self.assertEqual(
            self.find(self.staff_a),
            ["12/KH-THCS", "99/BC-THCS", "37/2020/TT-BGDĐT", "05/2019/QĐ-SGDĐT"],
        )
        self.assertEqual(self.find(self.staff_b), self.PUBLIC_A)

    def test_each_filter(self):
        self.assertEqual(self.find(issuer_group="state"), ["37/2020/TT-BGDĐT"])
        self.assertEqual(self.find(issuer_group="department"), ["05/2019/QĐ-SGDĐT"])
        self.assertEqual(self.find(type_id=doc_type(self.a, "Kế hoạch").pk), ["12/KH-THCS"])
        self.assertEqual(self.find(type_id=doc_type(self.b, "Thông tư").pk), [])
        self.assertEqual(self.find(year=2020), ["37/2020/TT-BGDĐT"])
        self.assertEqual(self.find(field="Tài chính"), ["05/2019/QĐ-SGDĐT"])
        self.assertEqual(self.find(status="con"), ["12/KH-THCS", "37/2020/TT-BGDĐT"])
        self.assertEqual(self.find(status="het"), ["05/2019/QĐ-SGDĐT"])
        self.assertEqual(self.find(unit_id=self.unit.pk), ["12/KH-THCS"])
        self.assertEqual(
            self.find(self.staff_a, unit_id=self.unit.pk), ["12/KH-THCS", "99/BC-THCS"]
        )
        self.assertEqual(self.find(year=2020, issuer_group="school"), [])

    def test_number_in_full_in_part_and_folded(self):
        for q in ("37/2020/TT-BGDĐT", "37/2020", "TT-BGDĐT", "tt-bgddt", " 37 / 2020 ", "2020/tt"):
            with self.subTest(q=q):
                self.assertEqual(self.find(q=q), ["37/2020/TT-BGDĐT"])
        self.assertEqual(self.find(q="QĐ-SGD"), ["05/2019/QĐ-SGDĐT"])
        self.assertEqual(self.find(q="38/2020"), [])

    def test_words_of_the_summary(self):
        self.assertEqual(self.find(q="học phí"), ["05/2019/QĐ-SGDĐT"])
        self.assertEqual(self.find(q="tài chính"), [])  # only in a staff-only document
        self.assertEqual(self.find(self.staff_a, q="tài chính"), ["99/BC-THCS"])

    def test_expiry_today_counts_as_no_longer_in_force(self):
        self.plan.expires_on = TODAY
        self.plan.save()
        self.assertEqual(self.find(status="het"), ["12/KH-THCS", "05/2019/QĐ-SGDĐT"])


class TestListPage(PublicDocumentsTestCase):
    def test_lists_public_documents_with_count_dates_and_status(self):
        response = self.get("/van-ban/")
        self.assertEqual(self.listed(response), self.PUBLIC_A)
        self.assertContains(response, "05/10/2020")
        self.assertContains(response, "doc-status--in-force", count=2)
        self.assertContains(response, "doc-status--expired", count=1)
        self.assertEqual(response.context["page_obj"].paginator.count, 3)
        self.assertNotContains(response, "99/BC-THCS")
        self.assertNotContains(response, "Bình Minh")
        self.assertContains(
            response, f'href="{reverse("official_docs:detail", args=[self.circular.pk])}"'
        )

    def test_filters_through_the_query_string(self):
        cases = {
            "nhom=state": ["37/2020/TT-BGDĐT"],
            f"loai={doc_type(self.a, 'Quyết định').pk}": ["05/2019/QĐ-SGDĐT"],
            "nam=2025": ["12/KH-THCS"],
            "linh_vuc=Tài chính": ["05/2019/QĐ-SGDĐT"],
            "hieu_luc=het": ["05/2019/QĐ-SGDĐT"],
            "hieu_luc=con": ["12/KH-THCS", "37/2020/TT-BGDĐT"],
            f"don_vi={self.unit.pk}": ["12/KH-THCS"],
            "q=37/2020": ["37/2020/TT-BGDĐT"],
            "q=tt-bgddt": ["37/2020/TT-BGDĐT"],
        }
        for query, expected in cases.items():
            with self.subTest(query=query):
                self.assertEqual(
                    self.listed(self.client.get(f"/van-ban/?{query}", HTTP_HOST=HOST_A)), expected
                )

    def test_unit_filter_names_the_unit(self):
        response = self.get("/van-ban/", don_vi=self.unit.pk)
        self.assertContains(response, self.unit.title)
        self.assertContains(response, f'name="don_vi" value="{self.unit.pk}"')

    def test_bad_values_are_ignored(self):
        bad = [
            "nam=abc", "nam=1890", "loai=x", f"loai={doc_type(self.b, 'Thông tư').pk}", "nhom=<script>",
            "hieu_luc=maybe", "don_vi=-1", "don_vi=abc", "page=zzz", "page=-3", "page=999999",
            "q=%00", "q=" + "9" * 5000, "linh_vuc=Không có", "nam=2020&nam=abc",
        ]  # fmt: skip
        for query in bad:
            with self.subTest(query=query):
                response = self.client.get(f"/van-ban/?{query}", HTTP_HOST=HOST_A)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "<script>", status_code=200)
        self.assertEqual(self.listed(self.get("/van-ban/", nam="abc")), self.PUBLIC_A)
        self.assertEqual(self.listed(self.get("/van-ban/", q="\x00")), self.PUBLIC_A)
        self.assertEqual(self.listed(self.get("/van-ban/", q="9" * 5000)), [])

    def test_twenty_per_page_and_filters_kept_in_page_links(self):
        for n in range(22):
            OfficialDocumentFactory(school=self.a, number=f"{n + 1}/TB-THCS", field="Thi đua")
        first = self.get("/van-ban/", linh_vuc="Thi đua")
        self.assertEqual(len(self.listed(first)), 20)
        self.assertEqual(first.context["page_obj"].paginator.count, 22)
        self.assertContains(first, "linh_vuc=Thi+%C4%91ua&amp;page=2")
        second = self.get("/van-ban/", linh_vuc="Thi đua", page=2)
        self.assertEqual(len(self.listed(second)), 2)

    def test_staff_rules_on_the_list(self):
        self.client.force_login(self.staff_b)
        self.assertNotIn("99/BC-THCS", self.listed(self.get("/van-ban/")))
        self.client.force_login(self.staff_a)
        self.assertIn("99/BC-THCS", self.listed(self.get("/van-ban/")))
        self.assertContains(self.get("/van-ban/"), "doc-status--staff")

    def test_another_host_lists_the_other_school(self):
        self.assertEqual(self.listed(self.get("/van-ban/", host=HOST_B)), ["37/2020/TT-BGDĐT"])

    def test_rss_autodiscovery_link(self):
        self.assertRegex(
            self.get("/van-ban/").content.decode(),
            r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="/van-ban/rss/">',
        )

    def test_query_budget_does_not_grow_with_the_list(self):
        host = "ngansach.example.vn"
        school = SchoolFactory(name="Trường THCS Ngân sách", hostname=host)
        staff = make_staff(school, "secretary")

        def add(count):
            for n in range(count):
                document = OfficialDocumentFactory(school=school, is_public=n % 3 != 0)
                attach_pdf(document)

        def queries(path) -> int:
            with CaptureQueriesContext(connection) as captured:
                response = self.get(path, host=host)
                self.assertEqual(response.status_code, 200)
            return len(captured)

        add(3)
        budgets = {}
        for user in (None, staff):
            if user:
                self.client.force_login(user)
            for path in ("/van-ban/", "/van-ban/rss/"):
                queries(path)  # warms the per-process caches (Wagtail's site root paths)
                budgets[user, path] = queries(path)
        add(12)
        for (user, path), budget in budgets.items():
            with self.subTest(user=user, path=path):
                if user:
                    self.client.force_login(user)
                else:
                    self.client.logout()
                self.assertEqual(queries(path), budget)
                self.assertLessEqual(budget, 20)


class TestDocumentPage(PublicDocumentsTestCase):
    def url(self, document):
        return reverse("official_docs:detail", args=[document.pk])

    def test_shows_the_fields_status_and_files(self):
        attach_pdf(self.expired, title="Quyết định học phí.pdf")
        response = self.get(self.url(self.expired))
        self.assertEqual(response.status_code, 200)
        for text in ("05/2019/QĐ-SGDĐT", "Sở GD&amp;ĐT Quảng Ngãi", "Nguyễn Văn An", "01/03/2019",
                     "15/03/2019", "01/01/2021", "Tài chính", "Quyết định học phí.pdf", "PDF",
                     "doc-status--expired"):  # fmt: skip
            self.assertContains(response, text)

    def test_pdf_preview_is_a_lazy_frame_on_the_preview_url_with_a_download_fallback(self):
        attach_file(self.circular, content=b"PK\x03\x04 docx", kind="docx", title="Phụ lục.docx")
        pdf = attach_pdf(self.circular)
        response = self.get(self.url(self.circular))
        frame = re.search(r"<iframe[^>]*>", response.content.decode()).group(0)
        self.assertIn(f'src="/van-ban/tep/{pdf.pk}/xem/"', frame)
        self.assertIn('loading="lazy"', frame)
        self.assertIn("title=", frame)
        self.assertContains(response, f'href="/van-ban/tep/{pdf.pk}/"', count=2)

    def test_no_preview_without_a_pdf(self):
        attach_file(self.circular, content=b"PK\x03\x04 docx", kind="docx", title="Phụ lục.docx")
        self.assertNotContains(self.get(self.url(self.circular)), "<iframe")

    def test_staff_only_document(self):
        url = self.url(self.internal)
        self.assertEqual(self.get(url).status_code, 404)
        self.client.force_login(self.staff_b)
        self.assertEqual(self.get(url).status_code, 404)
        self.assertEqual(self.get(url, host=HOST_B).status_code, 404)
        self.client.force_login(self.staff_a)
        self.assertContains(self.get(url), "Báo cáo nội bộ")

    def test_another_schools_document_is_not_found_like_a_missing_one(self):
        self.assertEqual(self.get(self.url(self.other)).status_code, 404)
        self.assertEqual(self.get("/van-ban/999999/").status_code, 404)
        self.assertEqual(self.get(self.url(self.other), host=HOST_B).status_code, 200)

    def test_related_documents_only_those_the_viewer_may_see(self):
        self.plan.relations.add(DocumentRelation(kind="guides", target=self.circular))
        self.plan.relations.add(DocumentRelation(kind="related", target=self.internal))
        self.plan.relations.add(DocumentRelation(kind="related", target=self.other))
        self.plan.save()
        page = self.get(self.url(self.plan))
        self.assertContains(page, "37/2020/TT-BGDĐT")
        self.assertNotContains(page, "99/BC-THCS")
        self.assertNotContains(page, "Bình Minh")
        self.assertContains(self.get(self.url(self.circular)), "12/KH-THCS")  # the other side
        self.client.force_login(self.staff_a)
        self.assertContains(self.get(self.url(self.plan)), "99/BC-THCS")

    def test_public_comment_box_only_while_comments_are_open(self):
        self.plan.comments_from = TODAY - datetime.timedelta(days=1)
        self.plan.comments_until = TODAY + datetime.timedelta(days=6)
        self.plan.comments_address = "gopy@anphu.edu.vn"
        self.plan.save()
        response = self.get(self.url(self.plan))
        self.assertContains(response, 'class="doc-comments"')
        self.assertContains(response, 'href="mailto:gopy@anphu.edu.vn"')
        self.plan.comments_until = TODAY - datetime.timedelta(days=1)
        self.plan.comments_from = TODAY - datetime.timedelta(days=9)
        self.plan.save()
        self.assertNotContains(self.get(self.url(self.plan)), 'class="doc-comments"')


class TestFiles(PublicDocumentsTestCase):
    """Files are written in ``setUp``: the per-test ``MEDIA_ROOT`` (``conftest._media_root``)
    would hide files written in ``setUpTestData``."""

    def setUp(self):
        self.pdf = attach_pdf(self.circular, title="Thông tư 37 về trang thông tin.pdf")
        self.docx = attach_file(
            self.plan, content=b"PK\x03\x04 docx", kind="docx", title="Kế hoạch năm học"
        )
        self.internal_pdf = attach_pdf(self.internal, title="Báo cáo nội bộ.pdf")
        self.other_pdf = attach_pdf(self.other)

    def download(self, document_file, host=HOST_A):
        return self.get(reverse("official_docs:download", args=[document_file.pk]), host=host)

    def preview(self, document_file, host=HOST_A):
        return self.get(reverse("official_docs:preview", args=[document_file.pk]), host=host)

    def test_download_is_an_attachment_with_safe_headers_and_a_readable_name(self):
        response = self.download(self.pdf)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        disposition = response["Content-Disposition"]
        self.assertTrue(disposition.startswith("attachment;"), disposition)
        self.assertIn(
            "filename*=UTF-8''" + quote("Thông tư 37 về trang thông tin.pdf"), disposition
        )
        self.assertTrue(b"".join(response.streaming_content).startswith(b"%PDF-1.4"))

    def test_download_name_gets_the_extension_of_the_content(self):
        response = self.download(self.docx)
        self.assertIn(
            "filename*=UTF-8''" + quote("Kế hoạch năm học.docx"), response["Content-Disposition"]
        )
        self.assertIn("sandbox", response["Content-Security-Policy"])

    def test_downloads_are_counted(self):
        self.download(self.pdf)
        self.download(self.pdf)
        self.preview(self.pdf)  # looking is not downloading
        self.circular.refresh_from_db()
        self.assertEqual(self.circular.download_count, 2)

    def test_preview_shows_pdfs_inline_in_a_frame_of_the_site_only(self):
        response = self.preview(self.pdf)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response["Content-Disposition"].startswith("inline;"))
        self.assertEqual(response["X-Frame-Options"], "SAMEORIGIN")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_no_preview_of_other_kinds(self):
        self.assertEqual(self.preview(self.docx).status_code, 404)

    def test_staff_only_files(self):
        for serve in (self.download, self.preview):
            with self.subTest(view=serve.__name__):
                self.client.logout()
                self.assertEqual(serve(self.internal_pdf).status_code, 404)
                self.client.force_login(self.staff_b)
                self.assertEqual(serve(self.internal_pdf).status_code, 404)
                self.assertEqual(serve(self.internal_pdf, host=HOST_B).status_code, 404)
                self.client.force_login(self.staff_a)
                self.assertEqual(serve(self.internal_pdf).status_code, 200)
        self.internal.refresh_from_db()
        self.assertEqual(self.internal.download_count, 1)

    def test_another_schools_file_is_not_found(self):
        for serve in (self.download, self.preview):
            with self.subTest(view=serve.__name__):
                self.assertEqual(serve(self.other_pdf).status_code, 404)
                self.assertEqual(serve(self.other_pdf, host=HOST_B).status_code, 200)
        self.assertEqual(self.get("/van-ban/tep/999999/").status_code, 404)
        self.other.refresh_from_db()
        self.assertEqual(self.other.download_count, 1)

    def test_a_file_missing_from_storage_is_not_found(self):
        self.pdf.file.storage.delete(self.pdf.file.name)
        self.assertEqual(self.download(self.pdf).status_code, 404)


class TestFeed(PublicDocumentsTestCase):
    def test_lists_only_the_public_documents_of_the_school_with_absolute_links(self):
        response = self.get("/van-ban/rss/")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/rss+xml"))
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        self.assertIn("Trường THCS An Phú", feed.feed.title)
        self.assertEqual(feed.feed.link, f"http://{HOST_A}/van-ban/")
        titles = [e.title for e in feed.entries]
        self.assertEqual(len(titles), 3)
        self.assertIn("Thông tư 37/2020/TT-BGDĐT", titles)
        self.assertFalse(any("99/BC-THCS" in t for t in titles))
        for entry in feed.entries:
            self.assertRegex(entry.link, rf"^http://{re.escape(HOST_A)}/van-ban/\d+/$")
            self.assertRegex(entry.id, rf"^tag:{re.escape(HOST_A)},\d{{4}}-\d\d-\d\d:document-\d+$")
        self.assertNotIn("Bình Minh", response.content.decode())

    def test_twenty_newest_items(self):
        for _ in range(22):
            OfficialDocumentFactory(school=self.a)
        feed = feedparser.parse(self.get("/van-ban/rss/").content)
        self.assertEqual(len(feed.entries), 20)


class TestUnitDocuments(PublicDocumentsTestCase):
    def render(self, unit):
        request = RequestFactory().get("/", HTTP_HOST=HOST_A)
        request.school = self.a
        template = Template("{% load official_docs_tags %}{% unit_documents page %}")
        return template.render(Context({"request": request, "page": unit}))

    def test_lists_the_five_newest_public_documents_of_the_unit_and_links_to_all(self):
        for n in range(6):
            OfficialDocumentFactory(
                school=self.a, number=f"{n + 1}/TB-TO", unit=self.unit,
                issued_on=datetime.date(2025, 10, n + 1),
            )  # fmt: skip
        html = self.render(self.unit)
        self.assertEqual(
            re.findall(r">Kế hoạch (\d+/TB-TO)<", html), [f"{n}/TB-TO" for n in range(6, 1, -1)]
        )
        self.assertNotIn("12/KH-THCS", html)  # the sixth newest
        self.assertNotIn("99/BC-THCS", html)
        self.assertIn(f'href="/van-ban/?don_vi={self.unit.pk}"', html)

    def test_nothing_for_a_unit_without_documents(self):
        other_unit = self.unit.get_next_sibling().specific
        self.assertEqual(self.render(other_unit).strip(), "")

    def test_counts_one_query(self):
        with self.assertNumQueries(1):
            self.render(self.unit)
