import io
import json
import unicodedata

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase, override_settings

from links.models import Link, LinkCategory
from links.services import seed_links
from school_site.env import load_environment
from schools.factories import SchoolFactory
from schools.models import School
from schools.services import create_school


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


SO = ("Sở Giáo dục và Đào tạo Quảng Ngãi", "https://quangngai.edu.vn/")
PHONG = ("Phòng Giáo dục và Đào tạo Sơn Tịnh", "https://sontinh.quangngai.edu.vn/")


def authority_links(school) -> list[tuple[str, str]]:
    links = Link.objects.for_school(school).filter(category__name="Cơ quan quản lý")
    return list(links.order_by("sort_order").values_list("title", "url"))


class TestAuthorityLinks(TestCase):
    """The Sở and the Phòng: from the install's setting, or given to ``create_school``."""

    @override_settings(PORTAL_AUTHORITY_LINKS=[SO, PHONG])
    def test_the_installs_setting_is_seeded_under_co_quan_quan_ly(self):
        school = SchoolFactory()
        self.assertEqual(authority_links(school), [SO, PHONG])
        self.assertEqual(Link.objects.for_school(school).count(), 5)
        seed_links(school=school)  # again: nothing doubled
        self.assertEqual(Link.objects.for_school(school).count(), 5)

    @override_settings(PORTAL_AUTHORITY_LINKS=[SO])
    def test_create_school_overrides_the_setting(self):
        school = create_school(
            name="Trường THCS Bình Minh", hostname="binhminh.example.vn", authority_links=[PHONG]
        )
        self.assertEqual(authority_links(school), [PHONG])
        none = create_school(name="Trường THCS C", hostname="c.example.vn", authority_links=[])
        self.assertEqual(authority_links(none), [])

    def test_titles_are_nfc_and_bad_links_create_no_school(self):
        decomposed = unicodedata.normalize("NFD", SO[0])
        school = create_school(
            name="Trường A", hostname="a.example.vn", authority_links=[(f" {decomposed} ", SO[1])]
        )
        self.assertEqual(authority_links(school), [SO])
        for bad in [("Sở", "quangngai.edu.vn"), ("Sở", "ftp://quangngai.edu.vn/"), ("", SO[1])]:
            with self.subTest(link=bad), self.assertRaises(ValidationError):
                create_school(name="Trường B", hostname="b.example.vn", authority_links=[bad])
        self.assertFalse(School.objects.filter(site__hostname="b.example.vn").exists())

    @override_settings(PORTAL_AUTHORITY_LINKS=[SO])
    def test_the_command_takes_authority_links(self):
        out = io.StringIO()
        call_command(
            "create_school", "--name", "Trường THCS Mới", "--hostname", "moi.example.vn",
            "--authority-link", *PHONG, stdout=out,
        )  # fmt: skip
        call_command(
            "create_school", "--name", "Trường THCS Khác", "--hostname", "khac.example.vn",
            "--no-authority-links", stdout=out,
        )  # fmt: skip
        call_command(
            "create_school", "--name", "Trường THCS Ba", "--hostname", "ba.example.vn", stdout=out
        )
        by_host = {s.site.hostname: s for s in School.objects.select_related("site")}
        self.assertEqual(authority_links(by_host["moi.example.vn"]), [PHONG])
        self.assertEqual(authority_links(by_host["khac.example.vn"]), [])
        self.assertEqual(authority_links(by_host["ba.example.vn"]), [SO])
        with self.assertRaises(CommandError):
            call_command(
                "create_school", "--name", "Trường Lỗi", "--hostname", "loi.example.vn",
                "--authority-link", "Sở", "khong-phai-dia-chi", stdout=out,
            )  # fmt: skip

    def test_the_demo_school_links_its_so(self):
        from schools.demo import create_demo_school

        school, _created = create_demo_school()
        self.assertIn(
            ("Sở Giáo dục và Đào tạo Quảng Ngãi", "https://quangngai.edu.vn/"),
            authority_links(school),
        )


class TestAuthorityLinksEnvironment(SimpleTestCase):
    """``PORTAL_AUTHORITY_LINKS`` is read through the typed environment schema."""

    def test_a_json_list_of_title_and_url(self):
        raw = json.dumps([{"title": SO[0], "url": SO[1]}, {"title": PHONG[0], "url": PHONG[1]}])
        env = load_environment({"PORTAL_AUTHORITY_LINKS": raw})
        self.assertEqual(env.authority_links, (SO, PHONG))
        self.assertEqual(load_environment({}).authority_links, ())

    def test_malformed_values_fail_loudly_naming_the_variable(self):
        for raw in (
            "not json",
            '{"title": "Sở", "url": "https://so.example.vn/"}',
            '[{"title": "Sở"}]',
            '[{"title": "", "url": "https://so.example.vn/"}]',
            '[{"title": "Sở", "url": "so.example.vn"}]',
            '["https://so.example.vn/"]',
        ):
            with (
                self.subTest(raw=raw),
                self.assertRaisesMessage(ImproperlyConfigured, "PORTAL_AUTHORITY_LINKS"),
            ):
                load_environment({"PORTAL_AUTHORITY_LINKS": raw})
