"""Two schools on one install: staff of one school, in every role, can neither see nor change the
other school's pages, images, documents, snippets, users, groups or school settings, through the
admin views or by guessing URLs. Every negative check has a positive twin on the actor's own
school, so a test cannot pass by everything being hidden."""

from __future__ import annotations

import io
import json

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from links.models import Link
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff
from schools.plan import ROLE_CODES
from sections.factories import StandardPageFactory

Image = get_image_model()
Document = get_document_model()
User = get_user_model()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def make_image(school, title):
    return Image.objects.create(
        title=title,
        file=SimpleUploadedFile(f"{title}.png", png_bytes(), content_type="image/png"),
        collection=school.collection,
    )


def make_document(school, title):
    return Document.objects.create(
        title=title,
        file=SimpleUploadedFile(
            f"{title}.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"
        ),
        collection=school.collection,
    )


def chooser_html(response) -> str:
    """The HTML of an admin response, unwrapping the JSON that modal choosers answer with."""
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


class TwoSchools(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.staff = {
            (school.pk, role): make_staff(
                school, role, username=f"{role}-{tag}", first_name=f"{role}-{tag}"
            )
            for school, tag in ((cls.a, "a"), (cls.b, "b"))
            for role in ROLE_CODES
        }
        cls.news_a = cls.a.site.root_page.get_children().get(slug="tin-tuc-su-kien")
        cls.news_b = cls.b.site.root_page.get_children().get(slug="tin-tuc-su-kien")
        cls.page_a = StandardPageFactory(parent=cls.news_a, title="Tin riêng của An Phú")
        cls.page_b = StandardPageFactory(parent=cls.news_b, title="Tin riêng của Bình Minh")
        cls.image_a = make_image(cls.a, "anh-an-phu")
        cls.image_b = make_image(cls.b, "anh-binh-minh")
        cls.doc_a = make_document(cls.a, "van-ban-an-phu")
        cls.doc_b = make_document(cls.b, "van-ban-binh-minh")
        cls.link_a = Link.objects.create(school=cls.a, title="Liên kết An Phú", url="https://a.vn/")
        cls.link_b = Link.objects.create(
            school=cls.b, title="Liên kết Bình Minh", url="https://b.vn/"
        )

    def login(self, role, school=None):
        user = self.staff[((school or self.a).pk, role)]
        self.assertTrue(self.client.login(username=user.username, password=TEST_PASSWORD))
        return user

    def assertHidden(self, response, *texts):
        """Refused (403/404) or sent elsewhere (302), and nothing of the other school shown."""
        self.assertIn(response.status_code, {302, 403, 404}, response.content[:300])
        body = response.content.decode()
        for text in texts:
            self.assertNotIn(text, body)


class TestPages(TwoSchools):
    def test_every_role_sees_only_its_own_tree(self):
        for role in ROLE_CODES:
            with self.subTest(role=role):
                self.login(role)
                own = self.client.get(reverse("wagtailadmin_explore", args=[self.news_a.pk]))
                self.assertEqual(own.status_code, 200)
                self.assertContains(own, "Tin riêng của An Phú")
                other = self.client.get(reverse("wagtailadmin_explore", args=[self.news_b.pk]))
                self.assertNotContains(
                    other, "Tin riêng của Bình Minh", status_code=other.status_code
                )
                root = self.client.get(reverse("wagtailadmin_explore_root"))
                self.assertNotContains(root, "Bình Minh", status_code=root.status_code)

    def test_no_role_can_edit_add_or_delete_in_the_other_tree(self):
        for role in ROLE_CODES:
            with self.subTest(role=role):
                self.login(role)
                self.assertHidden(
                    self.client.get(reverse("wagtailadmin_pages:edit", args=[self.page_b.pk]))
                )
                self.assertHidden(
                    self.client.get(reverse("wagtailadmin_pages:delete", args=[self.page_b.pk]))
                )
                add = reverse(
                    "wagtailadmin_pages:add", args=["sections", "standardpage", self.news_b.pk]
                )
                self.assertHidden(self.client.get(add))
                response = self.client.post(
                    add, {"title": "Chen ngang", "slug": "chen-ngang", "action-publish": "1"}
                )
                self.assertHidden(response)
                self.assertFalse(self.news_b.get_children().filter(slug="chen-ngang").exists())
                self.assertHidden(
                    self.client.post(reverse("wagtailadmin_pages:unpublish", args=[self.page_b.pk]))
                )
                self.page_b.refresh_from_db()
                self.assertTrue(self.page_b.live)

    def test_own_tree_is_editable_by_roles_that_edit(self):
        for role in ("head", "deputy", "secretary", "editor", "sysadmin", "technical"):
            with self.subTest(role=role):
                self.login(role)
                response = self.client.get(
                    reverse("wagtailadmin_pages:edit", args=[self.page_a.pk])
                )
                self.assertEqual(response.status_code, 200)

    def test_admin_search_and_chooser_do_not_cross_schools(self):
        for role in ROLE_CODES:
            with self.subTest(role=role):
                self.login(role)
                search = self.client.get(reverse("wagtailadmin_pages:search"), {"q": "Tin riêng"})
                self.assertNotContains(search, "Bình Minh", status_code=search.status_code)
                chooser = chooser_html(self.client.get(reverse("wagtailadmin_choose_page")))
                self.assertNotIn("Bình Minh", chooser)
                self.assertIn("An Phú", chooser)
                inside = self.client.get(
                    reverse("wagtailadmin_choose_page_child", args=[self.news_b.pk])
                )
                if inside.status_code == 200:
                    self.assertNotIn("Tin riêng của Bình Minh", chooser_html(inside))
                own = chooser_html(
                    self.client.get(
                        reverse("wagtailadmin_choose_page_child", args=[self.news_a.pk])
                    )
                )
                self.assertIn("Tin riêng của An Phú", own)


class TestImagesAndDocuments(TwoSchools):
    def test_listings_and_choosers_show_only_own_collection(self):
        # Roles that may change others' files:
        editing_roles = {"head", "deputy", "secretary", "sysadmin", "technical"}
        for role in ROLE_CODES:
            with self.subTest(role=role):
                self.login(role)
                for app, own, other in (
                    ("wagtailimages", "anh-an-phu", "anh-binh-minh"),
                    ("wagtaildocs", "van-ban-an-phu", "van-ban-binh-minh"),
                ):
                    index = chooser_html(self.client.get(reverse(f"{app}:index")))
                    self.assertNotIn(other, index)
                    self.assertEqual(own in index, role in editing_roles)
                    chooser = chooser_html(self.client.get(reverse(f"{app}_chooser:choose")))
                    self.assertIn(own, chooser)
                    self.assertNotIn(other, chooser)

    def test_other_schools_files_cannot_be_opened_changed_or_deleted(self):
        for role in ROLE_CODES:
            with self.subTest(role=role):
                self.login(role)
                for name in ("edit", "delete"):
                    self.assertHidden(
                        self.client.get(reverse(f"wagtailimages:{name}", args=[self.image_b.pk]))
                    )
                    self.assertHidden(
                        self.client.get(reverse(f"wagtaildocs:{name}", args=[self.doc_b.pk]))
                    )
                self.assertHidden(
                    self.client.post(reverse("wagtailimages:delete", args=[self.image_b.pk]))
                )
                self.assertHidden(
                    self.client.post(reverse("wagtaildocs:delete", args=[self.doc_b.pk]))
                )
                self.assertHidden(
                    self.client.post(
                        reverse("wagtailimages:edit", args=[self.image_b.pk]), {"title": "bị sửa"}
                    )
                )
        self.assertTrue(Image.objects.filter(pk=self.image_b.pk, title="anh-binh-minh").exists())
        self.assertTrue(
            Document.objects.filter(pk=self.doc_b.pk, title="van-ban-binh-minh").exists()
        )

    def test_uploads_land_in_own_collection_only(self):
        self.login("contributor")
        response = self.client.post(
            reverse("wagtailimages:add"),
            {
                "title": "anh-moi",
                "file": SimpleUploadedFile("moi.png", png_bytes(), content_type="image/png"),
                "collection": self.b.collection.pk,
            },
        )
        self.assertFalse(
            Image.objects.filter(title="anh-moi", collection=self.b.collection).exists()
        )
        self.assertIn(response.status_code, {200, 302, 403})


class TestSnippets(TwoSchools):
    def test_listing_shows_only_own_links(self):
        for role in ("head", "deputy", "secretary", "sysadmin"):
            with self.subTest(role=role):
                self.login(role)
                response = self.client.get(reverse("wagtailsnippets_links_link:list"))
                self.assertContains(response, "Liên kết An Phú")
                self.assertNotContains(response, "Liên kết Bình Minh")

    def test_other_schools_link_urls_answer_404(self):
        for role in ROLE_CODES:
            with self.subTest(role=role):
                self.login(role)
                for view in ("edit", "delete", "history", "usage"):
                    url = reverse(f"wagtailsnippets_links_link:{view}", args=[self.link_b.pk])
                    self.assertHidden(self.client.get(url), "Liên kết Bình Minh")
                url = reverse("wagtailsnippets_links_link:edit", args=[self.link_b.pk])
                self.assertHidden(
                    self.client.post(url, {"title": "bị sửa", "url": "https://x.vn/"})
                )
        self.link_b.refresh_from_db()
        self.assertEqual(self.link_b.title, "Liên kết Bình Minh")

    def test_new_link_cannot_be_filed_under_another_school(self):
        self.login("head")
        url = reverse("wagtailsnippets_links_link:add")
        form = self.client.get(url)
        self.assertEqual(form.status_code, 200)
        self.client.post(
            url, {"school": self.b.pk, "title": "Gài vào", "url": "https://x.vn/", "sort_order": 0}
        )
        self.assertFalse(Link.objects.filter(title="Gài vào", school=self.b).exists())
        self.client.post(
            url, {"school": self.a.pk, "title": "Hợp lệ", "url": "https://ok.vn/", "sort_order": 0}
        )
        self.assertTrue(Link.objects.filter(title="Hợp lệ", school=self.a).exists())

    def test_bulk_delete_of_another_schools_link_is_refused(self):
        self.login("head")
        url = reverse("wagtail_bulk_action", args=["links", "link", "delete"])
        self.assertEqual(self.client.get(url, {"id": self.link_b.pk}).status_code, 404)
        self.assertEqual(self.client.post(f"{url}?id={self.link_b.pk}").status_code, 404)
        self.assertTrue(Link.objects.filter(pk=self.link_b.pk).exists())
        response = self.client.get(url, {"id": "all"})
        self.assertNotContains(response, "Liên kết Bình Minh", status_code=response.status_code)


class TestUsersAndGroups(TwoSchools):
    def test_sysadmin_lists_only_own_staff(self):
        self.login("sysadmin")
        response = self.client.get(reverse("wagtailusers_users:index"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "head-a")
        self.assertNotContains(response, "head-b")

    def test_other_schools_users_answer_404(self):
        self.login("sysadmin")
        victim = self.staff[(self.b.pk, "head")]
        for view in ("edit", "delete", "history"):
            with self.subTest(view=view):
                url = reverse(f"wagtailusers_users:{view}", args=[victim.pk])
                self.assertEqual(self.client.get(url).status_code, 404)
        self.client.post(reverse("wagtailusers_users:delete", args=[victim.pk]))
        self.assertTrue(User.objects.filter(pk=victim.pk).exists())

    def test_bulk_actions_on_other_schools_users_are_refused(self):
        self.login("sysadmin")
        victim = self.staff[(self.b.pk, "head")]
        url = reverse("wagtail_bulk_action", args=["auth", "user", "set_active_state"])
        self.assertEqual(self.client.get(url, {"id": victim.pk}).status_code, 404)
        response = self.client.get(url, {"id": "all"})
        self.assertNotContains(response, "head-b", status_code=response.status_code)
        self.assertContains(response, "head-a", status_code=response.status_code)

    def test_new_user_gets_only_own_groups_and_never_superuser(self):
        self.login("sysadmin")
        url = reverse("wagtailusers_users:add")
        form = self.client.get(url)
        self.assertContains(form, self.a.group_for("editor").name)
        self.assertNotContains(form, self.b.group_for("editor").name)
        self.assertNotContains(form, 'name="is_superuser"')
        data = {
            "username": "gv-moi",
            "email": "gv-moi@example.edu.vn",
            "first_name": "Lan",
            "last_name": "Nguyễn Thị",
            "password1": "mat-khau-rat-dai-2026",
            "password2": "mat-khau-rat-dai-2026",
            "groups": [self.b.group_for("head").pk],
            "is_superuser": "on",
        }
        self.client.post(url, data)
        self.assertFalse(User.objects.filter(username="gv-moi").exists())
        data["groups"] = [self.a.group_for("editor").pk]
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        user = User.objects.get(username="gv-moi")
        self.assertFalse(user.is_superuser)
        self.assertEqual(list(user.groups.all()), [self.a.group_for("editor")])

    def test_new_user_without_a_role_is_refused_with_a_message(self):
        self.login("sysadmin")
        response = self.client.post(
            reverse("wagtailusers_users:add"),
            {"username": "khong-nhom", "email": "k@example.edu.vn", "first_name": "K", "last_name": "L",
             "password1": "mat-khau-rat-dai-2026", "password2": "mat-khau-rat-dai-2026"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        self.assertFalse(User.objects.filter(username="khong-nhom").exists())

    def test_other_roles_have_no_user_or_group_management(self):
        for role in ("head", "deputy", "secretary", "editor", "contributor"):
            with self.subTest(role=role):
                self.login(role)
                self.assertHidden(self.client.get(reverse("wagtailusers_users:index")), "head-b")
        for role in ROLE_CODES:
            with self.subTest(role=role):
                self.login(role)
                self.assertHidden(self.client.get(reverse("wagtailusers_groups:index")))
                url = reverse("wagtailusers_groups:edit", args=[self.b.group_for("head").pk])
                self.assertHidden(self.client.get(url))

    def test_superuser_sees_both_schools(self):
        User.objects.create_superuser("tinh", "tinh@example.vn", TEST_PASSWORD)
        self.client.login(username="tinh", password=TEST_PASSWORD)
        response = self.client.get(reverse("wagtailusers_users:index"))
        self.assertContains(response, "head-a")
        self.assertContains(response, "head-b")


class TestSchoolInformation(TwoSchools):
    def test_head_edits_own_school_only(self):
        self.login("head")
        index = self.client.get(reverse("schools:index"))
        self.assertContains(index, "Trường THCS An Phú")
        self.assertNotContains(index, "Trường THCS Bình Minh")
        self.assertEqual(
            self.client.get(reverse("schools:edit", args=[self.b.pk])).status_code, 404
        )
        response = self.client.post(
            reverse("schools:edit", args=[self.a.pk]),
            {
                "name": "Trường THCS An Phú",
                "phone": "0255 111 222",
                "brand_colour": "#123456",
                "max_upload_mb": 20,
                "grades": "6,7,8,9",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.a.refresh_from_db()
        self.assertEqual(self.a.phone, "0255 111 222")

    def test_bad_colour_is_refused_with_the_form_kept(self):
        self.login("head")
        response = self.client.post(
            reverse("schools:edit", args=[self.a.pk]),
            {
                "name": "Trường THCS An Phú",
                "brand_colour": "red",
                "max_upload_mb": 20,
                "grades": "6,7,8,9",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.a.refresh_from_db()
        self.assertEqual(self.a.brand_colour, "#0b5394")


class TestGlobalAdminAreas(TwoSchools):
    def test_page_listing_filters_offer_only_own_site_and_staff(self):
        for role in ROLE_CODES:
            with self.subTest(role=role):
                self.login(role)
                response = self.client.get(
                    reverse("wagtailadmin_explore", args=[self.a.site.root_page.pk])
                )
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "Bình Minh")
                self.assertNotContains(response, "head-b")

    def test_reports_spanning_all_schools_are_superuser_only(self):
        self.login("head", self.b)
        self.client.post(reverse("wagtailsnippets_links_link:edit", args=[self.link_b.pk]),
                         {"title": "Liên kết Bình Minh mới", "url": "https://b.vn/", "sort_order": 0})  # fmt: skip
        for role in ROLE_CODES:
            with self.subTest(role=role):
                self.login(role)
                for name in (
                    "site_history",
                    "aging_pages",
                    "page_types_usage",
                    "workflow",
                    "workflow_tasks",
                ):
                    response = self.client.get(reverse(f"wagtailadmin_reports:{name}"))
                    self.assertEqual(response.status_code, 404)
                home = self.client.get(reverse("wagtailadmin_home"))
                self.assertNotContains(home, "Bình Minh")
        User.objects.create_superuser("tinh", "tinh@example.vn", TEST_PASSWORD)
        self.client.login(username="tinh", password=TEST_PASSWORD)
        self.assertEqual(
            self.client.get(reverse("wagtailadmin_reports:site_history")).status_code, 200
        )

    def test_no_request_for_gravatar(self):
        self.login("head")
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), "gravatar.com")


def test_no_global_groups_reach_every_school(db):
    """Wagtail's default "Moderators"/"Editors" groups (permissions on the whole tree) are gone."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    SchoolFactory()
    assert not GroupPagePermission.objects.filter(page__depth=1).exists()
    assert not GroupCollectionPermission.objects.filter(collection__depth=1).exists()
