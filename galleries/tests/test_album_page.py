"""The public album page: responsive lazy thumbnails, links to the large photo, the lightbox."""

from __future__ import annotations

import re

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from galleries.factories import AlbumPageFactory, add_photos
from schools.factories import SchoolFactory

HOST = "anphu.example.vn"


class TestAlbumPage(TestCase):
    """Photos are made in ``setUp``: files written in ``setUpTestData`` would land outside the
    per-test media folder (``conftest._media_root``)."""

    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory(name="Trường THCS An Phú", hostname=HOST)
        cls.gallery = (
            cls.school.site.root_page.get_children()
            .get(slug="tin-tuc-su-kien")
            .get_children()
            .get(slug="thu-vien-anh")
        )
        cls.album = AlbumPageFactory(parent=cls.gallery, title="Khai giảng năm học mới")

    def setUp(self):
        add_photos(self.album, self.school.collection, count=3)

    def get(self, page):
        return self.client.get(page.url, HTTP_HOST=HOST)

    def test_thumbnails_are_responsive_pictures_with_dimensions_and_captions_lazy_but_the_first(
        self,
    ):
        response = self.get(self.album)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        pictures = re.findall(r"<picture>.*?</picture>", html, flags=re.S)
        self.assertEqual(len(pictures), 3)
        for number, picture in enumerate(pictures):
            self.assertIn('type="image/avif"', picture)
            self.assertIn('type="image/webp"', picture)
            img = re.search(r"<img [^>]*>", picture).group(0)
            if number == 0:  # the page's main picture is fetched first, never lazily
                self.assertIn('fetchpriority="high"', img)
                self.assertNotIn("loading=", img)
            else:
                self.assertIn('loading="lazy"', img)
                self.assertNotIn("fetchpriority", img)
            self.assertRegex(img, r'width="\d+"')
            self.assertRegex(img, r'height="\d+"')
            self.assertIn("srcset=", img)
            self.assertIn("sizes=", img)
        for n in (1, 2, 3):
            self.assertContains(
                response,
                f'<figcaption class="album-grid__caption">Ảnh {n}</figcaption>',
                html=False,
            )
            self.assertContains(response, f'alt="Ảnh {n}"')

    def test_each_thumbnail_links_to_a_large_rendition_and_the_lightbox_is_loaded(self):
        response = self.get(self.album)
        links = re.findall(
            r'<a class="album-grid__link" href="([^"]+)" data-lightbox-item',
            response.content.decode(),
        )
        self.assertEqual(len(links), 3)
        for href in links:
            self.assertRegex(href, r"^/media/images/.+\.max-1600x1600\.format-jpeg\.jpg$")
        self.assertContains(response, "js/lightbox.js")
        self.assertContains(response, 'data-label-close="')

    def test_the_lightbox_script_is_not_loaded_elsewhere(self):
        self.assertNotContains(self.get(self.gallery), "lightbox.js")

    def test_an_empty_album_says_so(self):
        empty = AlbumPageFactory(parent=self.gallery, title="Album trống")
        response = self.get(empty)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "<picture>")

    def test_query_count_does_not_grow_with_the_number_of_photos(self):
        small = AlbumPageFactory(parent=self.gallery, title="Album nhỏ")
        add_photos(small, self.school.collection, count=2)
        large = AlbumPageFactory(parent=self.gallery, title="Album lớn")
        add_photos(large, self.school.collection, count=8)
        self.get(small), self.get(large)  # renditions are made on the first view
        with CaptureQueriesContext(connection) as few:
            self.get(small)
        with CaptureQueriesContext(connection) as many:
            self.get(large)
        self.assertEqual(len(few), len(many), [q["sql"] for q in many.captured_queries])
