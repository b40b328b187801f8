"""On a phone (360 px): this week's work calendar and a class timetable, readable, no console
errors, no horizontal scrolling."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from schedules.factories import WorkEntryFactory, WorkWeekFactory
from schedules.services import publish_week
from schools.factories import make_staff
from timetables.models import Lesson, Timetable

pytestmark = pytest.mark.e2e


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_this_weeks_calendar_on_a_phone(school, page_at, screenshot_dir):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    week = WorkWeekFactory(school=school, week_start=monday)
    WorkEntryFactory(week=week, date=today, content="Họp Hội đồng sư phạm tháng", place="Phòng họp")
    publish_week(week=week, actor=make_staff(school, "head"))

    tab = page_at(360)
    page = tab.page
    response = page.goto("/lich-cong-tac/")
    assert response is not None and response.status == 200
    expect(page.locator("main").get_by_text("Họp Hội đồng sư phạm tháng")).to_be_visible()
    expect(page.locator("main").get_by_text("Phòng họp").first).to_be_visible()
    assert not scrolls_sideways(page)
    page.screenshot(path=str(screenshot_dir / "work-week-360.png"), full_page=True)
    tab.assert_clean()


def test_a_class_timetable_on_a_phone(school, page_at, screenshot_dir):
    timetable = Timetable.objects.create(
        school=school, name="TKB học kỳ I", effective_from=timezone.localdate(), is_published=True
    )
    Lesson.objects.bulk_create(
        [
            Lesson(timetable=timetable, class_name="8A", weekday=d, session="sang", period=p,
                   subject="Toán" if p == 1 else "Ngữ văn", teacher="Thầy An")
            for d in range(2, 8)
            for p in (1, 2)
        ]
    )  # fmt: skip
    tab = page_at(360)
    page = tab.page
    response = page.goto("/thoi-khoa-bieu/?lop=8A")
    assert response is not None and response.status == 200
    # On a phone one day shows at a time (today's first): its lessons are visible.
    expect(page.locator("main :text-is('Toán'):visible").first).to_be_visible()
    assert not scrolls_sideways(page)
    page.screenshot(path=str(screenshot_dir / "timetable-360.png"), full_page=True)
    tab.assert_clean()
