"""Suggestions while typing in the header's search box (static/js/search-suggest.js): an ARIA
combobox that lists matches without diacritics, is driven by the keyboard and opens the chosen
page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import NEWS_TITLES

pytestmark = pytest.mark.e2e


def test_suggestions_by_keyboard(school, page_at):
    tab = page_at(1280)
    page = tab.page
    page.goto("/")
    box = page.get_by_role("search").get_by_role("combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("hoi khoe phu d", delay=30)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    option = listbox.get_by_role("option").first
    expect(option).to_contain_text(NEWS_TITLES[1])
    expect(page.get_by_role("status").first).to_have_text(re.compile(r"1 gợi ý"))
    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("ArrowDown")  # opens the list again
    expect(listbox).to_be_visible()
    box.press("Enter")
    expect(page.locator("main h1")).to_have_text(NEWS_TITLES[1])
    tab.assert_clean()


def test_without_a_choice_enter_searches(school, page_at):
    tab = page_at(360)
    page = tab.page
    page.goto("/")
    box = page.get_by_role("search").get_by_role("combobox")
    box.press_sequentially("doc sach", delay=30)
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=doc\+sach"))
    results = page.locator("main .search-results")
    expect(results.get_by_role("link", name=NEWS_TITLES[2])).to_be_visible()
    tab.assert_clean()
