"""The link form offers, and accepts, only the categories of the actor's school."""

from django.test import TestCase
from django.urls import reverse

from links.models import Link, LinkCategory
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff

ADD = reverse("wagtailsnippets_links_link:add")
LIST = reverse("wagtailsnippets_links_link:list")


class TestLinkAdmin(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.secretary = make_staff(cls.a, "secretary")
        cls.cat_a = LinkCategory.objects.get(school=cls.a, name="Khác")
        cls.cat_b = LinkCategory.objects.get(school=cls.b, name="Khác")

    def setUp(self):
        self.client.login(username=self.secretary.username, password=TEST_PASSWORD)

    def post(self, category):
        data = {
            "school": self.a.pk,
            "category": category.pk,
            "title": "Thư viện số",
            "url": "https://thuvien.example.vn/",
            "description": "",
            "show_in_footer": "on",
            "sort_order": 0,
        }
        return self.client.post(ADD, data)

    def test_form_offers_only_own_categories(self):
        response = self.client.get(ADD)
        self.assertEqual(response.status_code, 200)
        choices = response.context["form"].fields["category"].queryset
        self.assertIn(self.cat_a, choices)
        self.assertNotIn(self.cat_b, choices)

    def test_a_link_in_an_own_category_is_saved(self):
        self.assertEqual(self.post(self.cat_a).status_code, 302)
        self.assertEqual(Link.objects.get(title="Thư viện số").category, self.cat_a)

    def test_another_schools_category_is_refused(self):
        response = self.post(self.cat_b)
        self.assertEqual(response.status_code, 200)
        self.assertIn("category", response.context["form"].errors)
        self.assertFalse(Link.objects.filter(title="Thư viện số").exists())

    def test_category_filter_offers_only_own_categories(self):
        response = self.client.get(LIST)
        self.assertEqual(response.status_code, 200)
        choices = response.context["filters"].form.fields["category"].queryset
        self.assertIn(self.cat_a, choices)
        self.assertNotIn(self.cat_b, choices)
