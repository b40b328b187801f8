"""The editorial chain of "Quy trình xuất bản" in a real browser, from the queue "Việc của tôi":
the secretary sends a submitted article on, the head (on a phone) names two reviewers, each
approves, the head signs off, and the article is live on the school's site.

Elements are found by the queue's CSS classes, the item's ``data-task-state`` and people's names
(data), not by button wording, which is being translated.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from news.factories import ArticlePageFactory
from schools.factories import TEST_PASSWORD, make_staff

from .conftest import Tab

pytestmark = pytest.mark.e2e

TITLE = "Học sinh khối 9 tham gia Hội thi Tin học trẻ cấp huyện"
PHONE, DESKTOP = 360, 1280
QUEUE_URL = re.compile(r"/admin/cong-viec/$")


def gravatar(text: str) -> bool:  # covered by test_admin_smoke
    return "gravatar.com" in text


def open_queue(tab: Tab, user) -> Page:
    """Sign ``user`` in and open "Việc của tôi" from the dashboard's editorial panel."""
    page = tab.page
    response = page.goto("/admin/login/")
    assert response is not None and response.status == 200
    form = page.locator("form").filter(has=page.locator("#id_password"))
    form.locator("#id_username").fill(user.username)
    form.locator("#id_password").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.locator('.portal-dashboard a[href="/admin/cong-viec/"]').click()
    expect(page).to_have_url(QUEUE_URL)
    return page


def waiting_for_me(page: Page) -> Locator:
    return page.locator('section[aria-labelledby="waiting-for-me"]')


def waiting_for_others(page: Page) -> Locator:
    return page.locator('section[aria-labelledby="waiting-for-others"]')


def current_state(article):
    """The article's task state now in progress (``None`` once the workflow is over)."""
    from news.models import ArticlePage

    state = ArticlePage.objects.get(pk=article.pk).current_workflow_task_state
    return state.specific if state else None


def queue_item(page: Page, state) -> Locator:
    item = waiting_for_me(page).locator(f'article.portal-queue__item[data-task-state="{state.pk}"]')
    expect(item).to_have_count(1)
    expect(item.locator("h3")).to_have_text(TITLE)
    return item


def submit(page: Page, form: Locator) -> None:
    """Press the form's button; the action redirects back to the queue."""
    with page.expect_navigation(url=QUEUE_URL):
        form.locator("button[type=submit]").click()


def submitted_article(school, contributor):
    """A contributor's draft in "Tin tức", submitted to the school's workflow (its first step)."""
    from wagtail.models import Page as WagtailPage

    home = school.site.root_page
    news = WagtailPage.objects.get(url_path=f"{home.url_path}tin-tuc-su-kien/tin-tuc/")
    article = ArticlePageFactory(
        parent=news, title=TITLE, live=False, first_published_at=None, owner=contributor
    )
    article.save_revision(user=contributor)
    workflow = article.get_workflow()
    assert workflow is not None and workflow.name.startswith("Quy trình xuất bản")
    workflow.start(article, contributor)
    return article


def step_name(state) -> str:
    return state.task.name.split(" – ")[0]


def no_horizontal_scroll(page: Page) -> bool:
    return not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_head_assigns_two_reviewers_who_approve_then_signs_off(school, page_at, screenshot_dir):
    from workflows.models import ReviewAssignment

    contributor = make_staff(
        school, "contributor", username="congtacvien", first_name="Hà", last_name="Từ Ngọc"
    )
    secretary = make_staff(
        school, "secretary", username="thuky", first_name="Mai", last_name="Lê Thị"
    )
    head = make_staff(school, "head", username="truongban", first_name="Danh", last_name="Phạm Tấn")
    reviewers = [
        make_staff(school, "editor", username="bientap1", first_name="Lan", last_name="Nguyễn Thị"),
        make_staff(school, "editor", username="bientap2", first_name="Bình", last_name="Võ Thanh"),
    ]
    bystander = make_staff(
        school, "editor", username="bientap3", first_name="Cường", last_name="Trần Văn"
    )

    article = submitted_article(school, contributor)
    public_path = article.get_url_parts()[2]
    tabs = []

    def tab_at(width: int) -> Tab:
        tabs.append(page_at(width))
        return tabs[-1]

    # Not on the public site yet.
    visitor = tab_at(PHONE)
    response = visitor.page.goto(public_path)
    assert response is not None and response.status == 404

    # 1. The secretary sends it on from her queue (desktop).
    state = current_state(article)
    assert step_name(state) == "Thư ký tổng hợp"
    page = open_queue(tab_at(DESKTOP), secretary)
    item = queue_item(page, state)
    expect(item.locator("form.portal-queue__assign")).to_have_count(0)
    submit(page, item.locator("form.portal-queue__approve"))
    expect(waiting_for_me(page).locator("article.portal-queue__item")).to_have_count(0)
    state = current_state(article)
    assert step_name(state) == "Duyệt nội dung"
    expect(waiting_for_others(page).locator("tr", has_text=TITLE)).to_contain_text("Duyệt nội dung")
    page.screenshot(path=str(screenshot_dir / "workflow-secretary-1280.png"), full_page=True)

    # 2. The head, on a phone, ticks two reviewers (not the third) and assigns them.
    page = open_queue(tab_at(PHONE), head)
    item = queue_item(page, state)
    expect(item).to_contain_text("Duyệt nội dung")
    expect(item.locator("form.portal-queue__approve")).to_have_count(0)  # not her step yet
    assign = item.locator("form.portal-queue__assign")
    offered = assign.locator('input[type="checkbox"][name="reviewers"]')
    expect(offered).to_have_count(6)  # the school's staff
    for reviewer in reviewers:
        box = assign.get_by_label(reviewer.get_full_name(), exact=True)
        box.check()
        expect(box).to_be_checked()
    expect(assign.get_by_label(bystander.get_full_name(), exact=True)).not_to_be_checked()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "workflow-head-assign-360.png"), full_page=True)
    submit(page, assign)
    item = queue_item(page, state)  # still the head's to watch, now with its reviewers
    listed = item.locator("ul.portal-queue__reviewers li")
    expect(listed).to_have_count(2)
    for reviewer in reviewers:
        expect(listed.filter(has_text=reviewer.get_full_name())).to_have_count(1)
    assert sorted(state.review_assignments.values_list("reviewer__username", "decision")) == [
        ("bientap1", ReviewAssignment.PENDING),
        ("bientap2", ReviewAssignment.PENDING),
    ]
    assert current_state(article).pk == state.pk

    # 3. Each reviewer approves from the queue (desktop); the step waits for both.
    page = open_queue(tab_at(DESKTOP), reviewers[0])
    item = queue_item(page, state)
    expect(item.locator("form.portal-queue__assign")).to_have_count(0)
    approve = item.locator("form.portal-queue__approve")
    approve.locator("textarea[name=comment]").fill("Nội dung chính xác, ảnh rõ.")
    submit(page, approve)
    expect(waiting_for_me(page).locator("article.portal-queue__item")).to_have_count(0)
    row = waiting_for_others(page).locator("tr", has_text=TITLE)
    expect(row).to_contain_text(reviewers[1].get_full_name())  # waits for the second one
    expect(row).not_to_contain_text(reviewers[0].get_full_name())
    assert current_state(article).pk == state.pk
    page.screenshot(path=str(screenshot_dir / "workflow-reviewer-1280.png"), full_page=True)

    page = open_queue(tab_at(DESKTOP), reviewers[1])
    item = queue_item(page, state)
    expect(item.locator("ul.portal-queue__reviewers")).to_contain_text(
        "Nội dung chính xác, ảnh rõ."
    )
    submit(page, item.locator("form.portal-queue__approve"))
    expect(waiting_for_me(page).locator("article.portal-queue__item")).to_have_count(0)
    assert set(state.review_assignments.values_list("decision", flat=True)) == {
        ReviewAssignment.APPROVED
    }
    state = current_state(article)
    assert step_name(state) == "Trưởng ban ký duyệt"

    # 4. The head signs off from her phone; the item leaves the queue.
    page = open_queue(tab_at(PHONE), head)
    item = queue_item(page, state)
    expect(item).to_contain_text("Trưởng ban ký duyệt")
    expect(item.locator("form.portal-queue__assign")).to_have_count(0)
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshot_dir / "workflow-head-sign-off-360.png"), full_page=True)
    submit(page, item.locator("form.portal-queue__approve"))
    expect(page.locator("article.portal-queue__item")).to_have_count(0)
    expect(waiting_for_me(page)).not_to_contain_text(TITLE)
    expect(waiting_for_others(page)).not_to_contain_text(TITLE)
    assert current_state(article) is None
    expect(page.locator('section[aria-labelledby="month-report"]')).to_contain_text(TITLE)
    page.screenshot(path=str(screenshot_dir / "workflow-head-done-360.png"), full_page=True)

    # 5. The article is live on the school's site.
    response = visitor.page.goto(public_path)
    assert response is not None and response.status == 200
    expect(visitor.page.locator("h1")).to_have_text(TITLE)
    visitor.page.screenshot(path=str(screenshot_dir / "workflow-public-360.png"), full_page=True)

    visitor.assert_clean(ignore=lambda text: "status of 404" in text)  # the draft's 404 above
    for tab in tabs[1:]:
        tab.assert_clean(ignore=gravatar)


def test_reviewers_see_the_heads_note(school, page_at):
    contributor = make_staff(school, "contributor", username="congtacvien")
    secretary = make_staff(school, "secretary", username="thuky")
    head = make_staff(school, "head", username="truongban")
    reviewer = make_staff(
        school, "editor", username="bientap1", first_name="Lan", last_name="Nguyễn Thị"
    )
    article = submitted_article(school, contributor)
    current_state(article).approve(user=secretary)
    state = current_state(article)
    assert step_name(state) == "Duyệt nội dung"

    page = open_queue(page_at(DESKTOP), head)
    assign = queue_item(page, state).locator("form.portal-queue__assign")
    assign.get_by_label(reviewer.get_full_name(), exact=True).check()
    note = "Nhờ chị xem kỹ phần số liệu học sinh đạt giải."
    assign.locator("textarea[name=comment]").fill(note)
    submit(page, assign)
    assert state.review_assignments.filter(reviewer=reviewer).exists()

    page = open_queue(page_at(DESKTOP), reviewer)
    page.goto("/admin/thong-bao/")
    told = page.locator("ul.portal-notifications li", has_text=TITLE)
    expect(told).to_have_count(1)
    expect(told).to_contain_text(note)
