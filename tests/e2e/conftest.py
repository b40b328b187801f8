"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Run with ``CHROMIUM=/usr/bin/chromium python -m pytest -q -p no:cacheprovider -m e2e tests/e2e``.
A missing browser is a failure, never a skip: a skipped browser test hides a broken gate.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# ORM calls made from that thread (fixtures, factories) as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from schools.factories import SchoolFactory
from sections.factories import StandardPageFactory

SCHOOL_NAME = "Trường THCS Tịnh Sơn"
SCHOOL_HOSTNAME = "c2tinhsonst.quangngai.edu.vn"
# Articles seeded under "Tin tức - Sự kiện" → "Tin tức" (content, not interface wording).
NEWS_TITLES = (
    "Khai giảng năm học mới 2025-2026",
    "Hội khỏe Phù Đổng cấp trường",
    "Ngày hội đọc sách của học sinh khối 6",
)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Iterator[Browser]:
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        pytest.fail(
            f"No Chromium executable at {executable!r}: install Debian's chromium "
            "(apt-get install chromium) or point CHROMIUM at one. Browser tests are never skipped.",
            pytrace=False,
        )
    # Once Playwright's sync API has started, the test thread has a "running" event loop, so
    # Django's connection handler (an asgiref Local) hands this thread a second set of
    # connection objects. Carry the snapshot taken for serialized rollback over to them.
    snapshots = {
        connection.alias: getattr(connection, "_test_serialized_contents", None)
        for connection in connections.all()
    }
    playwright = sync_playwright().start()
    try:
        for alias, contents in snapshots.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    finally:
        connections.close_all()  # the second set, before the test database is dropped
        playwright.stop()


@pytest.fixture
def school(live_server, transactional_db, django_db_serialized_rollback):
    """The demo school as the default site (the live server answers on 127.0.0.1/localhost,
    which no site claims, so Wagtail falls back to the default one), with a few news articles.

    ``django_db_serialized_rollback``: a transactional test ends with a flush of every table,
    which would also remove the rows Wagtail's migrations create (root page, root collection,
    default locale); serialized rollback puts them back before each test.
    """
    from wagtail.models import Page

    school = SchoolFactory(name=SCHOOL_NAME, hostname=SCHOOL_HOSTNAME, is_default=True)
    home = school.site.root_page
    news = Page.objects.get(url_path=f"{home.url_path}tin-tuc-su-kien/tin-tuc/").specific
    for title in NEWS_TITLES:
        StandardPageFactory(parent=news, title=title)
    return school


@dataclass
class Tab:
    """A page in its own browser context, with everything that went wrong in it recorded."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def assert_clean(self, *, ignore: Callable[[str], bool] = lambda text: False) -> None:
        """No console errors, no uncaught errors, no requests to other hosts; ``ignore``
        drops console messages and request URLs already covered by another assertion."""
        assert [text for text in self.console_errors if not ignore(text)] == [], "console errors"
        assert self.page_errors == [], "uncaught JavaScript errors"
        assert [url for url in self.foreign_requests if not ignore(url)] == [], (
            "requests to other hosts (no CDN, no trackers, no avatars)"
        )


@pytest.fixture
def page_at(browser, live_server) -> Iterator[Callable[[int], Tab]]:
    """``page_at(width)`` → a fresh context and page ``width`` px wide (800 px high) whose
    console errors, page errors and requests to hosts other than the live server are recorded."""
    contexts = []

    def open_tab(width: int) -> Tab:
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": 800},
            locale="vi-VN",
            service_workers="block",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        tab = Tab(page=page)

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                tab.console_errors.append(f"{message.text} @ {message.location.get('url', '')}")

        def on_request(request: Request) -> None:
            parts = urlsplit(request.url)
            if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOCAL_HOSTS:
                tab.foreign_requests.append(request.url)

        page.on("console", on_console)
        page.on("pageerror", lambda error: tab.page_errors.append(str(error)))
        page.on("request", on_request)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
