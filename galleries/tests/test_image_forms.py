import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff


def jpeg(size=(300, 200)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (120, 40, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


class TestAdminImageUpload(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory()
        cls.editor = make_staff(cls.school, "editor")

    def setUp(self):
        self.client.login(username=self.editor.username, password=TEST_PASSWORD)

    def upload(self, content: bytes, name="anh.jpg"):
        return self.client.post(
            reverse("wagtailimages:add"),
            {
                "title": name,
                "collection": self.school.collection.pk,
                "file": SimpleUploadedFile(name, content),
            },
        )

    def test_a_damaged_picture_gets_a_message_not_an_error_page(self):
        truncated = jpeg()[:400]
        response = self.upload(truncated)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "bị hỏng")
        self.assertFalse(get_image_model().objects.exists())

    def test_a_good_picture_is_stored(self):
        response = self.upload(jpeg())
        self.assertEqual(response.status_code, 302)
        image = get_image_model().objects.get()
        self.assertEqual((image.width, image.height), (300, 200))
