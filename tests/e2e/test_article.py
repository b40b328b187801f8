"""An article on a phone (360 px): content, share links without third-party scripts, print,
copy-link, no console errors, no horizontal scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from news.factories import ArticlePageFactory

pytestmark = pytest.mark.e2e


def test_article_on_a_phone_has_share_links_and_print(school, page_at, screenshot_dir):
    from wagtail.models import Page as WagtailPage

    home = school.site.root_page
    news = WagtailPage.objects.get(url_path=f"{home.url_path}tin-tuc-su-kien/tin-tuc/")
    article = ArticlePageFactory(
        parent=news,
        title="Học sinh đạt giải Nhất cuộc thi Khoa học kỹ thuật cấp tỉnh",
        summary="Em Nguyễn Thị Lan, lớp 9A, đạt giải Nhất lĩnh vực Hóa sinh.",
        byline="Tổ Hóa - Sinh",
    )
    tab = page_at(360)
    page = tab.page
    response = page.goto(article.get_url_parts()[2])
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_text(article.title)
    expect(page.locator(".lead")).to_contain_text("Hóa sinh")

    share = page.locator("section.share")
    expect(share).to_be_visible()
    hrefs = share.locator("a.share__link").evaluate_all("links => links.map(a => a.href)")
    for prefix in (
        "https://www.facebook.com/sharer/",
        "https://sp.zalo.me/",
        "https://twitter.com/intent/",
        "mailto:",
    ):
        assert any(h.startswith(prefix) for h in hrefs), (prefix, hrefs)
    assert all(
        "127.0.0.1" in h or "localhost" in h for h in hrefs if not h.startswith("mailto:")
    ), hrefs
    copy = share.locator("button[data-copy-link]")
    expect(copy).to_be_visible()  # revealed by the script
    expect(page.locator("button[data-print]")).to_be_visible()

    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    og = page.locator('meta[property="og:title"]').get_attribute("content")
    assert og == article.title
    page.screenshot(path=str(screenshot_dir / "article-360.png"), full_page=True)
    tab.assert_clean()
