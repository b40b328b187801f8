import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from official_docs.models import DocumentType, OfficialDocument
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ADD = reverse("wagtailsnippets_official_docs_officialdocument:add")


class TestDocumentAdmin(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.secretary = make_staff(cls.a, "secretary")
        cls.type_a = DocumentType.objects.get(school=cls.a, name="Thông tư")
        cls.type_b = DocumentType.objects.get(school=cls.b, name="Thông tư")

    def setUp(self):
        self.client.login(username=self.secretary.username, password=TEST_PASSWORD)

    def post(
        self,
        *,
        number="37/2020/TT-BGDĐT",
        upload=None,
        doc_type=None,
        issued_on="05/10/2020",
        **extra,
    ):
        upload = upload or SimpleUploadedFile("Thông tư 37 về cổng thông tin.pdf", PDF)
        data = nested_form_data(
            {
                "school": self.a.pk,
                "number": number,
                "document_type": (doc_type or self.type_a).pk,
                "summary": "Quy định về tổ chức hoạt động, sử dụng thư điện tử và cổng thông tin điện tử",
                "issuer_group": "state",
                "issuing_body": "Bộ Giáo dục và Đào tạo",
                "issued_on": issued_on,
                "direction": "incoming",
                "is_public": "on",
                "files": inline_formset([{"file": upload, "title": ""}], min=1),
                "relations": inline_formset([]),
                **extra,
            }
        )
        return self.client.post(ADD, data)

    def test_seeded_types_and_a_document_with_a_checked_file(self):
        self.assertEqual(DocumentType.objects.filter(school=self.a).count(), 12)
        response = self.post()
        self.assertEqual(response.status_code, 302)
        document = OfficialDocument.objects.get()
        self.assertEqual(document.school, self.a)
        self.assertEqual(document.number_key, "37/2020/tt-bgddt")
        self.assertEqual(document.issued_on, datetime.date(2020, 10, 5))
        self.assertIsNotNone(document.published_at)
        stored = document.files.get()
        self.assertEqual(stored.kind, "pdf")
        self.assertEqual(stored.title, "Thông tư 37 về cổng thông tin.pdf")
        self.assertRegex(
            stored.file.name, r"^official_docs/\d+/thong-tu-37-ve-cong-thong-tin(_\w+)?\.pdf$"
        )

    def test_files_are_judged_by_content_not_name(self):
        fake = SimpleUploadedFile("bao-cao.pdf", b"<html><script>alert(1)</script></html>")
        response = self.post(upload=fake)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(OfficialDocument.objects.exists())
        svg = SimpleUploadedFile(
            "hinh.pdf", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
        )
        self.assertEqual(self.post(upload=svg).status_code, 200)
        self.a.max_upload_mb = 1
        self.a.save()
        big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (1024 * 1024 + 1))
        self.assertEqual(self.post(upload=big).status_code, 200)
        self.assertFalse(OfficialDocument.objects.exists())

    def test_duplicate_numbers_are_detected_per_school(self):
        self.assertEqual(self.post().status_code, 302)
        response = self.post(number="37/2020/tt-bgdđt ")
        self.assertEqual(response.status_code, 200)
        self.assertIn("number", response.context["form"].errors)
        self.assertEqual(OfficialDocument.objects.count(), 1)
        self.assertEqual(self.post(issued_on="06/10/2020").status_code, 302)

    def test_another_schools_type_cannot_be_used(self):
        response = self.post(doc_type=self.type_b)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(OfficialDocument.objects.exists())

    def test_listing_and_urls_stay_within_the_school(self):
        self.assertEqual(self.post().status_code, 302)
        mine = OfficialDocument.objects.get()
        theirs = OfficialDocument.objects.create(
            school=self.b, number="99/KH-THCS", document_type=self.type_b, issuer_group="school",
            issuing_body="Trường THCS Bình Minh", issued_on=datetime.date(2026, 1, 2), summary="Kế hoạch riêng",
        )  # fmt: skip
        listing = self.client.get(reverse("wagtailsnippets_official_docs_officialdocument:list"))
        self.assertContains(listing, "37/2020/TT-BGDĐT")
        self.assertNotContains(listing, "99/KH-THCS")
        for view in ("edit", "delete", "history"):
            url = reverse(
                f"wagtailsnippets_official_docs_officialdocument:{view}", args=[theirs.pk]
            )
            self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.get(
                reverse("wagtailsnippets_official_docs_officialdocument:edit", args=[mine.pk])
            ).status_code,
            200,
        )
        types = self.client.get(reverse("wagtailsnippets_official_docs_documenttype:list"))
        edit_type = "wagtailsnippets_official_docs_documenttype:edit"
        self.assertContains(types, reverse(edit_type, args=[self.type_a.pk]))
        self.assertNotContains(types, reverse(edit_type, args=[self.type_b.pk]))

    def test_admin_list_filters_by_type_offering_only_own_types(self):
        self.assertEqual(self.post().status_code, 302)
        listing = reverse("wagtailsnippets_official_docs_officialdocument:list")
        response = self.client.get(listing, {"document_type": self.type_a.pk})
        self.assertContains(response, "37/2020/TT-BGDĐT")
        other = self.client.get(
            listing, {"document_type": DocumentType.objects.get(school=self.a, name="Luật").pk}
        )
        self.assertNotContains(other, "37/2020/TT-BGDĐT")
        self.assertNotContains(response, f'value="{self.type_b.pk}"')
