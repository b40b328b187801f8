"""The public side of the resources library: list, facets and counts, free text, pagination,
bad input, a resource, its files (download, preview, thumbnail), the staff-only rules, the
embargoed answer key, the team block and query budgets."""

from __future__ import annotations

import datetime
import re
from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.db import connection
from django.template import Context, Template
from django.templatetags.static import static
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from resources.factories import (
    BROKEN_PDF,
    ResourceFactory,
    attach_answer_key,
    attach_file,
    attach_pdf,
)
from resources.models import ResourceKind
from resources.selectors import ResourceFilters, list_facets, list_resources
from resources.services import thumbnail_path
from schools.factories import SchoolFactory, make_staff
from sections.models import SectionPage

HOST_A = "anphu.example.vn"
HOST_B = "binhminh.example.vn"


def kind(school, name):
    return ResourceKind.objects.get(school=school, name=name)


def team(school, title):
    return SectionPage.objects.descendant_of(school.site.root_page).get(title=title)


def titles(resources) -> list[str]:
    return [r.title for r in resources]


class PublicResourcesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname=HOST_A, is_default=True)
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname=HOST_B)
        cls.staff_a = make_staff(cls.a, "editor")
        cls.staff_b = make_staff(cls.b, "editor")
        cls.maths = team(cls.a, "Tổ Toán")
        cls.letters = team(cls.a, "Tổ Văn")
        cls.test_kind = kind(cls.a, "Đề kiểm tra")
        cls.skkn = kind(cls.a, "Sáng kiến kinh nghiệm")
        cls.lesson = ResourceFactory(
            school=cls.a, title="Giáo án Hình học 8: Định lý Pi-ta-go", subject="Toán",
            grade=8, team=cls.maths, approved_on=datetime.date(2025, 10, 20),
            authors="Trần Văn Bình", description="Bài giảng có hình động minh hoạ.",
        )  # fmt: skip
        cls.exam = ResourceFactory(
            school=cls.a, title="Đề kiểm tra giữa kỳ I Toán 8", kind=cls.test_kind,
            subject="Toán", grade=8, team=cls.maths, approved_on=datetime.date(2025, 10, 10),
        )  # fmt: skip
        cls.essay = ResourceFactory(
            school=cls.a, title="Sáng kiến dạy đọc hiểu văn bản", kind=cls.skkn, subject="Ngữ văn",
            grade=9, team=cls.letters, school_year="2024-2025",
            approved_on=datetime.date(2025, 5, 1), authors="Lê Thị Mai",
        )  # fmt: skip
        cls.internal = ResourceFactory(
            school=cls.a, title="Đề thi chọn học sinh giỏi (lưu hành nội bộ)", kind=cls.test_kind,
            subject="Toán", grade=9, team=cls.maths, is_staff_only=True,
            approved_on=datetime.date(2025, 10, 30),
        )  # fmt: skip
        cls.other = ResourceFactory(
            school=cls.b, title="Giáo án Toán 8 của Bình Minh", kind=kind(cls.b, "Giáo án điện tử")
        )
        cls.PUBLIC_A = [cls.lesson.title, cls.exam.title, cls.essay.title]

    def get(self, path, host=HOST_A, **params):
        return self.client.get(path, params, HTTP_HOST=host)

    def listed(self, response) -> list[str]:
        self.assertEqual(response.status_code, 200)
        return titles(response.context["page_obj"])


class TestSelectors(PublicResourcesTestCase):
    def find(self, user=None, **filters):
        return titles(
            list_resources(
                school=self.a, user=user or AnonymousUser(), filters=ResourceFilters(**filters)
            )
        )

    def facets(self, user=None, **filters):
        facets = list_facets(
            school=self.a, user=user or AnonymousUser(), filters=ResourceFilters(**filters)
        )
        return {f.param: {v.label: v.count for v in f.values} for f in facets}

    def test_visitors_see_published_resources_newest_approval_first(self):
        self.assertEqual(self.find(), self.PUBLIC_A)

    def test_staff_of_the_school_also_see_staff_only_resources(self):
        self.assertEqual(self.find(self.staff_a), [self.internal.title, *self.PUBLIC_A])
        self.assertEqual(self.find(self.staff_b), self.PUBLIC_A)

    def test_each_facet_filters(self):
        self.assertEqual(self.find(kind_id=self.test_kind.pk), [self.exam.title])
        self.assertEqual(self.find(kind_id=kind(self.b, "Đề kiểm tra").pk), [])
        self.assertEqual(self.find(subject="Ngữ văn"), [self.essay.title])
        self.assertEqual(self.find(grade=8), [self.lesson.title, self.exam.title])
        self.assertEqual(self.find(team_id=self.letters.pk), [self.essay.title])
        self.assertEqual(self.find(school_year="2024-2025"), [self.essay.title])
        self.assertEqual(self.find(grade=9, subject="Toán"), [])
        self.assertEqual(self.find(self.staff_a, grade=9, subject="Toán"), [self.internal.title])

    def test_facet_counts(self):
        self.assertEqual(
            self.facets(),
            {
                "loai": {"Sáng kiến kinh nghiệm": 1, "Giáo án điện tử": 1, "Đề kiểm tra": 1},
                "mon": {"Ngữ văn": 1, "Toán": 2},
                "lop": {"8": 2, "9": 1},
                "to": {"Tổ Toán": 2, "Tổ Văn": 1},
                "nam_hoc": {"2025-2026": 2, "2024-2025": 1},
            },
        )
        self.assertEqual(self.facets(self.staff_a)["lop"], {"8": 2, "9": 2})

    def test_facet_counts_follow_the_other_filters_not_their_own(self):
        counts = self.facets(grade=8)
        self.assertEqual(counts["lop"], {"8": 2, "9": 1})  # still offers switching grade
        self.assertEqual(counts["mon"], {"Toán": 2})
        self.assertEqual(counts["loai"], {"Giáo án điện tử": 1, "Đề kiểm tra": 1})
        self.assertEqual(self.facets(q="đọc hiểu")["to"], {"Tổ Văn": 1})

    def test_free_text_in_title_authors_and_description(self):
        self.assertEqual(self.find(q="pi-ta-go"), [self.lesson.title])
        self.assertEqual(self.find(q="Lê Thị Mai"), [self.essay.title])
        self.assertEqual(self.find(q="hình động"), [self.lesson.title])
        self.assertEqual(self.find(q="học sinh giỏi"), [])  # only in a staff-only resource
        self.assertEqual(self.find(self.staff_a, q="học sinh giỏi"), [self.internal.title])
        self.assertEqual(self.find(q="Bình Minh"), [])


class TestListPage(PublicResourcesTestCase):
    def test_lists_resources_with_facets_and_counts(self):
        response = self.get("/tu-lieu/")
        self.assertEqual(self.listed(response), self.PUBLIC_A)
        self.assertEqual(response.context["page_obj"].paginator.count, 3)
        html = response.content.decode()
        self.assertIn('<select name="lop" id="id_lop">', html)
        self.assertIn('<option value="8">8 (2)</option>', html)
        self.assertIn(f'<option value="{self.maths.pk}">Tổ Toán (2)</option>', html)
        self.assertIn('<option value="2024-2025">2024-2025 (1)</option>', html)
        self.assertNotContains(response, "lưu hành nội bộ")
        self.assertNotContains(response, "Bình Minh")
        self.assertContains(response, f'href="{reverse("resources:detail", args=[self.exam.pk])}"')

    def test_filters_through_the_query_string(self):
        cases = {
            f"loai={self.skkn.pk}": [self.essay.title],
            "mon=Ngữ văn": [self.essay.title],
            "lop=8": [self.lesson.title, self.exam.title],
            f"to={self.maths.pk}": [self.lesson.title, self.exam.title],
            "nam_hoc=2024-2025": [self.essay.title],
            "q=giữa kỳ": [self.exam.title],
            "lop=8&q=pi-ta-go": [self.lesson.title],
        }
        for query, expected in cases.items():
            with self.subTest(query=query):
                self.assertEqual(
                    self.listed(self.client.get(f"/tu-lieu/?{query}", HTTP_HOST=HOST_A)), expected
                )

    def test_chosen_value_is_selected(self):
        response = self.get("/tu-lieu/", lop=8)
        self.assertContains(response, '<option value="8" selected>8 (2)</option>', html=False)

    def test_bad_values_are_ignored(self):
        bad = [
            "lop=abc", "lop=0", "lop=99", "loai=x", "loai=-1", "to=abc", "to=99999999999999999999",
            "mon=<script>", "nam_hoc=" + "2" * 50, "page=zzz", "page=-3", "page=999999",
            "q=%00", "q=" + "9" * 5000, "mon=%00", "lop=8&lop=abc",
        ]  # fmt: skip
        for query in bad:
            with self.subTest(query=query):
                response = self.client.get(f"/tu-lieu/?{query}", HTTP_HOST=HOST_A)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "<script>", status_code=200)
        self.assertEqual(self.listed(self.get("/tu-lieu/", lop="abc")), self.PUBLIC_A)
        self.assertEqual(self.listed(self.get("/tu-lieu/", q="\x00")), self.PUBLIC_A)
        self.assertEqual(self.listed(self.get("/tu-lieu/", q="9" * 5000)), [])

    def test_twenty_per_page_and_filters_kept_in_page_links(self):
        for n in range(22):
            ResourceFactory(school=self.a, title=f"Phần mềm {n}", subject="Tin học", grade=7)
        first = self.get("/tu-lieu/", mon="Tin học")
        self.assertEqual(len(self.listed(first)), 20)
        self.assertEqual(first.context["page_obj"].paginator.count, 22)
        self.assertContains(first, "mon=Tin+h%E1%BB%8Dc&amp;page=2")
        self.assertEqual(len(self.listed(self.get("/tu-lieu/", mon="Tin học", page=2))), 2)

    def test_staff_rules_on_the_list(self):
        self.client.force_login(self.staff_b)
        self.assertNotIn(self.internal.title, self.listed(self.get("/tu-lieu/")))
        self.client.force_login(self.staff_a)
        response = self.get("/tu-lieu/")
        self.assertIn(self.internal.title, self.listed(response))
        self.assertContains(response, "res-staff")

    def test_another_host_lists_the_other_school(self):
        self.assertEqual(self.listed(self.get("/tu-lieu/", host=HOST_B)), [self.other.title])

    def test_cards_show_the_thumbnail_of_the_first_pdf(self):
        attach_file(self.lesson, content=b"PK\x03\x04 pptx", kind="pptx", title="Bài giảng")
        pdf = attach_pdf(self.lesson)
        self.assertContains(self.get("/tu-lieu/"), f'src="/tu-lieu/tep/{pdf.pk}/anh/"', count=1)

    def test_query_budget_does_not_grow_with_the_list(self):
        host = "ngansach.example.vn"
        school = SchoolFactory(name="Trường THCS Ngân sách", hostname=host)
        staff = make_staff(school, "secretary")
        maths = team(school, "Tổ Toán")

        def add(count):
            for n in range(count):
                resource = ResourceFactory(
                    school=school, is_staff_only=n % 3 == 0, team=maths, grade=6 + n % 4
                )
                attach_pdf(resource)

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
            for path in ("/tu-lieu/", "/tu-lieu/?lop=7&q=Giáo"):
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
                self.assertLessEqual(budget, 25)  # 5 facets + count + page + files + base page


class TestResourcePage(PublicResourcesTestCase):
    def url(self, resource):
        return reverse("resources:detail", args=[resource.pk])

    def test_shows_the_fields_and_files(self):
        attach_pdf(self.essay, title="Sáng kiến đọc hiểu.pdf")
        response = self.get(self.url(self.essay))
        self.assertEqual(response.status_code, 200)
        for text in ("Sáng kiến dạy đọc hiểu văn bản", "Sáng kiến kinh nghiệm", "Ngữ văn",
                     "Lê Thị Mai", "Tổ Văn", "2024-2025", "01/05/2025",
                     "Sáng kiến đọc hiểu.pdf", "PDF, "):  # fmt: skip
            self.assertContains(response, text)

    def test_pdf_preview_frame_thumbnail_and_download_fallback(self):
        attach_file(self.lesson, content=b"PK\x03\x04 pptx", kind="pptx", title="Bài giảng")
        pdf = attach_pdf(self.lesson)
        response = self.get(self.url(self.lesson))
        frame = re.search(r"<iframe[^>]*>", response.content.decode()).group(0)
        self.assertIn(f'src="/tu-lieu/tep/{pdf.pk}/xem/"', frame)
        self.assertIn('loading="lazy"', frame)
        self.assertContains(response, f'href="/tu-lieu/tep/{pdf.pk}/"', count=2)
        self.assertContains(response, f'src="/tu-lieu/tep/{pdf.pk}/anh/"')

    def test_no_preview_without_a_pdf(self):
        attach_file(self.lesson, content=b"PK\x03\x04 pptx", kind="pptx", title="Bài giảng")
        response = self.get(self.url(self.lesson))
        self.assertNotContains(response, "<iframe")
        self.assertNotContains(response, "/anh/")

    def test_staff_only_resource(self):
        url = self.url(self.internal)
        self.assertEqual(self.get(url).status_code, 404)
        self.client.force_login(self.staff_b)
        self.assertEqual(self.get(url).status_code, 404)
        self.assertEqual(self.get(url, host=HOST_B).status_code, 404)
        self.client.force_login(self.staff_a)
        self.assertContains(self.get(url), "lưu hành nội bộ")

    def test_another_schools_resource_is_not_found_like_a_missing_one(self):
        self.assertEqual(self.get(self.url(self.other)).status_code, 404)
        self.assertEqual(self.get("/tu-lieu/999999/").status_code, 404)
        self.assertEqual(self.get(self.url(self.other), host=HOST_B).status_code, 200)


class TestFiles(PublicResourcesTestCase):
    """Files are written in ``setUp``: the per-test ``MEDIA_ROOT`` would hide files written in
    ``setUpTestData``."""

    def setUp(self):
        self.pdf = attach_pdf(self.lesson, title="Giáo án Pi-ta-go.pdf")
        self.pptx = attach_file(
            self.exam, content=b"PK\x03\x04 pptx", kind="pptx", title="Trình chiếu đề"
        )
        self.internal_pdf = attach_pdf(self.internal, title="Đề học sinh giỏi.pdf")
        self.other_pdf = attach_pdf(self.other)

    def serve(self, name, resource_file, host=HOST_A):
        return self.get(reverse(f"resources:{name}", args=[resource_file.pk]), host=host)

    def test_download_is_an_attachment_with_safe_headers_and_a_readable_name(self):
        response = self.serve("download", self.pdf)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        disposition = response["Content-Disposition"]
        self.assertTrue(disposition.startswith("attachment;"), disposition)
        self.assertIn("filename*=UTF-8''" + quote("Giáo án Pi-ta-go.pdf"), disposition)
        self.assertTrue(b"".join(response.streaming_content).startswith(b"%PDF-"))

    def test_other_kinds_get_their_extension_and_a_sandbox(self):
        response = self.serve("download", self.pptx)
        self.assertIn(
            "filename*=UTF-8''" + quote("Trình chiếu đề.pptx"), response["Content-Disposition"]
        )
        self.assertIn("sandbox", response["Content-Security-Policy"])
        self.assertEqual(self.serve("preview", self.pptx).status_code, 404)
        self.assertEqual(self.serve("thumbnail", self.pptx).status_code, 404)

    def test_downloads_are_counted(self):
        self.serve("download", self.pdf)
        self.serve("download", self.pdf)
        self.serve("preview", self.pdf)  # looking is not downloading
        self.serve("thumbnail", self.pdf)
        self.lesson.refresh_from_db()
        self.assertEqual(self.lesson.download_count, 2)

    def test_preview_shows_pdfs_inline_in_a_frame_of_the_site_only(self):
        response = self.serve("preview", self.pdf)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response["Content-Disposition"].startswith("inline;"))
        self.assertEqual(response["X-Frame-Options"], "SAMEORIGIN")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_thumbnail_is_rendered_once_stored_and_served(self):
        name = thumbnail_path(self.pdf)
        self.assertTrue(name.startswith(f"resources/{self.a.pk}/thumbs/{self.pdf.pk}-"))
        self.assertFalse(default_storage.exists(name))
        response = self.serve("thumbnail", self.pdf)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/webp")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertTrue(default_storage.exists(name))
        with default_storage.open(name) as stored, Image.open(stored) as image:
            self.assertEqual(image.format, "WEBP")
            self.assertLessEqual(image.width, 320)
            self.assertGreater(image.height, image.width)  # portrait first page
        modified = default_storage.get_modified_time(name)
        self.assertEqual(self.serve("thumbnail", self.pdf).status_code, 200)
        self.assertEqual(default_storage.get_modified_time(name), modified)

    def test_broken_pdf_has_no_thumbnail_but_the_pages_still_work(self):
        broken = attach_pdf(self.essay, content=BROKEN_PDF, title="Hỏng.pdf")
        generic = self.serve("thumbnail", broken)  # a generic picture, never a broken image
        self.assertEqual(
            (generic.status_code, generic["Location"]), (302, static("img/document.svg"))
        )
        self.assertEqual(self.serve("thumbnail", broken).status_code, 302)  # remembered
        self.assertEqual(default_storage.size(thumbnail_path(broken)), 0)
        self.assertEqual(
            self.get(reverse("resources:detail", args=[self.essay.pk])).status_code, 200
        )
        self.assertEqual(self.get("/tu-lieu/").status_code, 200)
        self.assertEqual(self.serve("download", broken).status_code, 200)

    def test_staff_only_files(self):
        for name in ("download", "preview", "thumbnail"):
            with self.subTest(view=name):
                self.client.logout()
                self.assertEqual(self.serve(name, self.internal_pdf).status_code, 404)
                self.client.force_login(self.staff_b)
                self.assertEqual(self.serve(name, self.internal_pdf).status_code, 404)
                self.assertEqual(self.serve(name, self.internal_pdf, host=HOST_B).status_code, 404)
                self.client.force_login(self.staff_a)
                self.assertEqual(self.serve(name, self.internal_pdf).status_code, 200)
        self.internal.refresh_from_db()
        self.assertEqual(self.internal.download_count, 1)

    def test_another_schools_file_is_not_found(self):
        for name in ("download", "preview", "thumbnail"):
            with self.subTest(view=name):
                self.assertEqual(self.serve(name, self.other_pdf).status_code, 404)
                self.assertEqual(self.serve(name, self.other_pdf, host=HOST_B).status_code, 200)
        self.assertEqual(self.get("/tu-lieu/tep/999999/").status_code, 404)

    def test_a_file_missing_from_storage_is_not_found(self):
        self.pdf.file.storage.delete(self.pdf.file.name)
        self.assertEqual(self.serve("download", self.pdf).status_code, 404)
        self.assertEqual(self.serve("thumbnail", self.pdf).status_code, 302)  # the generic picture


class TestAnswerKey(PublicResourcesTestCase):
    def url(self, resource):
        return reverse("resources:answer_key", args=[resource.pk])

    def detail(self, resource):
        return self.get(reverse("resources:detail", args=[resource.pk]))

    def test_hidden_from_visitors_before_its_time_even_when_the_url_is_guessed(self):
        attach_answer_key(self.exam, visible_from=timezone.now() + datetime.timedelta(days=1))
        page = self.detail(self.exam)
        self.assertNotContains(page, self.url(self.exam))
        self.assertContains(page, 'class="res-answer"')
        self.assertEqual(self.get(self.url(self.exam)).status_code, 404)
        self.client.force_login(self.staff_b)
        self.assertEqual(self.get(self.url(self.exam)).status_code, 404)
        self.assertNotContains(self.detail(self.exam), self.url(self.exam))

    def test_staff_of_the_school_get_it_at_any_time_marked_staff(self):
        attach_answer_key(self.exam, visible_from=timezone.now() + datetime.timedelta(days=1))
        self.client.force_login(self.staff_a)
        page = self.detail(self.exam)
        self.assertContains(page, f'href="{self.url(self.exam)}"')
        self.assertContains(page, "res-answer__staff")
        self.assertEqual(self.get(self.url(self.exam)).status_code, 200)

    def test_served_to_everyone_after_its_time(self):
        attach_answer_key(self.exam, visible_from=timezone.now() - datetime.timedelta(minutes=1))
        page = self.detail(self.exam)
        self.assertContains(page, f'href="{self.url(self.exam)}"')
        self.assertNotContains(page, "res-answer__staff")
        response = self.get(self.url(self.exam))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
        self.assertIn(quote("Đề kiểm tra giữa kỳ I Toán 8"), response["Content-Disposition"])
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_no_answer_key_and_staff_only_resources(self):
        self.assertEqual(self.get(self.url(self.lesson)).status_code, 404)
        self.assertNotContains(self.detail(self.lesson), 'class="res-answer"')
        attach_answer_key(self.internal, visible_from=timezone.now() - datetime.timedelta(days=1))
        self.assertEqual(self.get(self.url(self.internal)).status_code, 404)
        self.client.force_login(self.staff_a)
        self.assertEqual(self.get(self.url(self.internal)).status_code, 200)


class TestTeamResources(PublicResourcesTestCase):
    def render(self, unit):
        request = RequestFactory().get("/", HTTP_HOST=HOST_A)
        request.school = self.a
        template = Template("{% load resources_tags %}{% team_resources page %}")
        return template.render(Context({"request": request, "page": unit}))

    def test_lists_the_five_newest_public_resources_of_the_team_and_links_to_all(self):
        for n in range(6):
            ResourceFactory(
                school=self.a, title=f"Chuyên đề {n + 1}", team=self.maths,
                approved_on=datetime.date(2025, 12, n + 1),
            )  # fmt: skip
        html = self.render(self.maths)
        self.assertEqual(
            re.findall(r">(Chuyên đề \d)<", html), [f"Chuyên đề {n}" for n in range(6, 1, -1)]
        )
        self.assertNotIn(self.internal.title, html)
        self.assertIn(f'href="/tu-lieu/?to={self.maths.pk}"', html)

    def test_nothing_for_a_team_without_resources(self):
        self.assertEqual(self.render(team(self.a, "Tổ Ngoại ngữ")).strip(), "")

    def test_counts_one_query(self):
        with self.assertNumQueries(1):
            self.render(self.maths)

    def test_shown_on_the_team_page(self):
        response = self.get(self.maths.url_path.removeprefix(self.a.site.root_page.url_path[:-1]))
        self.assertContains(response, 'class="slot team-resources"')
