import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

import vntext
from schools.factories import TEST_PASSWORD, SchoolFactory, UserFactory, make_staff
from sections.models import StandardPage
from textinput.tests.docx_builder import build_docx, paragraph, picture, run

Image = get_image_model()
URL = reverse("textinput_word_import")


def png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (0, 128, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def lesson_docx() -> bytes:
    legacy = vntext.from_unicode("Giáo án môn Ngữ văn lớp 8", "tcvn3")
    body = (
        paragraph(run("Kế hoạch bài dạy"), style="Heading1")
        + paragraph(run(legacy, font=".VnTime"), run(" – tiết 12", bold=True))
        + picture(alt="Học sinh thảo luận nhóm")
        + paragraph(run("Hết."))
    )
    return build_docx(body, image_png=png())


class TestWordImport(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.team_a = (
            cls.a.site.root_page.get_children()
            .get(slug="to-chuyen-mon")
            .get_children()
            .get(slug="to-van")
        )
        cls.team_b = (
            cls.b.site.root_page.get_children()
            .get(slug="to-chuyen-mon")
            .get_children()
            .get(slug="to-van")
        )
        cls.contributor = make_staff(cls.a, "contributor")

    def setUp(self):
        self.client.login(username=self.contributor.username, password=TEST_PASSWORD)

    def post(self, content: bytes, parent=None, name="giao-an.docx", **extra):
        upload = SimpleUploadedFile(name, content)
        data = {"parent": (parent or self.team_a).pk, "title": "", "file": upload, **extra}
        return self.client.post(URL, data, follow=True)

    def test_form_offers_only_own_schools_sections(self):
        response = self.client.get(URL, {"parent": self.team_a.pk})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Tổ Văn")
        choices = dict(response.context["form"].fields["parent"].choices)
        self.assertIn(self.team_a.pk, choices)
        self.assertNotIn(self.team_b.pk, choices)

    def test_docx_becomes_a_draft_with_unicode_text_and_images_in_the_school_collection(self):
        response = self.post(lesson_docx())
        page = StandardPage.objects.child_of(self.team_a).get()
        self.assertEqual(page.title, "Kế hoạch bài dạy")
        self.assertFalse(page.live)
        self.assertEqual(page.owner, self.contributor)
        self.assertRedirects(response, reverse("wagtailadmin_pages:edit", args=[page.pk]))
        kinds = [block.block_type for block in page.body]
        self.assertEqual(kinds, ["paragraph", "image", "paragraph"])
        self.assertIn("Giáo án môn Ngữ văn lớp 8", page.body[0].value.source)
        self.assertIn("<strong>", page.body[0].value.source)
        image = page.body[1].value["image"]
        self.assertEqual(image.collection, self.a.collection)
        self.assertEqual(page.body[1].value["alt_text"], "Học sinh thảo luận nhóm")
        self.assertEqual((image.width, image.height), (40, 30))
        messages = [str(m) for m in response.context["messages"]]
        self.assertTrue(any("Đã chuyển mã TCVN3 sang Unicode" in m for m in messages), messages)

    def test_bad_files_get_a_clear_message_and_nothing_is_saved(self):
        cases = {
            "rác.docx": b"this is not a zip file at all",
            "mat-khau.docx": bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600,
            "rong.docx": b"",
        }
        for name, content in cases.items():
            with self.subTest(name=name):
                response = self.post(content, name=name)
                self.assertEqual(response.status_code, 200)
                errors = response.context["form"].errors
                self.assertIn("file", errors)
        self.assertFalse(StandardPage.objects.child_of(self.team_a).exists())
        self.assertFalse(Image.objects.exists())

    def test_another_schools_section_cannot_be_chosen(self):
        response = self.post(lesson_docx(), parent=self.team_b)
        self.assertIn("parent", response.context["form"].errors)
        self.assertFalse(StandardPage.objects.child_of(self.team_b).exists())
        self.assertFalse(Image.objects.exists())

    def test_visitors_and_people_without_a_school_are_refused(self):
        self.client.logout()
        self.assertEqual(self.client.get(URL).status_code, 302)  # to the admin login

        outsider = UserFactory()
        outsider.user_permissions.add(
            *__import__(
                "django.contrib.auth.models", fromlist=["Permission"]
            ).Permission.objects.filter(codename="access_admin")
        )
        self.client.login(username=outsider.username, password=TEST_PASSWORD)
        self.assertIn(self.client.get(URL).status_code, {302, 403})
