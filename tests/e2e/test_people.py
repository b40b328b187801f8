"""The staff directory on a phone (360 px): Vietnamese order, the unit filter, private contact
details never shown, no console errors, no horizontal scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from people.factories import StaffMemberFactory, unit

pytestmark = pytest.mark.e2e


def test_directory_on_a_phone(school, page_at, screenshot_dir):
    toan = unit(school, "to-toan")
    van = unit(school, "to-van")
    StaffMemberFactory(
        school=school,
        full_name="Nguyễn Văn Bình",
        units=[toan],
        official_email="binh@truong.edu.vn",
    )
    StaffMemberFactory(
        school=school,
        full_name="Trần Thị An",
        units=[van],
        official_email="an@truong.edu.vn",
        email_is_public=True,
    )
    tab = page_at(360)
    page = tab.page
    response = page.goto("/can-bo/")
    assert response is not None and response.status == 200
    names = page.locator("main h2, main h3").all_inner_texts()
    assert names.index("Trần Thị An") < names.index("Nguyễn Văn Bình"), names  # An before Bình
    expect(page.locator('a[href="mailto:an@truong.edu.vn"]')).to_have_count(1)
    assert "binh@truong.edu.vn" not in page.content()

    select = page.locator('select[name="don_vi"]')
    select.select_option(str(toan.pk))
    page.locator('main form [type="submit"]').first.click()
    page.wait_for_url(f"**don_vi={toan.pk}**")
    expect(page.locator("main").get_by_text("Nguyễn Văn Bình")).to_be_visible()
    expect(page.locator("main").get_by_text("Trần Thị An")).to_have_count(0)

    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    page.screenshot(path=str(screenshot_dir / "directory-360.png"), full_page=True)
    tab.assert_clean()
