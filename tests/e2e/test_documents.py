"""Official documents on a phone (360 px): find a document by part of its number, open it, and
its PDF preview points at the preview URL, which answers with the PDF; no console errors, no
horizontal scrolling."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from official_docs.factories import OfficialDocumentFactory, attach_pdf
from official_docs.models import DocumentType

pytestmark = pytest.mark.e2e


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_find_a_document_by_number_on_a_phone_and_preview_its_pdf(school, page_at, screenshot_dir):
    types = DocumentType.objects.for_school(school)
    circular = OfficialDocumentFactory(
        school=school,
        number="37/2020/TT-BGDĐT",
        document_type=types.get(name="Thông tư"),
        issuer_group="state",
        issuing_body="Bộ Giáo dục và Đào tạo",
        issued_on=datetime.date(2020, 10, 5),
        summary="Quy định về tổ chức và hoạt động của trang thông tin điện tử của cơ sở giáo dục",
    )
    pdf = attach_pdf(circular, title="Thông tư 37-2020 về trang thông tin điện tử.pdf")
    for n in range(4):
        OfficialDocumentFactory(school=school, number=f"{n + 1}/KH-THCS")

    tab = page_at(360)
    page = tab.page
    response = page.goto("/van-ban/")
    assert response is not None and response.status == 200
    expect(page.locator("tbody tr")).to_have_count(5)
    assert not scrolls_sideways(page), "the list scrolls horizontally"
    page.screenshot(path=str(screenshot_dir / "documents-360.png"), full_page=True)

    search = page.locator("form.doc-filters input[name=q]")
    search.fill("37/2020")
    search.press("Enter")
    page.wait_for_url("**/van-ban/?q=37%2F2020*")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    assert not scrolls_sideways(page), "the filtered list scrolls horizontally"

    rows.first.get_by_role("link", name="37/2020/TT-BGDĐT").click()
    page.wait_for_url(f"**/van-ban/{circular.pk}/")
    expect(page.locator("h1")).to_contain_text("37/2020/TT-BGDĐT")
    preview_url = f"/van-ban/tep/{pdf.pk}/xem/"
    frame = page.locator("iframe.doc-preview__frame")
    expect(frame).to_have_attribute("src", preview_url)
    expect(page.locator(f'a[href="/van-ban/tep/{pdf.pk}/"]').first).to_be_visible()

    answer = page.request.get(preview_url)
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF-")
    assert not scrolls_sideways(page), "the document page scrolls horizontally"
    page.screenshot(path=str(screenshot_dir / "document-360.png"), full_page=True)
    tab.assert_clean()
