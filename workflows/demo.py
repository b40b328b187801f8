"""Demo content for the editorial workflow: items waiting at the plan's steps, so that the demo
accounts find something in "Việc của tôi"."""

from __future__ import annotations

import datetime

from django.utils import timezone

from sections.models import SectionPage

from .services import assign_reviewers

DEMO_ITEMS = (
    # (title, summary, step reached)
    (
        "Hội thi giáo viên dạy giỏi cấp trường",
        "Hội thi diễn ra trong hai ngày với 18 giáo viên tham gia.",
        "review",
    ),
    (
        "Câu lạc bộ tiếng Anh ra mắt",
        "Câu lạc bộ sinh hoạt vào chiều thứ Sáu hằng tuần tại phòng học bộ môn.",
        "gather",
    ),
)


def seed_demo_workflow(school) -> None:
    from news.models import ArticlePage

    staff = {u.username: u for u in school.staff_users()}
    author, secretary, head = staff["congtacvien"], staff["thuky"], staff["truongban"]
    news = SectionPage.objects.descendant_of(school.site.root_page).get(title="Tin tức")
    for title, summary, step in DEMO_ITEMS:
        page = ArticlePage(
            title=title,
            summary=summary,
            body=[("paragraph", f"<p>{summary}</p>")],
            event_end=timezone.now() - datetime.timedelta(days=1),
            live=False,
            owner=author,
        )
        news.add_child(instance=page)
        page.save_revision(user=author)
        state = page.get_workflow().start(page, author)
        if step == "review":
            state.current_task_state.specific.approve(user=secretary)
            state.refresh_from_db()
            assign_reviewers(
                task_state=state.current_task_state.specific,
                reviewer_ids=[staff["bientapvien"].pk],
                actor=head,
                comment="Nhờ đồng chí xem giúp số liệu.",
            )
