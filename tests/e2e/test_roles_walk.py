"""Every demo account walks its main admin screens in a real browser: the screens open, the help
menu opens the guide of the account's role, and nothing the person sees or hears is English
(``interface_text``: the admin's and our catalogues' English messages, common English interface
words; a short named allow-list). On the way it takes the screenshots of the user guide
(``docs/huong-dan/anh/``): with ``UPDATE_GUIDE_SCREENSHOTS=1`` they replace the committed ones
(palette PNG, 1280×800), otherwise they go to ``var/screenshots/guides/`` for a look.

One test, one demo school (``schools.demo.create_demo_school``, with items waiting in the
workflow), one browser context per role: building the demo takes seconds, and a browser test
flushes the database after itself.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from schools.demo import DEMO_PASSWORD

from .conftest import Tab
from .interface_text import english_lines, sidebar_labels, visible_texts

pytestmark = pytest.mark.e2e

GUIDE_DIR = Path(__file__).resolve().parents[2] / "docs" / "huong-dan"
UPDATE = os.environ.get("UPDATE_GUIDE_SCREENSHOTS") == "1"
WIDTH = 1280

CONTENT_ROLES = {"truongban", "phoban", "thuky", "quantri", "kythuat"}
ASSIGNING = {"truongban", "phoban", "quantri"}
# The article each account opens in the editor: the contributor's own (waiting for the
# secretary), the one in review for the head, deputy and reviewer, a published one otherwise.
GATHERING = "Câu lạc bộ tiếng Anh ra mắt"
IN_REVIEW = "Hội thi giáo viên dạy giỏi cấp trường"
PUBLISHED = "Khai giảng năm học mới"
ARTICLE_FOR = {
    "congtacvien": GATHERING,
    "thuky": GATHERING,
    "bientapvien": IN_REVIEW,
    "truongban": IN_REVIEW,
    "phoban": IN_REVIEW,
    "quantri": PUBLISHED,
    "kythuat": PUBLISHED,
}
SNIPPETS = {
    "official documents": "official_docs/officialdocument",
    "resources": "resources/resource",
    "staff": "people/staffmember",
    "work calendar": "schedules/workweek",
    "links": "links/link",
}


@dataclass(frozen=True)
class Screen:
    key: str
    path: str
    shot: str = ""  # the guide's screenshot taken here (docs/huong-dan/anh/<shot>.png)
    action: Callable[[Page], None] | None = None  # open a menu or a tab, scroll


def open_more_actions(page: Page) -> None:
    page.locator("footer .w-dropdown__toggle").first.click()
    expect(page.locator("footer [data-w-dropdown-target=content]").first).to_be_visible()


def open_roles_tab(page: Page) -> None:
    page.locator("#tab-label-roles").click()
    expect(page.locator("#tab-roles")).to_be_visible()


def show_month_report(page: Page) -> None:
    page.evaluate("document.getElementById('month-report').scrollIntoView({block: 'start'})")


def screens(username: str, ids: dict) -> list[Screen]:
    """The main screens of one account, with the guide's screenshots taken on them."""
    found = [
        Screen("dashboard", "/admin/"),
        Screen("page explorer", f"/admin/pages/{ids['home']}/"),
        Screen("section", f"/admin/pages/{ids['news']}/"),
        Screen("edit an article", f"/admin/pages/{ids[ARTICLE_FOR[username]]}/edit/"),
        Screen("add an article", f"/admin/pages/add/news/articlepage/{ids['news']}/"),
        Screen("images", "/admin/images/"),
        Screen("add images", "/admin/images/multiple/add/"),
        Screen("documents", "/admin/documents/"),
        Screen("my work", "/admin/cong-viec/"),
        Screen("notifications", "/admin/thong-bao/"),
        Screen("word import", "/admin/word-import/"),
        Screen("account", "/admin/account/"),
    ]
    visible = SNIPPETS if username in CONTENT_ROLES else {"resources": SNIPPETS["resources"]}
    found += [Screen(key, f"/admin/snippets/{path}/") for key, path in visible.items()]
    if username in ASSIGNING:
        found.append(Screen("assignment", "/admin/phan-cong/"))
    if username in {"truongban", "quantri"}:
        found += [
            Screen("schools", "/admin/schools/"),
            Screen("school information", f"/admin/schools/edit/{ids['school']}/"),
        ]
    if username == "quantri":
        found += [
            Screen("users", "/admin/users/"),
            Screen("edit a user", f"/admin/users/edit/{ids['congtacvien']}/"),
            Screen("add a user", "/admin/users/new/"),
        ]
    shots = SHOTS.get(username, {})
    found = [Screen(s.key, s.path, *shots[s.key]) if s.key in shots else s for s in found] + [
        Screen(key, path_for(ids), shot, action)
        for key, (path_for, shot, action) in EXTRA_SHOTS.get(username, {}).items()
    ]
    return found


# Screenshots of the guide, by account and screen key: (file name, action before taking it).
SHOTS: dict[str, dict[str, tuple]] = {
    "congtacvien": {
        "dashboard": ("cong-tac-vien-trang-chu", None),
        "add an article": ("cong-tac-vien-them-bai", None),
        "word import": ("cong-tac-vien-nhap-word", None),
        "add images": ("cong-tac-vien-them-anh", None),
        "my work": ("cong-tac-vien-viec-cua-toi", None),
    },
    "bientapvien": {
        "my work": ("bien-tap-vien-viec-cua-toi", None),
        "section": ("bien-tap-vien-trang", None),
    },
    "thuky": {
        "my work": ("thu-ky-viec-cua-toi", None),
        "official documents": ("thu-ky-van-ban", None),
        "work calendar": ("thu-ky-lich-cong-tac", None),
    },
    "truongban": {
        "dashboard": ("truong-ban-trang-chu", None),
        "my work": ("truong-ban-viec-cua-toi", None),
        "assignment": ("truong-ban-phan-cong", None),
    },
    "quantri": {
        "users": ("quan-tri-vien-nguoi-dung", None),
        "school information": ("quan-tri-vien-thong-tin-truong", None),
    },
}
# Screens visited a second time in another state (a menu or tab opened, scrolled).
EXTRA_SHOTS: dict[str, dict[str, tuple]] = {
    "congtacvien": {
        "add an article: more actions": (
            lambda ids: f"/admin/pages/add/news/articlepage/{ids['news']}/",
            "cong-tac-vien-gui-duyet",
            open_more_actions,
        ),
    },
    "truongban": {
        "my work: month report": (
            lambda ids: "/admin/cong-viec/",
            "truong-ban-bao-cao-thang",
            show_month_report,
        ),
    },
    "quantri": {
        "edit a user: roles": (
            lambda ids: f"/admin/users/edit/{ids['congtacvien']}/",
            "quan-tri-vien-sua-nguoi-dung",
            open_roles_tab,
        ),
    },
}
HELP_SHOT = ("thuky", "huong-dan")  # the guide opened from the help menu, menu open


def referenced_screenshots() -> set[str]:
    names = set()
    for path in GUIDE_DIR.glob("*.md"):
        names |= set(re.findall(r"\(anh/([a-z0-9-]+)\.png\)", path.read_text(encoding="utf-8")))
    return names


@pytest.fixture
def demo_school(live_server, transactional_db, django_db_serialized_rollback):
    from schools.demo import create_demo_school

    school, _ = create_demo_school()
    return school


def _ids(school) -> dict:
    from django.contrib.auth import get_user_model

    from news.models import ArticlePage
    from sections.models import SectionPage

    home = school.site.root_page
    ids = {"home": home.pk, "school": school.pk}
    ids["news"] = SectionPage.objects.descendant_of(home).get(title="Tin tức").pk
    for title in (GATHERING, IN_REVIEW, PUBLISHED):
        ids[title] = ArticlePage.objects.descendant_of(home).get(title=title).pk
    ids["congtacvien"] = get_user_model().objects.get(username="congtacvien").pk
    return ids


class Shooter:
    """Takes the guide's screenshots: into the guide (``UPDATE_GUIDE_SCREENSHOTS=1``, as small
    palette PNGs) or into ``var/screenshots/guides/``."""

    def __init__(self, screenshot_dir: Path):
        self.folder = GUIDE_DIR / "anh" if UPDATE else screenshot_dir / "guides"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.taken: set[str] = set()

    def __call__(self, page: Page, name: str) -> None:
        page.mouse.move(0, 799)  # no hover effects in the picture, no focus ring
        page.evaluate("document.activeElement && document.activeElement.blur()")
        data = page.screenshot(type="png", animations="disabled", caret="hide")
        path = self.folder / f"{name}.png"
        if UPDATE:
            from PIL import Image

            picture = Image.open(io.BytesIO(data)).convert("RGB")
            picture = picture.quantize(colors=256, dither=Image.Dither.NONE)
            picture.save(path, optimize=True)
        else:
            path.write_bytes(data)
        self.taken.add(name)


def log_in(tab: Tab, username: str) -> list[str]:
    """Sign in; returns the English found on the sign-in page."""
    page = tab.page
    response = page.goto("/admin/login/")
    assert response is not None and response.status == 200
    found = english_lines(visible_texts(page))
    form = page.locator("form").filter(has=page.locator("#id_password"))
    form.locator("#id_username").fill(username)
    form.locator("#id_password").fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return found


def ready(page: Page) -> None:
    """The page has loaded and its JavaScript has drawn the sidebar (the editor's panels and
    menus are drawn on the same event)."""
    expect(page.locator("#wagtail-sidebar .sidebar-menu-item__link").first).to_be_visible()


def open_help_guide(page: Page) -> list[str]:
    """Open the sidebar's help menu, then its "User guide"; returns the menu's texts."""
    sidebar = page.locator("#wagtail-sidebar")
    sidebar.locator("button.sidebar-menu-item__link").filter(has_text="Trợ giúp").click()
    item = sidebar.locator('a[href="/admin/huong-dan/"]')
    expect(item).to_be_visible()
    texts = visible_texts(page)
    item.click()
    expect(page).to_have_url(re.compile(r"/admin/huong-dan/$"))
    ready(page)
    return texts


def test_every_role_walks_its_screens_in_vietnamese(demo_school, page_at, screenshot_dir):
    from guides.selectors import ROLE_GUIDES, rendered_guide
    from schools.demo import DEMO_USERS

    ids = _ids(demo_school)
    usernames = frozenset(user.username for user in DEMO_USERS)
    guide_of = {role: slug for slug, roles in ROLE_GUIDES for role in roles}
    shoot = Shooter(screenshot_dir)
    english: dict[str, list[str]] = {}  # "<user> <screen>" → English lines
    problems: list[str] = []

    def check(where: str, texts) -> None:
        found = english_lines(texts, usernames=usernames)
        if found:
            english[where] = found

    for demo in DEMO_USERS:
        username = demo.username
        tab = page_at(WIDTH)
        page = tab.page
        check(f"{username} sign-in", log_in(tab, username))
        ready(page)
        check(f"{username} sidebar menus", sidebar_labels(page))

        # The help menu opens the guide of the account's role.
        check(f"{username} help menu", open_help_guide(page))
        title = rendered_guide(guide_of[demo.role]).title
        expect(page.locator("h1")).to_contain_text(title)
        check(f"{username} user guide", visible_texts(page))
        if (username, HELP_SHOT[1]) == HELP_SHOT:
            page.locator("#wagtail-sidebar button.sidebar-menu-item__link").filter(
                has_text="Trợ giúp"
            ).click()
            expect(page.locator('#wagtail-sidebar a[href="/admin/huong-dan/"]')).to_be_visible()
            shoot(page, HELP_SHOT[1])

        for screen in screens(username, ids):
            response = page.goto(screen.path)
            if response is None or response.status != 200 or not page.url.endswith(screen.path):
                status = response.status if response else None
                problems.append(f"{username} {screen.key}: {screen.path} → {status} {page.url}")
                continue
            ready(page)
            if screen.action:
                screen.action(page)
            check(f"{username} {screen.key}", visible_texts(page))
            if screen.shot:
                shoot(page, screen.shot)
        if tab.page_errors:
            problems.append(f"{username}: uncaught JavaScript errors {tab.page_errors}")
        page.context.close()

    report = "\n".join(f"  {where}: {lines}" for where, lines in english.items())
    assert not english, f"English in the Vietnamese admin:\n{report}"
    assert not problems, "\n".join(problems)
    assert shoot.taken == referenced_screenshots(), (
        "the guide's screenshots and the ones taken here differ: "
        f"missing {sorted(referenced_screenshots() - shoot.taken)}, "
        f"unused {sorted(shoot.taken - referenced_screenshots())}"
    )
