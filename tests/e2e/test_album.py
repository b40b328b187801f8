"""A photo album on a phone (360 px): thumbnails, and the lightbox used with the keyboard only.

Media files are not served by the live server (only static files are), so the test answers
``/media/`` requests from ``MEDIA_ROOT`` through Playwright's routing.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import Page, Route, expect

from galleries.factories import AlbumPageFactory, add_photos

pytestmark = pytest.mark.e2e


def serve_media(page: Page) -> None:
    root = Path(settings.MEDIA_ROOT)

    def fulfil(route: Route) -> None:
        relative = unquote(urlsplit(route.request.url).path).removeprefix(settings.MEDIA_URL)
        path = (root / relative).resolve()
        if path.is_file() and root.resolve() in path.parents:
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404)

    page.route("**/media/**", fulfil)


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_album_lightbox_with_the_keyboard_on_a_phone(school, page_at, screenshot_dir):
    from wagtail.models import Page as WagtailPage

    home = school.site.root_page
    gallery = WagtailPage.objects.get(url_path=f"{home.url_path}tin-tuc-su-kien/thu-vien-anh/")
    album = AlbumPageFactory(parent=gallery, title="Hội khỏe Phù Đổng cấp trường")
    add_photos(album, school.collection, count=3)

    tab = page_at(360)
    page = tab.page
    serve_media(page)
    response = page.goto(album.get_url_parts()[2])
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_text(album.title)
    links = page.locator("a[data-lightbox-item]")
    expect(links).to_have_count(3)
    expect(links.first.locator("img")).to_have_attribute("fetchpriority", "high")  # the main one
    expect(links.nth(1).locator("img")).to_have_attribute("loading", "lazy")
    assert not scrolls_sideways(page), "the album scrolls horizontally"
    page.screenshot(path=str(screenshot_dir / "album-360.png"), full_page=True)

    # Tab through the page until the first thumbnail has focus, then open it with Enter.
    for _ in range(80):
        page.keyboard.press("Tab")
        if links.first.evaluate("el => el === document.activeElement"):
            break
    expect(links.first).to_be_focused()
    page.keyboard.press("Enter")

    dialog = page.locator("dialog.lightbox")
    expect(dialog).to_be_visible()
    image = dialog.locator(".lightbox__img")
    expect(image).to_have_attribute("src", links.nth(0).get_attribute("href"))
    expect(dialog.locator(".lightbox__caption")).to_have_text("Ảnh 1")
    expect(dialog.locator(".lightbox__close")).to_be_focused()
    for name in ("close", "previous", "next"):
        label = dialog.locator(f".lightbox__{name}").get_attribute("aria-label")
        assert label, f"the {name} button has no accessible name"
    page.wait_for_function("document.querySelector('.lightbox__img').complete")
    assert image.evaluate("img => img.naturalWidth") > 0, "the large photo did not load"
    assert not scrolls_sideways(page), "the open lightbox scrolls horizontally"
    page.screenshot(path=str(screenshot_dir / "album-lightbox-360.png"))

    page.keyboard.press("ArrowRight")
    expect(image).to_have_attribute("src", links.nth(1).get_attribute("href"))
    expect(dialog.locator(".lightbox__caption")).to_have_text("Ảnh 2")
    expect(dialog.locator(".lightbox__position")).to_contain_text("2")

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # Focus goes back to the thumbnail of the photo last shown.
    expect(links.nth(1)).to_be_focused()
    assert not scrolls_sideways(page)
    tab.assert_clean()
