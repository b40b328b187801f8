"""Reads for the editorial queue ("Việc của tôi" and the head's queue) and the monthly report.

Every read takes the school first. Queries are fixed in number whatever the number of items
(prefetching; per-item Python work only)."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from .deadlines import OVERDUE, PUBLISHED_LATE, PUBLISHED_ON_TIME, Deadline, deadline_for
from .models import PortalTaskState, ReviewAssignment, ReviewTask, RoleApprovalTask

STALE_DAYS = 30


@dataclass
class QueueItem:
    task_state: PortalTaskState
    page: Page
    task: object
    deadline: Deadline
    waiting_for: list[str] = field(default_factory=list)
    assignments: list = field(default_factory=list)
    can_assign: bool = False
    can_review: bool = False
    can_act: bool = False

    @property
    def step_name(self) -> str:
        return self.task.name.split(" – ")[0]

    @property
    def step_overdue(self) -> bool:
        return bool(self.task_state.due_at and self.task_state.due_at < timezone.now())


def _school_task_ids(school) -> list[int]:
    return [
        *RoleApprovalTask.objects.filter(school=school).values_list("pk", flat=True),
        *ReviewTask.objects.filter(school=school).values_list("pk", flat=True),
    ]


def open_items(*, school, user) -> list[QueueItem]:
    """Every item of ``school`` now on a step of its workflows, with who it waits for and
    what ``user`` may do on it."""
    tasks = {
        t.pk: t
        for t in [
            *RoleApprovalTask.objects.filter(school=school).select_related("school"),
            *ReviewTask.objects.filter(school=school).select_related("school"),
        ]
    }
    states = list(
        PortalTaskState.objects.filter(task_id__in=tasks, status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state__requested_by")
        .prefetch_related("review_assignments__reviewer")
        .order_by("started_at")
    )
    page_ids = [int(s.workflow_state.object_id) for s in states]
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()}
    role_names = _role_names(school)
    items = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        task = tasks[state.task_id]
        assignments = list(state.review_assignments.all())
        item = QueueItem(
            task_state=state,
            page=page,
            task=task,
            deadline=deadline_for(
                page, school=school, submitted_at=state.workflow_state.created_at
            ),
            assignments=assignments,
        )
        if isinstance(task, ReviewTask):
            item.can_assign = task.user_can_assign(user)
            pending = [a for a in assignments if a.decision == ReviewAssignment.PENDING]
            item.can_review = any(a.reviewer_id == user.pk for a in pending)
            item.waiting_for = [_name(a.reviewer) for a in pending] or [
                role_names["head"],
                role_names["deputy"],
            ]
        else:
            item.can_act = task.user_can_act(user)
            item.waiting_for = [role_names[r] for r in task.roles]
        items.append(item)
    return items


def _role_names(school) -> dict[str, str]:
    from schools.plan import ROLES

    return {role.code: role.name for role in ROLES}


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def school_pages(school):
    return Page.objects.descendant_of(school.site.root_page, inclusive=True)


@dataclass
class MonthReport:
    month: datetime.date
    published: list = field(default_factory=list)  # (page, deadline)
    overdue: list = field(default_factory=list)  # (item, deadline)
    stale_sections: list = field(default_factory=list)  # (section, last published or None)
    people: list = field(default_factory=list)  # dicts

    @property
    def on_time(self) -> int:
        return sum(1 for _p, d in self.published if d.state == PUBLISHED_ON_TIME)

    @property
    def late(self) -> int:
        return sum(1 for _p, d in self.published if d.state == PUBLISHED_LATE)


def _month_bounds(month: datetime.date):
    tz = timezone.get_current_timezone()
    start = datetime.datetime(month.year, month.month, 1, tzinfo=tz)
    nxt = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    end = datetime.datetime(nxt.year, nxt.month, 1, tzinfo=tz)
    return start, end


def month_report(*, school, month: datetime.date | None = None) -> MonthReport:
    """The plan's monthly evaluation: what was published on time and late, what is overdue,
    which sections had nothing new for 30 days, and each person's work in the month."""
    from news.models import ArticlePage
    from official_docs.models import OfficialDocument
    from resources.models import Resource
    from sections.models import SectionPage

    today = timezone.localdate()
    month = (month or today).replace(day=1)
    start, end = _month_bounds(month)
    report = MonthReport(month=month)
    root = school.site.root_page

    first_submitted = _first_submission_times(school)
    # Only what the report can show: published this month, or not live (maybe overdue).
    in_month = Q(first_published_at__gte=start, first_published_at__lt=end)
    articles = list(
        ArticlePage.objects.descendant_of(root)
        .filter(in_month | Q(live=False))
        .select_related("owner")
        .order_by("-first_published_at")
    )
    for article in articles:
        deadline = deadline_for(
            article, school=school, submitted_at=first_submitted.get(article.pk)
        )
        if article.first_published_at and start <= article.first_published_at < end:
            report.published.append((article, deadline))
        elif not article.live and deadline.state == OVERDUE:
            report.overdue.append((article, deadline))
    for model in (OfficialDocument, Resource):
        items = model.objects.filter(school=school).filter(
            Q(published_at__gte=start, published_at__lt=end) | Q(published_at__isnull=True)
        )
        for item in items:
            deadline = deadline_for(item, school=school)
            if item.published_at and start <= item.published_at < end:
                report.published.append((item, deadline))
            elif item.published_at is None and deadline.state == OVERDUE:
                report.overdue.append((item, deadline))

    report.stale_sections = _stale_sections(school, SectionPage, today)
    report.people = _people_stats(school, start, end, report.published)
    return report


def _first_submission_times(school) -> dict[int, datetime.datetime]:
    times = {}
    states = WorkflowState.objects.filter(
        base_content_type__model="page", workflow__in=_school_workflows(school)
    ).order_by("created_at")
    for object_id, created in states.values_list("object_id", "created_at"):
        times.setdefault(int(object_id), created)
    return times


def _school_workflows(school):
    from .models import EditorialPolicy

    policy = EditorialPolicy.objects.filter(school=school).first()
    return [w for w in (policy and (policy.workflow_id, policy.short_workflow_id)) or () if w]


def _stale_sections(school, section_model, today):
    """Sections with nothing published below them in the last 30 days (one query each way)."""
    cutoff = timezone.now() - datetime.timedelta(days=STALE_DAYS)
    sections = list(
        section_model.objects.descendant_of(school.site.root_page).live().order_by("path")
    )
    recent_paths = list(
        school_pages(school)
        .filter(last_published_at__gte=cutoff)
        .exclude(content_type__model="sectionpage")
        .values_list("path", flat=True)
    )
    last_by_path = dict(
        school_pages(school)
        .exclude(content_type__model="sectionpage")
        .filter(last_published_at__isnull=False)
        .values_list("path", "last_published_at")
    )
    parents = {s.path[: -section_model.steplen] for s in sections}
    stale = []
    for section in sections:
        if section.path in parents:  # a container: its own sections are listed
            continue
        if any(path.startswith(section.path) for path in recent_paths):
            continue
        last = max(
            (when for path, when in last_by_path.items() if path.startswith(section.path)),
            default=None,
        )
        stale.append((section, last))
    return stale


def _people_stats(school, start, end, published) -> list[dict]:
    """Per staff member this month: submitted, reviewed, published, share published on time."""
    workflows = _school_workflows(school)
    submitted = Counter(
        WorkflowState.objects.filter(
            workflow__in=workflows, created_at__gte=start, created_at__lt=end
        ).values_list("requested_by_id", flat=True)
    )
    reviewed = Counter(
        ReviewAssignment.objects.filter(
            task_state__task__in=_school_task_ids(school),
            decided_at__gte=start,
            decided_at__lt=end,
        ).values_list("reviewer_id", flat=True)
    )
    reviewed.update(
        TaskState.objects.filter(
            task__in=RoleApprovalTask.objects.filter(school=school),
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
            finished_at__gte=start,
            finished_at__lt=end,
        ).values_list("finished_by_id", flat=True)
    )
    published_by = defaultdict(lambda: [0, 0])
    for item, deadline in published:
        owner_id = getattr(item, "owner_id", None)
        if owner_id is None:
            continue
        published_by[owner_id][0] += 1
        if deadline.state != PUBLISHED_LATE:
            published_by[owner_id][1] += 1
    users = school.staff_users().filter(
        Q(pk__in=submitted) | Q(pk__in=reviewed) | Q(pk__in=published_by)
    )
    rows = []
    for user in users:
        count, on_time = published_by.get(user.pk, (0, 0))
        rows.append(
            {
                "user": user,
                "submitted": submitted.get(user.pk, 0),
                "reviewed": reviewed.get(user.pk, 0),
                "published": count,
                "on_time_share": round(100 * on_time / count) if count else None,
            }
        )
    import vntext

    rows.sort(key=lambda row: vntext.person_sort_key(_name(row["user"])))
    return rows
