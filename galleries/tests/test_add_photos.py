"""The admin "Add photos" screen and ``add_photos_to_album``: many files at once, each checked
by content, written as one draft revision; permissions and school isolation."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.images import get_image_model

from galleries.factories import AlbumPageFactory
from galleries.models import AlbumPhoto
from galleries.services import add_photos_to_album
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff

from .images import photo_bytes, upload

Image = get_image_model()


def gallery_of(school):
    return (
        school.site.root_page.get_children()
        .get(slug="tin-tuc-su-kien")
        .get_children()
        .get(slug="thu-vien-anh")
    )


class AlbumUploadTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.album = AlbumPageFactory(parent=gallery_of(cls.a), title="Hội trại 26/3")
        cls.album.save_revision().publish()
        cls.other_album = AlbumPageFactory(parent=gallery_of(cls.b), title="Album trường khác")
        cls.editor = make_staff(cls.a, "editor")
        cls.contributor = make_staff(cls.a, "contributor")  # may edit only their own pages

    def url(self, album=None):
        return reverse("galleries_add_photos", args=[(album or self.album).pk])

    def log_in(self, user):
        self.client.login(username=user.username, password=TEST_PASSWORD)

    def draft(self):
        self.album.refresh_from_db()
        return self.album.get_latest_revision_as_object()


class TestAddPhotosView(AlbumUploadTestCase):
    def test_form_has_a_multiple_image_input(self):
        self.log_in(self.editor)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'type="file"')
        self.assertContains(response, "multiple")
        self.assertContains(response, 'accept="image/*"')

    def test_good_files_become_photos_of_a_new_draft_revision(self):
        self.log_in(self.editor)
        response = self.client.post(
            self.url(),
            {
                "photos": [
                    upload("trai-1.jpg", photo_bytes("JPEG")),
                    upload("trai-2.png", photo_bytes("PNG"), "image/png"),
                    upload("trai-3.webp", photo_bytes("WEBP"), "image/webp"),
                ],
                "captions": "Dựng trại\n\nĐốt lửa trại",
            },
        )
        self.assertRedirects(
            response,
            reverse("wagtailadmin_pages:edit", args=[self.album.pk]),
            fetch_redirect_response=False,
        )
        draft = self.draft()
        photos = sorted(draft.photos.all(), key=lambda p: p.sort_order)
        self.assertEqual([p.caption for p in photos], ["Dựng trại", "", "Đốt lửa trại"])
        self.assertEqual([p.sort_order for p in photos], [0, 1, 2])
        for photo in photos:
            self.assertEqual(photo.image.collection, self.a.collection)
            self.assertEqual(photo.image.uploaded_by_user, self.editor)
        # A draft: the live album has no photos yet, and it stays live.
        self.assertTrue(self.album.live)
        self.assertTrue(self.album.has_unpublished_changes)
        self.assertFalse(AlbumPhoto.objects.filter(page=self.album).exists())
        self.assertEqual(self.album.latest_revision.user, self.editor)

    def test_a_second_upload_appends_after_the_draft_photos(self):
        add_photos_to_album(
            album=self.album, files=[upload("a.jpg", photo_bytes())], actor=self.editor
        )
        add_photos_to_album(
            album=self.album, files=[upload("b.jpg", photo_bytes())], actor=self.editor
        )
        orders = sorted(p.sort_order for p in self.draft().photos.all())
        self.assertEqual(orders, [0, 1])

    @override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=4000)
    def test_bad_files_are_named_and_refused_good_files_still_added(self):
        self.log_in(self.editor)
        images_before = Image.objects.count()
        response = self.client.post(
            self.url(),
            {
                "photos": [
                    upload("bao-cao.pdf", b"%PDF-1.7 a report", "application/pdf"),
                    upload("gia-anh.jpg", b"this is text with a .jpg name"),
                    upload("cut.jpg", photo_bytes(size=(300, 300))[:600]),
                    upload("qua-lon.jpg", photo_bytes(size=(400, 400)) + b"\0" * 5000),
                    upload("tot.jpg", photo_bytes()),
                ]
            },
            follow=True,
        )
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        names = ("bao-cao.pdf", "gia-anh.jpg", "cut.jpg", "qua-lon.jpg")
        errors = [m for m in messages if any(name in m for name in names)]
        self.assertEqual(len(errors), 4, messages)
        self.assertTrue(any("qua-lon.jpg" in m and "MB" in m for m in errors))
        self.assertEqual(Image.objects.count(), images_before + 1)
        self.assertEqual([p.image.title for p in self.draft().photos.all()], ["tot"])

    def test_only_bad_files_add_nothing_and_come_back_to_the_form(self):
        self.log_in(self.editor)
        revisions = self.album.revisions.count()
        response = self.client.post(self.url(), {"photos": [upload("x.gif", b"GIF89a broken")]})
        self.assertRedirects(response, self.url(), fetch_redirect_response=False)
        self.assertEqual(self.album.revisions.count(), revisions)
        self.assertFalse(Image.objects.filter(title="x").exists())

    def test_no_file_is_a_form_error(self):
        self.log_in(self.editor)
        response = self.client.post(self.url(), {"photos": []})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)

    def test_another_schools_album_is_a_404_like_a_missing_one(self):
        self.log_in(self.editor)
        self.assertEqual(self.client.get(self.url(self.other_album)).status_code, 404)
        response = self.client.post(
            self.url(self.other_album), {"photos": [upload("a.jpg", photo_bytes())]}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(
            self.client.get(reverse("galleries_add_photos", args=[999999])).status_code, 404
        )
        self.assertFalse(AlbumPhoto.objects.filter(page=self.other_album).exists())
        self.assertEqual(self.other_album.revisions.count(), 0)

    def test_a_user_who_may_not_edit_the_album_is_refused(self):
        """Wagtail answers PermissionDenied in its admin with a redirect to the dashboard and a
        "no permission" message (403 for XHR); nothing is written."""
        self.log_in(self.contributor)
        for response in (
            self.client.get(self.url()),
            self.client.post(self.url(), {"photos": [upload("a.jpg", photo_bytes())]}),
            self.client.get(self.url(), HTTP_X_REQUESTED_WITH="XMLHttpRequest"),
        ):
            if response.status_code == 302:
                self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
            else:
                self.assertEqual(response.status_code, 403)
        self.assertFalse(self.draft().photos.exists())
        self.assertFalse(Image.objects.filter(uploaded_by_user=self.contributor).exists())

    def test_the_contributor_who_owns_the_album_may_add_photos(self):
        own = AlbumPageFactory(
            parent=gallery_of(self.a), title="Album của tôi", owner=self.contributor
        )
        self.log_in(self.contributor)
        self.assertEqual(self.client.get(self.url(own)).status_code, 200)

    def test_anonymous_users_are_sent_to_the_login_page(self):
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("wagtailadmin_login"), response["Location"])


class TestAddPhotosButtons(AlbumUploadTestCase):
    def test_album_header_and_listing_offer_add_photos_to_editors_only(self):
        self.log_in(self.editor)
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.album.pk]))
        self.assertContains(edit, self.url())
        listing = self.client.get(
            reverse("wagtailadmin_explore", args=[self.album.get_parent().pk])
        )
        self.assertContains(listing, self.url())
        self.log_in(self.contributor)
        listing = self.client.get(
            reverse("wagtailadmin_explore", args=[self.album.get_parent().pk])
        )
        self.assertEqual(listing.status_code, 200)
        self.assertNotContains(listing, self.url())


class TestAddPhotosService(AlbumUploadTestCase):
    def test_refuses_a_user_without_edit_permission(self):
        with self.assertRaises(PermissionDenied):
            add_photos_to_album(
                album=self.album, files=[upload("a.jpg", photo_bytes())], actor=self.contributor
            )
        self.assertFalse(Image.objects.filter(uploaded_by_user=self.contributor).exists())

    def test_refuses_a_user_of_another_school(self):
        with self.assertRaises(PermissionDenied):
            add_photos_to_album(
                album=self.other_album, files=[upload("a.jpg", photo_bytes())], actor=self.editor
            )

    def test_a_failure_while_writing_leaves_nothing_behind(self):
        """All or nothing for the good files: a revision that cannot be saved (here an invalid
        draft) rolls back the images of the batch and deletes their files."""
        broken = self.album.get_latest_revision_as_object()
        broken.title = ""  # full_clean() in the service's save_revision refuses it
        broken.save_revision(clean=False)
        with self.assertRaises(ValidationError):
            add_photos_to_album(
                album=self.album,
                files=[upload("a.jpg", photo_bytes()), upload("b.jpg", photo_bytes())],
                actor=self.editor,
            )
        self.assertFalse(Image.objects.filter(title__in=["a", "b"]).exists())
        stored = Path(settings.MEDIA_ROOT) / "original_images"
        self.assertEqual(list(stored.glob("*.jpg")) if stored.exists() else [], [])
