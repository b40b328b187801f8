"""EXIF/XMP/GPS removal: for every Wagtail image saved, whoever saves it."""

from __future__ import annotations

import io

from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from galleries.factories import AlbumPageFactory
from galleries.metadata import strip_metadata
from galleries.services import add_photos_to_album
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff

from .images import GPS_IFD, contains_gps_text, has_metadata, photo_bytes, upload

Image = get_image_model()


def stored_bytes(image) -> bytes:
    with image.open_file() as handle:
        return handle.read()


class TestStripMetadata(SimpleTestCase):
    def test_jpeg_loses_exif_gps_xmp_and_comment_and_is_turned_upright(self):
        original = photo_bytes("JPEG", (64, 32), orientation=6, comment=b"Lop 6A")
        self.assertTrue(has_metadata(original))
        self.assertEqual(PILImage.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)[1], "N")

        cleaned = strip_metadata(original)

        self.assertFalse(has_metadata(cleaned))
        self.assertFalse(contains_gps_text(cleaned))
        with PILImage.open(io.BytesIO(cleaned)) as picture:
            self.assertEqual(picture.format, "JPEG")
            self.assertEqual(picture.size, (32, 64))  # orientation 6: rotated a quarter turn

    def test_png_webp_and_avif_lose_their_metadata_and_keep_format_and_size(self):
        for image_format in ("PNG", "WEBP", "AVIF"):
            with self.subTest(image_format):
                original = photo_bytes(image_format)
                self.assertTrue(has_metadata(original))
                cleaned = strip_metadata(original)
                self.assertFalse(has_metadata(cleaned))
                with PILImage.open(io.BytesIO(cleaned)) as picture:
                    self.assertEqual((picture.format, picture.size), (image_format, (64, 32)))

    def test_png_keeps_transparency(self):
        buffer = io.BytesIO()
        PILImage.new("RGBA", (8, 8), (0, 0, 0, 0)).save(buffer, "PNG")
        with PILImage.open(io.BytesIO(strip_metadata(buffer.getvalue()))) as picture:
            self.assertEqual(picture.mode, "RGBA")
            self.assertEqual(picture.getpixel((0, 0))[3], 0)

    def test_animated_gif_and_non_images_are_left_alone(self):
        frames = [PILImage.new("RGB", (8, 8), colour) for colour in ("red", "green", "blue")]
        buffer = io.BytesIO()
        frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
        self.assertIsNone(strip_metadata(buffer.getvalue()))
        self.assertIsNone(strip_metadata(b"%PDF-1.4 not an image"))


class TestEveryUploadIsStripped(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory()
        cls.editor = make_staff(cls.school, "editor")
        gallery = (
            cls.school.site.root_page.get_children()
            .get(slug="tin-tuc-su-kien")
            .get_children()
            .get(slug="thu-vien-anh")
        )
        cls.album = AlbumPageFactory(parent=gallery, title="Hội khỏe Phù Đổng")

    def assert_clean_original(self, image, size=(32, 64)):
        data = stored_bytes(image)
        self.assertFalse(has_metadata(data), "the stored original still has metadata")
        self.assertFalse(contains_gps_text(data))
        self.assertEqual((image.width, image.height), size)
        self.assertEqual(image.file_size, len(data))

    def test_admin_image_add_view(self):
        self.client.login(username=self.editor.username, password=TEST_PASSWORD)
        response = self.client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Học sinh chạy tiếp sức",
                "file": upload("chay.jpg", photo_bytes(orientation=6)),
                "collection": self.school.collection.pk,
            },
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        self.assert_clean_original(Image.objects.get(title="Học sinh chạy tiếp sức"))

    def test_admin_multiple_upload_view(self):
        self.client.login(username=self.editor.username, password=TEST_PASSWORD)
        response = self.client.post(
            reverse("wagtailimages:add_multiple"),
            {
                "files[]": upload("nhieu-anh.jpg", photo_bytes(orientation=6)),
                "collection": self.school.collection.pk,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.json()["success"], response.json())
        self.assert_clean_original(Image.objects.get(pk=response.json()["image_id"]))

    def test_album_upload(self):
        result = add_photos_to_album(
            album=self.album,
            files=[upload("ve-dich.jpg", photo_bytes(orientation=6))],
            actor=self.editor,
        )
        self.assert_clean_original(result.added[0].image)

    def test_word_import(self):
        from textinput.services import import_word_document
        from textinput.tests.docx_builder import build_docx, paragraph, picture, run

        png = photo_bytes("PNG")
        self.assertTrue(has_metadata(png))
        docx = build_docx(paragraph(run("Ảnh hoạt động")) + picture(alt="Ảnh"), image_png=png)
        section = self.album.get_parent().get_parent()  # "Tin tức - Sự kiện" takes pages
        import_word_document(
            parent=section, uploaded_file=upload("tin.docx", docx), actor=self.editor
        )
        image = Image.objects.get(collection=self.school.collection)
        self.assert_clean_original(image, size=(64, 32))

    def test_saving_an_existing_image_again_does_not_reencode_it(self):
        result = add_photos_to_album(
            album=self.album, files=[upload("a.jpg", photo_bytes())], actor=self.editor
        )
        image = result.added[0].image
        before = stored_bytes(image)
        image.title = "Tên mới"
        image.save()
        image.refresh_from_db()
        self.assertEqual(stored_bytes(image), before)
