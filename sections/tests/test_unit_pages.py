"""A unit's page (a sub-section of "Cơ cấu tổ chức" or "Tổ chuyên môn"): its introduction,
members (public fields only), achievements, duties, news, documents and resources, in a fixed
number of queries; the two text fields in the page editor."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from news.factories import ArticlePageFactory
from official_docs.factories import OfficialDocumentFactory
from people.factories import StaffMemberFactory, unit
from resources.factories import ResourceFactory
from schools.factories import TEST_PASSWORD, SchoolFactory

HOST = "anphu.example.vn"


class UnitPageTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory(name="Trường THCS An Phú", hostname=HOST, is_default=True)
        cls.maths = unit(cls.school, "to-toan")
        cls.maths.intro = "<p>Tổ Toán gồm các giáo viên dạy Toán của trường.</p>"
        cls.maths.achievements = "<ul><li>Tổ lao động tiên tiến năm học 2024-2025.</li></ul>"
        cls.maths.duties = "<ul><li>Bồi dưỡng học sinh giỏi môn Toán.</li></ul>"
        cls.maths.save_revision().publish()
        cls.maths.refresh_from_db()

    def get(self, page):
        return self.client.get(page.url, HTTP_HOST=HOST)

    def add_items(self, count: int, start: int = 0) -> None:
        """``count`` members, articles, documents and resources of the maths team."""
        for n in range(start, start + count):
            StaffMemberFactory(
                school=self.school, full_name=f"Giáo viên Toán {n:02d}", units=[self.maths],
                phone=f"0905 111 {n:03d}", official_email=f"gv{n}@anphu.edu.vn",
            )  # fmt: skip
            ArticlePageFactory(parent=self.maths, title=f"Tin tổ Toán {n:02d}")
            OfficialDocumentFactory(school=self.school, unit=self.maths)
            ResourceFactory(school=self.school, team=self.maths, title=f"Chuyên đề Toán {n:02d}")


class TestUnitPage(UnitPageTestCase):
    def test_shows_introduction_members_achievements_duties_news_documents_resources(self):
        self.add_items(1)
        response = self.get(self.maths)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Tổ Toán gồm các giáo viên", html)
        self.assertIn('class="slot unit-members"', html)
        self.assertIn("Giáo viên Toán 00", html)
        self.assertIn('id="unit-achievements-title">Thành tích<', html)
        self.assertIn("Tổ lao động tiên tiến năm học 2024-2025.", html)
        self.assertIn('id="unit-duties-title">Nhiệm vụ<', html)
        self.assertIn("Bồi dưỡng học sinh giỏi môn Toán.", html)
        self.assertIn("Tin tổ Toán 00", html)
        self.assertIn('class="slot unit-documents"', html)
        self.assertIn('class="slot team-resources"', html)
        self.assertIn("Chuyên đề Toán 00", html)
        # The order of the issue: who, what they achieved, what they do, then their news.
        positions = [
            html.index(marker)
            for marker in ("unit-members", "unit-achievements", "unit-duties", "Tin tổ Toán 00")
        ]
        self.assertEqual(positions, sorted(positions))

    def test_private_email_and_phone_of_members_never_shown(self):
        self.add_items(2)
        html = self.get(self.maths).content.decode()
        for n in range(2):
            self.assertNotIn(f"0905 111 {n:03d}", html)
            self.assertNotIn(f"gv{n}@anphu.edu.vn", html)

    def test_units_without_achievements_or_duties_show_no_empty_headings(self):
        literature = unit(self.school, "to-van")
        response = self.get(literature)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "unit-achievements")
        self.assertNotContains(response, "unit-duties")

    def test_query_count_does_not_grow_with_members_news_documents_and_resources(self):
        def count() -> int:
            self.get(self.maths)  # warm caches (site root paths, ...)
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.get(self.maths).status_code, 200)
            return len(queries)

        self.add_items(1)
        small = count()
        self.add_items(12, start=1)
        self.assertEqual(count(), small)
        self.assertLessEqual(small, 40)


class TestUnitPageEditor(UnitPageTestCase):
    def test_achievements_and_duties_are_in_the_content_panels(self):
        get_user_model().objects.create_superuser("admin", "admin@example.vn", TEST_PASSWORD)
        self.client.login(username="admin", password=TEST_PASSWORD)
        response = self.client.get(f"/admin/pages/{self.maths.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("achievements", form.fields)
        self.assertIn("duties", form.fields)
        self.assertContains(response, "Thành tích")
        self.assertContains(response, "Nhiệm vụ")
