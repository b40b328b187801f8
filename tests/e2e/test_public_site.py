"""The public site in a real browser, on a phone (360 px) and a desktop (1280 px) screen.

Assertions are on content (the school's name, section and article titles) and on structure and
ARIA state, never on interface wording, which the Vietnamese catalogue may still change.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from schools.plan import SECTION_TREE

from .conftest import NEWS_TITLES, SCHOOL_NAME

pytestmark = pytest.mark.e2e

SECTION_TITLES = [section.title for section in SECTION_TREE]
NEWS_SECTION = "Tin tức - Sự kiện"
NEWS_PATH = "/tin-tuc-su-kien/tin-tuc/"


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def menu_item(page: Page, title: str):
    """The top-level ``<li>`` of the main menu whose own link is ``title``."""
    return page.locator("#site-menu > li").filter(
        has=page.locator(":scope > a.menu__link", has_text=re.compile(f"^{re.escape(title)}$"))
    )


def submenu_toggle(page: Page, title: str):
    return menu_item(page, title).locator(":scope > button.submenu-toggle")


def check_home(page: Page, response) -> None:
    assert response is not None and response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator(".site-header .brand__name")).to_have_text(SCHOOL_NAME)
    expect(page).to_have_title(SCHOOL_NAME)
    top_level = page.locator("#site-menu > li > a.menu__link")
    # The home link first, then the plan's ten sections in the plan's order.
    expect(top_level).to_have_count(1 + len(SECTION_TITLES))
    expect(top_level.nth(0)).to_have_attribute("aria-current", "page")
    assert [t.strip() for t in top_level.all_text_contents()[1:]] == SECTION_TITLES
    assert not scrolls_sideways(page), "the home page scrolls horizontally"


@pytest.mark.parametrize("width", [360, 1280])
def test_home_page(school, page_at, screenshot_dir, width):
    tab = page_at(width)
    page = tab.page
    response = page.goto("/")
    page.wait_for_load_state("networkidle")
    check_home(page, response)
    # The newest articles of "Tin tức" appear on the home page.
    for title in NEWS_TITLES:
        expect(page.locator("main").get_by_role("link", name=title, exact=True)).to_be_visible()
    page.screenshot(path=screenshot_dir / f"home-{width}.png", full_page=True)
    tab.assert_clean()


def test_phone_menu(school, page_at):
    tab = page_at(360)
    page = tab.page
    page.goto("/")
    nav = page.locator("nav.site-nav")
    toggle = nav.locator("button.nav-toggle")
    menu = page.locator("#site-menu")

    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_attribute("aria-controls", "site-menu")
    expect(menu).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    for title in SECTION_TITLES:
        expect(menu.get_by_role("link", name=title, exact=True)).to_be_visible()

    news_toggle = submenu_toggle(page, NEWS_SECTION)
    submenu = page.locator(f"#{news_toggle.get_attribute('aria-controls')}")
    expect(news_toggle).to_be_visible()
    expect(news_toggle).to_have_attribute("aria-expanded", "false")
    expect(news_toggle).to_have_accessible_name(re.compile(re.escape(NEWS_SECTION)))
    expect(submenu).to_be_hidden()
    news_toggle.click()
    expect(news_toggle).to_have_attribute("aria-expanded", "true")
    expect(submenu).to_be_visible()
    assert not scrolls_sideways(page), "the open phone menu scrolls horizontally"

    submenu.get_by_role("link", name="Tin tức", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(NEWS_PATH) + "$"))
    expect(page.locator("main h1")).to_have_text("Tin tức")
    breadcrumbs = page.locator("nav.breadcrumbs")
    expect(breadcrumbs.get_by_role("link", name=NEWS_SECTION, exact=True)).to_be_visible()
    expect(breadcrumbs.locator('[aria-current="page"]')).to_have_text("Tin tức")
    for title in NEWS_TITLES:
        expect(page.locator("main").get_by_role("link", name=title, exact=True)).to_be_visible()
    assert not scrolls_sideways(page), "the section page scrolls horizontally"

    # Escape closes the innermost open thing and gives focus back to its button.
    toggle = page.locator("nav.site-nav button.nav-toggle")
    toggle.click()
    news_toggle = submenu_toggle(page, NEWS_SECTION)
    news_toggle.click()
    expect(news_toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(news_toggle).to_have_attribute("aria-expanded", "false")
    expect(news_toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(page.locator("#site-menu")).to_be_hidden()
    tab.assert_clean()


def test_desktop_menu_with_keyboard(school, page_at):
    tab = page_at(1280)
    page = tab.page
    page.goto("/")
    expect(page.locator("nav.site-nav button.nav-toggle")).to_be_hidden()
    expect(page.locator("#site-menu")).to_be_visible()

    news_toggle = submenu_toggle(page, NEWS_SECTION)
    submenu = page.locator(f"#{news_toggle.get_attribute('aria-controls')}")
    expect(submenu).to_be_hidden()

    # Tab from the section's own link reaches its submenu button.
    menu_item(page, NEWS_SECTION).locator(":scope > a.menu__link").focus()
    page.keyboard.press("Tab")
    expect(news_toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(news_toggle).to_have_attribute("aria-expanded", "true")
    expect(submenu).to_be_visible()

    links = submenu.get_by_role("link")
    expect(links).to_have_text(
        ["Thông báo", "Tin tức", "Thư viện ảnh", "Hoạt động ngoài giờ lên lớp"]
    )
    page.keyboard.press("Tab")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("Tab")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(NEWS_PATH) + "$"))
    expect(page.locator("main h1")).to_have_text("Tin tức")
    listing = page.locator("main .listing")
    for title in NEWS_TITLES:
        expect(listing.get_by_role("link", name=title, exact=True)).to_be_visible()
    # The section is marked as the current place in the menu.
    expect(menu_item(page, NEWS_SECTION)).to_have_class(re.compile(r"\bis-active\b"))
    assert not scrolls_sideways(page)

    # Leaving the open submenu with the keyboard closes it.
    news_toggle = submenu_toggle(page, NEWS_SECTION)
    news_toggle.focus()
    page.keyboard.press("Enter")
    expect(news_toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(news_toggle).to_have_attribute("aria-expanded", "false")
    expect(news_toggle).to_be_focused()
    tab.assert_clean()


@pytest.mark.parametrize("width", [360, 1280])
def test_search_from_header(school, page_at, width):
    tab = page_at(width)
    page = tab.page
    page.goto("/")
    box = page.get_by_role("search").get_by_role("combobox")  # search-suggest.js
    box.fill("Phù Đổng")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q="))
    results = page.locator("main .search-results")
    expect(results.get_by_role("link", name=NEWS_TITLES[1], exact=True)).to_be_visible()
    expect(results.get_by_role("link")).to_have_count(1)
    expect(page.get_by_role("search").get_by_role("combobox")).to_have_value("Phù Đổng")
    results.get_by_role("link", name=NEWS_TITLES[1], exact=True).click()
    expect(page.locator("main h1")).to_have_text(NEWS_TITLES[1])
    assert not scrolls_sideways(page)
    tab.assert_clean()


def test_sitemap_page(school, page_at):
    tab = page_at(360)
    page = tab.page
    response = page.goto("/so-do-trang/")
    assert response is not None and response.status == 200
    sitemap = page.locator("main ul.sitemap")
    expect(sitemap.get_by_role("link", name="Tổ Ngoại ngữ", exact=True)).to_be_visible()
    expect(sitemap.locator(":scope > li > a")).to_have_text(SECTION_TITLES)
    for title in NEWS_TITLES:
        expect(sitemap.get_by_role("link", name=title, exact=True)).to_be_visible()
    assert not scrolls_sideways(page)
    tab.assert_clean()


def test_not_found_page(school, page_at):
    tab = page_at(360)
    page = tab.page
    response = page.goto("/khong-co-trang-nay/")
    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    with translation.override("vi"):
        heading = translation.gettext("Page not found")
    expect(page.locator("main h1")).to_have_text(heading)
    # Still the school's own page: its header, menu and ways out (home, site map, search).
    expect(page.locator(".site-header .brand__name")).to_have_text(SCHOOL_NAME)
    expect(page.locator("#site-menu > li > a.menu__link")).to_have_count(1 + len(SECTION_TITLES))
    main = page.locator("main")
    expect(main.locator('a[href="/"]')).to_have_count(1)
    expect(main.locator('a[href="/so-do-trang/"]')).to_have_count(1)
    expect(main.get_by_role("searchbox")).to_be_visible()
    assert not scrolls_sideways(page)
    # Chromium reports the document's own 404 status as a console error; nothing else may fail.
    tab.assert_clean(ignore=lambda text: "status of 404" in text)
