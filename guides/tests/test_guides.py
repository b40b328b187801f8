"""The user guide in the admin: who reads what, the help menu, safe rendering, the screenshots."""

from __future__ import annotations

import json
import re

from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.urls import reverse

from guides.rendering import render_markdown
from guides.selectors import GUIDES_DIR, IMAGES_DIR, ROLE_GUIDES, rendered_guide
from schools.factories import SchoolFactory, UserFactory, make_staff

MINE = reverse("guides_mine")
INDEX = reverse("guides_index")


def title_of(slug: str) -> str:
    return rendered_guide(slug).title


class TestReadingTheGuide(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.school = SchoolFactory(name="Trường THCS An Phú", hostname="anphu.example.vn")
        cls.people = {
            role: make_staff(cls.school, role)
            for role in ("head", "deputy", "secretary", "editor", "contributor", "sysadmin")
        }
        cls.people["technical"] = make_staff(cls.school, "technical")

    def read(self, user, url=MINE):
        self.client.force_login(user)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_help_menus_guide_is_the_page_of_the_users_role(self):
        guide_of = {role: slug for slug, roles in ROLE_GUIDES for role in roles}
        for role, user in self.people.items():
            with self.subTest(role=role):
                response = self.read(user)
                self.assertEqual(response.context["guide"].slug, guide_of[role])
                self.assertContains(response, "<h1", count=1)
                self.assertContains(response, title_of(guide_of[role]))

    def test_the_users_role_comes_first_in_the_list_of_guides(self):
        response = self.read(self.people["secretary"], INDEX)
        self.assertEqual([g.slug for g in response.context["my_guides"]], ["thu-ky"])
        self.assertNotIn("thu-ky", [g.slug for g in response.context["role_guides"]])
        text = response.content.decode()
        self.assertLess(text.index("Dành cho vai trò của anh/chị"), text.index("Các vai trò khác"))
        self.assertLess(
            text.index('href="/admin/huong-dan/thu-ky/"'), text.index("Các vai trò khác")
        )

    def test_the_contents_page_is_the_readme_and_lists_every_guide(self):
        response = self.read(self.people["contributor"], INDEX)
        self.assertEqual(response.context["guide"].title, title_of(None))
        for path in GUIDES_DIR.glob("*.md"):
            if path.name != "README.md":
                self.assertContains(response, f'href="/admin/huong-dan/{path.stem}/"')

    def test_a_user_without_a_school_role_gets_the_contents(self):
        plain = UserFactory()
        group = Group.objects.create(name="Chỉ vào trang quản trị")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        plain.groups.add(group)
        response = self.read(plain)
        self.assertEqual(response.context["guide"].slug, "")
        self.assertEqual(response.context["my_guides"], [])

    def test_a_superuser_gets_the_system_administrators_guide(self):
        boss = UserFactory(is_superuser=True, is_staff=True)
        self.assertEqual(self.read(boss).context["guide"].slug, "quan-tri-vien")

    def test_every_guide_opens(self):
        user = self.people["editor"]
        for path in GUIDES_DIR.glob("*.md"):
            if path.name == "README.md":
                continue
            with self.subTest(guide=path.stem):
                response = self.read(user, reverse("guides_page", args=[path.stem]))
                self.assertContains(response, "portal-guide__text")

    def test_visitors_are_sent_to_the_login(self):
        for url in (MINE, INDEX, reverse("guides_page", args=["thu-ky"])):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn("/admin/login/", response["Location"])

    def test_unknown_guides_and_strange_names_are_not_found(self):
        self.client.force_login(self.people["contributor"])
        for url in (
            "/admin/huong-dan/khong-co/",
            "/admin/huong-dan/README/",
            "/admin/huong-dan/..%2Farchitecture/",
            "/admin/huong-dan/..%2F..%2Fdocs%2Farchitecture/",
            "/admin/huong-dan/anh/khong-co.png",
            "/admin/huong-dan/anh/..%2F..%2Fglossary.png",
            "/admin/huong-dan/anh/huong-dan.svg",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url, follow=True).status_code, 404)

    def test_screenshots_are_served_as_png_to_signed_in_users(self):
        name = sorted(IMAGES_DIR.glob("*.png"))[0].name
        url = reverse("guides_image", args=[name])
        self.assertEqual(self.client.get(url).status_code, 302)  # visitors: the login
        self.client.force_login(self.people["contributor"])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(b"".join(response.streaming_content)[:8], b"\x89PNG\r\n\x1a\n")

    def test_the_help_menu_offers_the_guide_and_not_wagtails_english_pages(self):
        self.client.force_login(self.people["editor"])
        page = self.client.get("/admin/").content.decode()
        props = re.search(
            r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', page, re.S
        )
        text = json.dumps(json.loads(props.group(1)), ensure_ascii=False)
        self.assertIn('"label": "Hướng dẫn sử dụng"', text)
        self.assertIn(f'"url": "{MINE}"', text)
        self.assertIn('"label": "Mục lục hướng dẫn"', text)
        self.assertNotIn("guide.wagtail.org", text)
        self.assertNotIn("whats-new", text)
        # The dashboard's account summary links here instead of Wagtail's editor guide.
        self.assertIn(f'href="{MINE}"', page)
        self.assertNotIn("guide.wagtail.org", page)


class TestRendering(TestCase):
    def test_links_between_guides_and_screenshots_point_into_the_admin(self):
        html = render_markdown(
            "[Phân công](phan-cong.md), [bảng](phan-cong.md#bang-phan-cong), "
            "[mục lục](README.md), [ngoài](https://moet.gov.vn/), [quản trị](/admin/cong-viec/)"
            "\n\n![Ảnh](anh/thu-ky-viec-cua-toi.png)"
        )
        self.assertIn('href="/admin/huong-dan/phan-cong/"', html)
        self.assertIn('href="/admin/huong-dan/phan-cong/#bang-phan-cong"', html)
        self.assertIn(f'href="{INDEX}"', html)
        self.assertIn('href="https://moet.gov.vn/"', html)
        self.assertIn('href="/admin/cong-viec/"', html)
        self.assertIn('src="/admin/huong-dan/anh/thu-ky-viec-cua-toi.png"', html)
        self.assertIn('alt="Ảnh"', html)
        self.assertIn('<a href="/admin/huong-dan/anh/thu-ky-viec-cua-toi.png"><img', html)  # zoom

    def test_other_links_lose_their_target_and_markup_is_sanitised(self):
        html = render_markdown(
            "[kiến trúc](../architecture.md) [x](javascript:alert(1)) ![y](../../secret.png)\n\n"
            '<script>alert(1)</script><img src="anh/a.png" onerror="alert(1)">'
            '<a href="phan-cong.md" onclick="alert(1)" style="color:red">z</a>'
        )
        for unsafe in ("architecture.md", "javascript:", "secret.png", "<script", "onerror",
                       "onclick", "style="):  # fmt: skip
            self.assertNotIn(unsafe, html)
        self.assertIn("kiến trúc", html)

    def test_headings_get_vietnamese_anchors(self):
        self.assertIn('<h2 id="sao-luu-va-phuc-hoi">', render_markdown("## Sao lưu và phục hồi"))

    def test_lists_read_as_on_github(self):
        html = render_markdown(
            "1. Chọn:\n   - **Một**: a;\n   - **Hai**: b.\n\n   Ghi chú.\n2. Bước hai.\n"
            "Đoạn văn:\n- mục"
        )
        self.assertEqual(html.count("<li>"), 5)
        self.assertIn("<ul>", html)
        self.assertNotIn("Ghi chú.\n2.", html)

    def test_code_blocks_are_kept(self):
        html = render_markdown('```bash\nportal create_school --name "A"\n```')
        self.assertIn("<pre><code", html)
        self.assertIn("portal create_school", html)


class TestTheGuideItself(TestCase):
    """The Markdown files: screenshots exist, links lead somewhere, one page per role."""

    def test_every_role_of_the_plan_has_its_page(self):
        from schools.plan import ROLE_CODES

        covered = {role for _, roles in ROLE_GUIDES for role in roles}
        self.assertEqual(covered, set(ROLE_CODES))
        for slug, _ in ROLE_GUIDES:
            self.assertTrue((GUIDES_DIR / f"{slug}.md").is_file(), slug)

    def test_every_screenshot_and_every_link_of_the_guide_exists(self):
        for path in GUIDES_DIR.glob("*.md"):
            text = path.read_text(encoding="utf-8")
            for name in re.findall(r"\]\(anh/([^)]+)\)", text):
                with self.subTest(guide=path.name, image=name):
                    self.assertRegex(name, r"^[a-z0-9-]+\.png$")
                    self.assertTrue((IMAGES_DIR / name).is_file())
            for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", text):
                with self.subTest(guide=path.name, link=target):
                    self.assertTrue((GUIDES_DIR / target).is_file())

    def test_screenshots_are_small(self):
        for path in IMAGES_DIR.glob("*.png"):
            with self.subTest(image=path.name):
                self.assertLess(path.stat().st_size, 200_000)
