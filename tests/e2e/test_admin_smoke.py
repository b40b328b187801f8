"""The admin in a real browser: a school's editorial board signs in, the dashboard's JavaScript
runs cleanly, and the page explorer is confined to the user's own school."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from schools.factories import TEST_PASSWORD, SchoolFactory, make_staff
from schools.plan import SECTION_TREE

from .conftest import SCHOOL_NAME, Tab

pytestmark = pytest.mark.e2e

SECTION_TITLES = [section.title for section in SECTION_TREE]


def gravatar(text: str) -> bool:
    return "gravatar.com" in text


def log_in(tab: Tab, username: str) -> Page:
    page = tab.page
    response = page.goto("/admin/login/")
    assert response is not None and response.status == 200
    form = page.locator("form").filter(has=page.locator("#id_password"))
    form.locator("#id_username").fill(username)
    form.locator("#id_password").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.wait_for_load_state("networkidle")
    return page


def open_sidebar_explorer(page: Page):
    """Open the page explorer from the sidebar's first item ("Pages"); returns its panel."""
    page.locator("#wagtail-sidebar button.sidebar-menu-item__link").first.click()
    explorer = page.locator(".c-page-explorer")
    expect(explorer).to_be_visible()
    return explorer


def test_head_signs_in_and_explores_own_school(school, page_at):
    make_staff(school, "head", username="truongban")
    tab = page_at(1280)
    page = log_in(tab, "truongban")
    # The dashboard is rendered and its JavaScript (the React sidebar) has run.
    expect(page.locator("#wagtail-sidebar .sidebar-menu-item__link").first).to_be_visible()

    explorer = open_sidebar_explorer(page)
    home = school.site.root_page
    header = explorer.locator(".c-page-explorer__header__title")
    expect(header).to_have_text(SCHOOL_NAME)
    expect(header).to_have_attribute("href", f"/admin/pages/{home.pk}/")
    for title in SECTION_TITLES:
        expect(explorer.get_by_text(title, exact=True)).to_be_visible()

    # The explorer page itself opens at the school's home page.
    response = page.goto("/admin/pages/")
    assert response is not None and response.status == 200
    expect(page).to_have_url(re.compile(rf"/admin/pages/{home.pk}/$"))
    listing = page.locator("main")
    expect(listing).to_contain_text(SCHOOL_NAME)
    for title in SECTION_TITLES:
        expect(listing.get_by_role("link", name=title, exact=True).first).to_be_visible()
    tab.assert_clean(ignore=gravatar)  # Gravatar has its own test below


def test_other_school_does_not_see_first_school(school, page_at):
    other = SchoolFactory()
    make_staff(other, "head", username="truongban_khac")
    tab = page_at(1280)
    page = log_in(tab, "truongban_khac")

    explorer = open_sidebar_explorer(page)
    expect(explorer.locator(".c-page-explorer__header__title")).to_have_text(other.name)
    expect(explorer.get_by_text("Giới thiệu", exact=True)).to_be_visible()  # its own tree
    expect(explorer).not_to_contain_text(SCHOOL_NAME)

    response = page.goto("/admin/pages/")
    assert response is not None and response.status == 200
    expect(page).to_have_url(re.compile(rf"/admin/pages/{other.site.root_page.pk}/$"))
    listing = page.locator("main table")
    expect(listing.get_by_role("link", name="Giới thiệu", exact=True).first).to_be_visible()
    expect(listing).not_to_contain_text(SCHOOL_NAME)
    home = school.site.root_page
    first_school_pages = home.get_descendants(inclusive=True).values_list("pk", flat=True)
    for pk in first_school_pages:
        expect(
            page.locator(f'a[href="/admin/pages/{pk}/"], a[href="/admin/pages/{pk}/edit/"]')
        ).to_have_count(0)

    # Guessing the first school's explorer URL does not show its pages either.
    page.goto(f"/admin/pages/{home.pk}/")
    expect(page).not_to_have_url(re.compile(rf"/admin/pages/{home.pk}/$"))
    expect(page.locator("main table")).not_to_contain_text(SCHOOL_NAME)
    expect(page.locator(f'main a[href^="/admin/pages/{home.pk}/"]')).to_have_count(0)
    tab.assert_clean(ignore=gravatar)  # Gravatar has its own test below


def test_page_listing_filters_do_not_name_other_schools(school, page_at):
    """The page listing's "Site" filter must offer the user's own site only, not every school
    on the install (names and ids of other tenants)."""
    other = SchoolFactory()
    make_staff(other, "head", username="truongban_khac")
    tab = page_at(1280)
    page = log_in(tab, "truongban_khac")
    page.goto(f"/admin/pages/{other.site.root_page.pk}/")
    expect(page.locator("main table").get_by_role("link").first).to_be_visible()
    offered = page.locator('main input[name="site"]').locator("xpath=ancestor::label")
    names = [" ".join(text.split()) for text in offered.all_text_contents()]
    assert not [name for name in names if SCHOOL_NAME in name], (
        f"the Site filter offers other schools' sites: {names}"
    )
    expect(page.locator("body")).not_to_contain_text(SCHOOL_NAME, timeout=0)


def test_admin_makes_no_requests_to_other_hosts(school, page_at):
    """The admin must work offline and must not hand staff e-mail hashes to a third party:
    no Gravatar (set ``WAGTAIL_GRAVATAR_PROVIDER_URL = None``), no CDN."""
    make_staff(school, "head", username="truongban")
    tab = page_at(1280)
    page = log_in(tab, "truongban")
    page.goto("/admin/account/")
    page.wait_for_load_state("networkidle")
    assert tab.foreign_requests == [], "the admin loads files from other hosts"
    tab.assert_clean()
