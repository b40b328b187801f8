"""Renditions: one list of sets for the templates and the worker, made when an image is saved,
and the markup of a responsive picture (formats, sizes, dimensions, lazy loading)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template import Context, Template
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from galleries import renditions
from galleries.factories import AlbumPageFactory, make_photo
from galleries.renditions import SETS, picture_html
from galleries.tasks import generate_renditions
from links.models import Link
from news.factories import ArticlePageFactory
from people.factories import StaffMemberFactory
from schools.factories import TEST_PASSWORD, SchoolFactory, UserFactory
from sections.factories import StandardPageFactory

HOST = "anphu.example.vn"
ROOT = Path(__file__).resolve().parents[2]
Rendition = get_image_model().get_rendition_model()


def specs(image) -> set[str]:
    return set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))


class TestSets(SimpleTestCase):
    def test_every_spec_is_a_valid_wagtail_filter(self):
        for rendition_set in SETS.values():
            for spec in rendition_set.specs:
                with self.subTest(spec=spec):
                    self.assertTrue(Filter(spec=spec).operations)

    def test_specs_by_format(self):
        self.assertEqual(
            SETS["card"].specs,
            (
                "fill-400x250|format-avif", "fill-800x500|format-avif",
                "fill-400x250|format-webp", "fill-800x500|format-webp",
                "fill-400x250|format-jpeg", "fill-800x500|format-jpeg",
            ),
        )  # fmt: skip
        self.assertEqual(SETS["link_logo"].specs, ("max-160x64",))  # the original's format

    def test_templates_show_images_only_through_the_named_sets(self):
        """So the worker makes what the templates show: no template names a filter itself."""
        used = set()
        for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]:
            if ".venv" in path.parts:
                continue
            text = path.read_text()
            with self.subTest(template=str(path.relative_to(ROOT))):
                self.assertNotRegex(text, r"{%\s*(image|picture|srcset_image)\s")
                for name in re.findall(
                    r'{%\s*(?:responsive_image|rendition)\s+\S+\s+"(\w+)"', text
                ):
                    self.assertIn(name, SETS)
                    used.add(name)
        self.assertEqual(used, {n for n in SETS if n not in ("share", "share_logo")})


class RenditionsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory(name="Trường THCS An Phú", hostname=HOST, is_default=True)
        root = cls.school.site.root_page
        cls.news = root.get_children().get(slug="tin-tuc-su-kien").get_children()
        cls.content_specs = set(renditions.specs_of(*renditions.CONTENT_SETS))

    def setUp(self):
        cache.clear()  # Wagtail's rendition cache outlives the rolled-back renditions of other tests

    def saved_photo(self, title="Ảnh", size=(900, 600)):
        """A photo saved the way every upload is, its commit's side effects run."""
        with self.captureOnCommitCallbacks(execute=True):
            return make_photo(self.school.collection, title, size=size)


class TestMadeWhenSaved(RenditionsTestCase):
    def test_an_uploaded_image_gets_every_content_rendition(self):
        image = self.saved_photo()
        self.assertEqual(specs(image), self.content_specs)
        self.assertEqual(len(self.content_specs), 23)
        avif = Rendition.objects.get(image=image, filter_spec="width-480|format-avif")
        self.assertTrue(avif.file.name.endswith(".avif"))
        self.assertEqual((avif.width, avif.height), (480, 320))

    def test_only_missing_renditions_are_made_and_a_deleted_image_is_skipped(self):
        image = self.saved_photo()
        result = generate_renditions.enqueue(image.pk, list(renditions.CONTENT_SETS))
        self.assertEqual(result.return_value, 0)
        Rendition.objects.filter(image=image, filter_spec__startswith="fill-400x250").delete()
        result = generate_renditions.enqueue(image.pk, ["card"])
        self.assertEqual(result.return_value, 3)
        image.delete()
        self.assertEqual(generate_renditions.enqueue(image.pk, ["card"]).return_value, 0)

    def test_nothing_is_made_before_the_commit(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            image = make_photo(self.school.collection, "Ảnh")
        self.assertEqual(specs(image), set())
        self.assertEqual(len(callbacks), 1)

    def test_a_missing_original_makes_nothing_and_breaks_nothing(self):
        image = make_photo(self.school.collection, "Ảnh")
        image.file.storage.delete(image.file.name)
        self.assertEqual(generate_renditions.enqueue(image.pk, ["card"]).return_value, 0)
        html = picture_html(image, SETS["card"], {"alt": ""})
        self.assertIn("<img", html)

    def test_a_new_focal_point_gets_new_crops(self):
        image = self.saved_photo()
        image.set_focal_point(None)
        image.focal_point_x, image.focal_point_y = 100, 100
        image.focal_point_width = image.focal_point_height = 50
        with self.captureOnCommitCallbacks(execute=True):
            image.save()
        key = Filter(spec="fill-400x250|format-jpeg").get_cache_key(image)
        self.assertTrue(key)
        self.assertTrue(
            Rendition.objects.filter(
                image=image, filter_spec="fill-400x250|format-jpeg", focal_point_key=key
            ).exists()
        )

    def test_a_replaced_file_in_the_admin_gets_fresh_renditions(self):
        admin = UserFactory(is_superuser=True)
        self.client.login(username=admin.username, password=TEST_PASSWORD)
        image = self.saved_photo()
        old = set(Rendition.objects.filter(image=image).values_list("file", flat=True))
        buffer = io.BytesIO()
        PILImage.new("RGB", (1000, 500), (10, 20, 200)).save(buffer, "JPEG")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("wagtailimages:edit", args=[image.pk]),
                {
                    "title": "Ảnh mới",
                    "collection": self.school.collection.pk,
                    "file": SimpleUploadedFile("anh-moi.jpg", buffer.getvalue()),
                },
            )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(specs(image), self.content_specs)
        new = set(Rendition.objects.filter(image=image).values_list("file", flat=True))
        self.assertFalse(old & new)
        self.assertEqual(
            Rendition.objects.get(image=image, filter_spec="width-480|format-jpeg").height, 240
        )

    def test_staff_photos_and_logos_get_their_own_sets(self):
        photo, logo, school_logo = (self.saved_photo(t) for t in ("Cán bộ", "Logo", "Trường"))
        with self.captureOnCommitCallbacks(execute=True):
            StaffMemberFactory(school=self.school, photo=photo)
            Link.objects.create(school=self.school, title="Sở", url="https://so.vn/", logo=logo)
            self.school.logo = school_logo
            self.school.save()
        self.assertEqual(specs(photo), self.content_specs | set(SETS["staff_photo"].specs))
        self.assertEqual(specs(logo), self.content_specs | {"max-160x64"})
        self.assertEqual(
            specs(school_logo), self.content_specs | {"height-80", "height-160", "max-1200x630"}
        )


class TestPagesUseTheMadeRenditions(RenditionsTestCase):
    """Once the worker has run, showing the public pages makes no rendition at all."""

    def test_no_rendition_is_made_while_pages_are_shown(self):
        cover, body, first, second, staff, logo = (self.saved_photo(f"Ảnh {n}") for n in range(6))
        with self.captureOnCommitCallbacks(execute=True):
            self.school.logo = logo
            self.school.save()
            StaffMemberFactory(school=self.school, photo=staff)
            Link.objects.create(school=self.school, title="Sở", url="https://so.vn/", logo=logo)
        article = ArticlePageFactory(
            parent=self.news.get(slug="tin-tuc"), cover_image=cover,
            body=[("image", {"image": body, "alt_text": "Ảnh", "caption": ""})],
        )  # fmt: skip
        album = AlbumPageFactory(parent=self.news.get(slug="thu-vien-anh"))
        album.photos.create(image=first, sort_order=0)
        album.photos.create(image=second, sort_order=1)
        album.save()
        page = StandardPageFactory(
            parent=self.school.site.root_page.get_children().get(slug="gioi-thieu"),
            body=[("image", {"image": body, "alt_text": "Ảnh", "caption": ""})],
        )
        before = Rendition.objects.count()
        for path in ("/", article.url, album.url, page.url, "/tin-tuc-su-kien/tin-tuc/",
                     "/tin-tuc-su-kien/thu-vien-anh/", "/can-bo/", "/trang-lien-ket/",
                     "/rss/"):  # fmt: skip
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path, HTTP_HOST=HOST).status_code, 200)
                self.assertEqual(Rendition.objects.count(), before)


class TestMarkup(RenditionsTestCase):
    def render(self, source: str, **context) -> str:
        return Template("{% load responsive_images %}" + source).render(Context(context))

    def test_a_picture_with_avif_and_webp_sources_and_a_jpeg_fallback(self):
        image = self.saved_photo(size=(1600, 1000))
        html = self.render('{% responsive_image image "wide" alt="Lễ khai giảng" %}', image=image)
        sources = re.findall(r"<source [^>]*>", html)
        self.assertEqual(
            [re.search(r'type="([^"]+)"', s).group(1) for s in sources],
            ["image/avif", "image/webp"],
        )
        for source in sources:
            self.assertRegex(source, r'srcset="\S+ 480w, \S+ 800w, \S+ 1200w"')
            self.assertIn('sizes="(max-width: 800px) 100vw, 800px"', source)
        img = re.search(r"<img [^>]*>", html).group(0)
        self.assertRegex(img, r'src="/media/images/[^"]+\.width-480\.format-jpeg\.jpg"')
        self.assertIn('width="480"', img)
        self.assertIn('height="300"', img)
        self.assertIn('sizes="(max-width: 800px) 100vw, 800px"', img)
        self.assertRegex(img, r'srcset="\S+ 480w, \S+ 800w, \S+ 1200w"')
        self.assertIn('alt="Lễ khai giảng"', img)
        self.assertIn('loading="lazy"', img)
        self.assertIn('decoding="async"', img)
        self.assertNotIn("fetchpriority", img)
        self.assertTrue(html.startswith("<picture>") and html.endswith("</picture>"))

    def test_the_main_picture_is_fetched_first_never_lazily(self):
        image = self.saved_photo()
        html = self.render('{% responsive_image image "wide" priority=True %}', image=image)
        self.assertIn('fetchpriority="high"', html)
        self.assertNotIn("loading=", html)
        self.assertIn('alt="Ảnh"', html)  # the image's own text when none is given

    def test_fixed_size_pictures_use_density_descriptors(self):
        image = self.saved_photo(size=(600, 800))
        html = self.render('{% responsive_image image "staff_photo" alt="" %}', image=image)
        img = re.search(r"<img [^>]*>", html).group(0)
        self.assertRegex(img, r'srcset="\S+fill-120x160\S+ 1x, \S+fill-240x320\S+ 2x"')
        self.assertNotIn("sizes=", html)
        self.assertIn('width="120"', img)
        self.assertIn('height="160"', img)

    def test_a_small_original_is_never_offered_twice(self):
        image = self.saved_photo(size=(500, 300))
        html = self.render('{% responsive_image image "wide" alt="" %}', image=image)
        img = re.search(r"<img [^>]*>", html).group(0)
        self.assertRegex(img, r'srcset="\S+ 480w, \S+ 500w"')

    def test_one_format_gives_a_lone_img_and_no_image_gives_nothing(self):
        image = self.saved_photo(size=(400, 100))
        html = self.render(
            '{% responsive_image image "link_logo" alt="" loading="eager" %}', image=image
        )
        self.assertTrue(html.startswith("<img"))
        self.assertIn('width="160"', html)
        self.assertIn('height="40"', html)
        self.assertNotIn("srcset", html)
        self.assertNotIn("loading=", html)
        self.assertEqual(self.render('{% responsive_image image "card" %}', image=None), "")

    def test_the_rendition_tag(self):
        image = self.saved_photo(size=(2000, 1000))
        html = self.render(
            '{% rendition image "album_large" as large %}{{ large.url }} {{ large.width }}',
            image=image,
        )
        self.assertRegex(html, r"^/media/images/\S+\.max-1600x1600\.format-jpeg\.jpg 1600$")

    def test_an_unknown_set_is_an_error(self):
        image = self.saved_photo()
        with self.assertRaisesMessage(ValueError, "Unknown rendition set 'banner'"):
            self.render('{% responsive_image image "banner" %}', image=image)


class TestMakeRenditionsCommand(RenditionsTestCase):
    """``manage.py make_renditions``: for images saved before the sets existed."""

    def run_command(self, *args) -> str:
        out = io.StringIO()
        call_command("make_renditions", *args, stdout=out)
        return out.getvalue()

    def test_dry_run_counts_then_a_run_makes_every_missing_rendition(self):
        photo = make_photo(self.school.collection, "Ảnh cũ")  # not committed: no worker ran
        portrait = make_photo(self.school.collection, "Cán bộ")
        StaffMemberFactory(school=self.school, photo=portrait)
        staff_specs = self.content_specs | set(SETS["staff_photo"].specs)
        self.assertRegex(self.run_command("--dry-run"), rf"\b2\b.*\b2\b.*\b{23 + 23 + 6}\b")
        self.assertEqual(specs(photo), set())
        self.run_command("--school", HOST)
        self.assertEqual(specs(photo), self.content_specs)
        self.assertEqual(specs(portrait), staff_specs)
        self.assertRegex(self.run_command("--dry-run"), r"^0\b")

    def test_an_unknown_school_is_an_error(self):
        with self.assertRaises(CommandError):
            self.run_command("--school", "khong-co.example.vn")
