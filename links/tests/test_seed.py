from django.test import TestCase

from links.models import Link, LinkCategory
from links.services import seed_links
from schools.factories import SchoolFactory


class TestSeed(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory()

    def test_a_new_school_gets_categories_and_the_sectors_systems(self):
        self.assertEqual(
            list(LinkCategory.objects.for_school(self.school).values_list("name", flat=True)),
            ["Hệ thống của ngành", "Cơ quan quản lý", "Khác"],
        )
        links = Link.objects.for_school(self.school).select_related("category")
        self.assertEqual(
            {(link.url, link.category.name) for link in links},
            {
                ("https://truonghocketnoi.edu.vn/", "Hệ thống của ngành"),
                ("https://vnedu.vn/", "Hệ thống của ngành"),
                ("https://csdl.moet.gov.vn/", "Hệ thống của ngành"),
            },
        )

    def test_seeding_again_adds_nothing(self):
        seed_links(school=self.school)
        self.assertEqual(LinkCategory.objects.for_school(self.school).count(), 3)
        self.assertEqual(Link.objects.for_school(self.school).count(), 3)

    def test_each_school_has_its_own(self):
        other = SchoolFactory()
        self.assertEqual(Link.objects.for_school(other).count(), 3)
        self.assertFalse(
            Link.objects.for_school(other).filter(category__school=self.school).exists()
        )
