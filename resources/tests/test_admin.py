import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from resources.models import Resource, ResourceKind
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff
from textinput.tests.docx_builder import build_docx, paragraph, run

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ADD = reverse("wagtailsnippets_resources_resource:add")


class TestResourceAdmin(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.editor = make_staff(cls.a, "editor")
        cls.test_kind = ResourceKind.objects.get(school=cls.a, name="Đề kiểm tra")
        cls.other_kind = ResourceKind.objects.get(school=cls.b, name="Đề kiểm tra")

    def setUp(self):
        self.client.login(username=self.editor.username, password=TEST_PASSWORD)

    def post(self, *, kind=None, upload=None, **extra):
        data = nested_form_data(
            {
                "school": self.a.pk,
                "title": "Đề kiểm tra giữa kỳ I môn Toán 8",
                "kind": (kind or self.test_kind).pk,
                "subject": "Toán",
                "grade": extra.pop("grade", 8),
                "authors": "Tổ Toán",
                "school_year": "2025-2026",
                "approved_on": "10/11/2025",
                "files": inline_formset(
                    [{"file": upload or SimpleUploadedFile("Đề Toán 8.pdf", PDF), "title": ""}],
                    min=1,
                ),
                **extra,
            }
        )
        return self.client.post(ADD, data)

    def test_seeded_kinds_and_a_resource_with_files(self):
        self.assertEqual(ResourceKind.objects.filter(school=self.a).count(), 6)
        self.assertTrue(self.test_kind.is_test)
        docx = build_docx(paragraph(run("Giáo án")))
        response = self.post(upload=SimpleUploadedFile("Giáo án.docx", docx))
        self.assertEqual(response.status_code, 302)
        resource = Resource.objects.get()
        self.assertEqual((resource.school, resource.grade), (self.a, 8))
        self.assertEqual(resource.files.get().kind, "docx")
        self.assertEqual(resource.files.get().title, "Giáo án.docx")
        self.assertIsNotNone(resource.published_at)

    def test_answer_key_needs_a_time_and_stays_hidden_until_then(self):
        key = SimpleUploadedFile("Đáp án.pdf", PDF)
        response = self.post(answer_key=key)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Resource.objects.exists())
        later = timezone.localtime() + datetime.timedelta(days=2)
        response = self.post(
            answer_key=SimpleUploadedFile("Đáp án.pdf", PDF),
            answer_key_visible_from=later.strftime("%d/%m/%Y %H:%M"),
        )
        self.assertEqual(response.status_code, 302)
        resource = Resource.objects.get()
        self.assertEqual(resource.answer_key_kind, "pdf")
        self.assertFalse(resource.answer_key_visible)
        resource.answer_key_visible_from = timezone.now() - datetime.timedelta(minutes=1)
        self.assertTrue(resource.answer_key_visible)

    def test_bad_files_and_other_schools_kinds_are_refused(self):
        self.assertEqual(
            self.post(upload=SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")).status_code,
            200,
        )
        self.assertEqual(self.post(kind=self.other_kind).status_code, 200)
        self.assertFalse(Resource.objects.exists())

    def test_listing_stays_within_the_school(self):
        Resource.objects.create(
            school=self.b, title="Tài liệu trường khác", kind=self.other_kind, authors="X"
        )
        Resource.objects.create(
            school=self.a, title="Tài liệu của trường", kind=self.test_kind, authors="Y"
        )
        listing = self.client.get(reverse("wagtailsnippets_resources_resource:list"))
        self.assertContains(listing, "Tài liệu của trường")
        self.assertNotContains(listing, "Tài liệu trường khác")
        other = Resource.objects.get(school=self.b)
        url = reverse("wagtailsnippets_resources_resource:edit", args=[other.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_grade_must_be_one_the_school_teaches(self):
        self.assertEqual(self.post(grade=10).status_code, 200)
        self.assertFalse(Resource.objects.exists())
        self.a.grades = "6,7,8,9,10"
        self.a.save()
        self.assertEqual(self.post(grade=10).status_code, 302)

    def test_admin_list_filters_by_kind_of_the_school(self):
        Resource.objects.create(
            school=self.a, title="Đề Toán", kind=self.test_kind, authors="Tổ Toán", grade=8
        )
        other_kind = ResourceKind.objects.get(school=self.a, name="Giáo án điện tử")
        Resource.objects.create(
            school=self.a, title="Giáo án Văn", kind=other_kind, authors="Tổ Văn", grade=9
        )
        listing = reverse("wagtailsnippets_resources_resource:list")
        response = self.client.get(listing, {"kind": self.test_kind.pk})
        self.assertContains(response, "Đề Toán")
        self.assertNotContains(response, "Giáo án Văn")
        self.assertContains(self.client.get(listing, {"grade": 9}), "Giáo án Văn")
