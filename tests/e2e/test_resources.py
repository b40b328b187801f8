"""Teaching resources on a phone (360 px): filter the list by grade, open a resource, and its
PDF preview points at the preview URL, which answers with the PDF; the first-page thumbnail
loads; no console errors, no horizontal scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from resources.factories import ResourceFactory, attach_pdf
from sections.models import SectionPage

pytestmark = pytest.mark.e2e


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_filter_resources_by_grade_on_a_phone_and_preview_a_pdf(school, page_at, screenshot_dir):
    maths = SectionPage.objects.descendant_of(school.site.root_page).get(title="Tổ Toán")
    lesson = ResourceFactory(
        school=school,
        title="Giáo án Hình học 8: Định lý Pi-ta-go và các bài toán thực tế",
        grade=8,
        team=maths,
        authors="Trần Văn Bình, Nguyễn Thị Hoa",
    )
    pdf = attach_pdf(lesson, title="Giáo án Định lý Pi-ta-go lớp 8.pdf")
    for n in range(3):
        attach_pdf(ResourceFactory(school=school, grade=6 + n % 2, subject="Ngữ văn"))

    tab = page_at(360)
    page = tab.page
    response = page.goto("/tu-lieu/")
    assert response is not None and response.status == 200
    expect(page.locator(".res-card")).to_have_count(4)
    assert not scrolls_sideways(page), "the list scrolls horizontally"
    page.screenshot(path=str(screenshot_dir / "resources-360.png"), full_page=True)

    page.locator("select[name=lop]").select_option("8")
    page.locator(".res-filters__actions button[type=submit]").click()
    page.wait_for_url("**/tu-lieu/?*lop=8*")
    cards = page.locator(".res-card")
    expect(cards).to_have_count(1)
    expect(page.locator("select[name=lop]")).to_have_value("8")
    assert not scrolls_sideways(page), "the filtered list scrolls horizontally"
    thumb = cards.first.locator("img.res-card__thumb")
    expect(thumb).to_have_attribute("src", f"/tu-lieu/tep/{pdf.pk}/anh/")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle()
    )

    cards.first.get_by_role("link", name=lesson.title).click()
    page.wait_for_url(f"**/tu-lieu/{lesson.pk}/")
    expect(page.locator("h1")).to_contain_text("Pi-ta-go")
    preview_url = f"/tu-lieu/tep/{pdf.pk}/xem/"
    expect(page.locator("iframe.doc-preview__frame")).to_have_attribute("src", preview_url)
    expect(page.locator(f'a[href="/tu-lieu/tep/{pdf.pk}/"]').first).to_be_visible()

    answer = page.request.get(preview_url)
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF-")
    assert not scrolls_sideways(page), "the resource page scrolls horizontally"
    page.screenshot(path=str(screenshot_dir / "resource-360.png"), full_page=True)
    tab.assert_clean()
