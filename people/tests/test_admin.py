"""The staff admin: listing and URLs confined to the school, units and user of the school only."""

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from people.factories import StaffMemberFactory, unit
from people.models import StaffMember
from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff

ADD = reverse("wagtailsnippets_people_staffmember:add")
LIST = reverse("wagtailsnippets_people_staffmember:list")


class TestStaffAdmin(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.b = SchoolFactory(name="Trường THCS Bình Minh", hostname="binhminh.example.vn")
        cls.secretary = make_staff(cls.a, "secretary")
        cls.teacher_b = make_staff(cls.b, "editor")
        cls.toan_a = unit(cls.a, "to-toan")
        cls.toan_b = unit(cls.b, "to-toan")
        cls.mine = StaffMemberFactory(school=cls.a, full_name="Trần Thị An", units=[cls.toan_a])
        cls.theirs = StaffMemberFactory(school=cls.b, full_name="Hoàng Thị Khác")

    def setUp(self):
        self.client.login(username=self.secretary.username, password=TEST_PASSWORD)

    def post(self, units=(), **extra):
        data = nested_form_data(
            {"school": self.a.pk, "full_name": "Nguyễn Văn Bình", "positions": "Hiệu trưởng",
             "sort_order": 0, "is_active": "on", **extra}
        )  # fmt: skip
        data["units"] = [str(pk) for pk in units]
        return self.client.post(ADD, data)

    def test_listing_and_urls_stay_within_the_school(self):
        listing = self.client.get(LIST)
        self.assertContains(listing, "Trần Thị An")
        self.assertContains(listing, "Tổ Toán")
        self.assertNotContains(listing, "Hoàng Thị Khác")
        for view in ("edit", "delete", "history"):
            theirs = reverse(f"wagtailsnippets_people_staffmember:{view}", args=[self.theirs.pk])
            self.assertEqual(self.client.get(theirs).status_code, 404)
            mine = reverse(f"wagtailsnippets_people_staffmember:{view}", args=[self.mine.pk])
            self.assertEqual(self.client.get(mine).status_code, 200)

    def test_filter_by_unit_offers_only_own_units(self):
        response = self.client.get(LIST, {"units": self.toan_a.pk})
        self.assertContains(response, "Trần Thị An")
        self.assertNotContains(response, f'value="{self.toan_b.pk}"')
        other = self.client.get(LIST, {"units": unit(self.a, "to-van").pk})
        self.assertNotContains(other, "Trần Thị An")

    def test_form_offers_only_the_schools_units_and_users(self):
        form = self.client.get(ADD).context["form"]
        units = form.fields["units"].queryset
        self.assertIn(self.toan_a.pk, units.values_list("pk", flat=True))
        self.assertNotIn(self.toan_b.pk, units.values_list("pk", flat=True))
        users = form.fields["user"].queryset
        self.assertIn(self.secretary, users)
        self.assertNotIn(self.teacher_b, users)

    def test_creates_a_member_with_units_and_user_of_the_school(self):
        response = self.post(units=[self.toan_a.pk], user=self.secretary.pk)
        self.assertEqual(response.status_code, 302)
        member = StaffMember.objects.get(full_name="Nguyễn Văn Bình")
        self.assertEqual(member.school, self.a)
        self.assertEqual(list(member.units.all()), [self.toan_a])
        self.assertEqual(member.user, self.secretary)
        self.assertFalse(member.email_is_public)
        self.assertFalse(member.phone_is_public)

    def test_another_schools_unit_or_user_is_refused(self):
        self.assertEqual(self.post(units=[self.toan_b.pk]).status_code, 200)
        self.assertEqual(self.post(user=self.teacher_b.pk).status_code, 200)
        self.assertFalse(StaffMember.objects.filter(full_name="Nguyễn Văn Bình").exists())
