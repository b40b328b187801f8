"""Writes for the editorial workflow (plan III.3 and IV.1).

Each school gets two Wagtail workflows built from our task types: "Quy trình xuất bản"
(secretary gathers → named reviewers → head signs off → [technical group publishes]) attached to
its home page, and "Quy trình rút gọn" (head signs off) attached to the sections its policy names.
Reviewer assignment and decisions are recorded on the task state and in Wagtail's audit log.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import TaskState, Workflow, WorkflowPage, WorkflowTask

from .deadlines import policy_for, step_due_at
from .models import EditorialPolicy, ReviewAssignment, ReviewTask, RoleApprovalTask

WORKFLOW_NAME = "Quy trình xuất bản"
SHORT_WORKFLOW_NAME = "Quy trình rút gọn"
# (task name, kind, role step), in order. Names are content (Vietnamese data).
STEPS = (
    ("Thư ký tổng hợp", "role", "gather"),
    ("Duyệt nội dung", "review", None),
    ("Trưởng ban ký duyệt", "role", "sign_off"),
    ("Nhóm kỹ thuật đăng bài", "role", "publish"),
)
SHORT_STEPS = (("Trưởng ban ký duyệt", "role", "sign_off"),)


def _task(school, name, kind, step):
    hostname = school.site.hostname
    if kind == "review":
        task = ReviewTask.objects.filter(school=school).first()
        return task or ReviewTask.objects.create(school=school, name=f"{name} – {hostname}")
    task = RoleApprovalTask.objects.filter(school=school, step=step).first()
    return task or RoleApprovalTask.objects.create(
        school=school, step=step, name=f"{name} – {hostname}"
    )


def _workflow(school, existing, name, steps) -> Workflow:
    workflow = existing or Workflow.objects.create(name=f"{name} – {school.site.hostname}")
    if not workflow.workflow_tasks.exists():
        for order, (task_name, kind, step) in enumerate(steps):
            WorkflowTask.objects.create(
                workflow=workflow, task=_task(school, task_name, kind, step), sort_order=order
            )
    return workflow


@transaction.atomic
def ensure_publishing_workflows(*, school) -> EditorialPolicy:
    """Give ``school`` its editorial policy and both workflows (idempotent). A new policy
    sends the announcement sections through the short workflow, as the plan suggests."""
    from sections.models import SectionPage

    policy, created = EditorialPolicy.objects.get_or_create(school=school)
    policy.workflow = _workflow(school, policy.workflow, WORKFLOW_NAME, STEPS)
    policy.short_workflow = _workflow(
        school, policy.short_workflow, SHORT_WORKFLOW_NAME, SHORT_STEPS
    )
    policy.save(update_fields=["workflow", "short_workflow"])
    root = school.site.root_page
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": policy.workflow})
    if created:
        announcements = SectionPage.objects.descendant_of(root).filter(kind="announcements")
        policy.head_only_sections.set(announcements)
        policy.save()
    sync_short_workflow_sections(policy=policy)
    school._editorial_policy_cache = policy
    return policy


# Kept for create_school, which calls it by this name.
def create_publishing_workflow(*, school) -> Workflow:
    return ensure_publishing_workflows(school=school).workflow


def sync_short_workflow_sections(*, policy: EditorialPolicy) -> None:
    sections = list(policy.head_only_sections.all())
    WorkflowPage.objects.filter(workflow=policy.short_workflow).exclude(page__in=sections).delete()
    for section in sections:
        WorkflowPage.objects.update_or_create(
            page=section, defaults={"workflow": policy.short_workflow}
        )


def _is_assigner(user, school) -> bool:
    from .models.tasks import REVIEW_ASSIGNER_ROLES, _role_member

    return _role_member(user, school, REVIEW_ASSIGNER_ROLES)


def _content(task_state):
    return task_state.workflow_state.content_object


@transaction.atomic
def assign_reviewers(*, task_state, reviewer_ids, actor, comment: str = "") -> list:
    """Name the reviewers of a review step (adding to any already named). Only the school's
    head or deputy may; only the school's active staff can be named."""
    task = task_state.task.specific
    if not isinstance(task, ReviewTask) or task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionDenied
    school = task.school
    if not _is_assigner(actor, school):
        raise PermissionDenied
    try:
        ids = {int(pk) for pk in reviewer_ids}
    except (TypeError, ValueError):
        raise ValidationError(_("Choose reviewers from the list.")) from None
    staff = school.staff_users().filter(is_active=True, pk__in=ids)
    if not ids or len(staff) != len(ids):
        raise ValidationError(_("Choose reviewers from the list."))
    already = set(task_state.review_assignments.values_list("reviewer_id", flat=True))
    due = step_due_at(school=school)
    created = ReviewAssignment.objects.bulk_create(
        [
            ReviewAssignment(task_state=task_state, reviewer=user, assigned_by=actor, due_at=due)
            for user in staff
            if user.pk not in already
        ]
    )
    if created:
        names = [a.reviewer.get_full_name() or a.reviewer.get_username() for a in created]
        log(
            instance=_content(task_state),
            action="portal.review.assign",
            user=actor,
            data={"reviewers": names, "comment": comment, "task_state_id": task_state.pk},
            revision=task_state.revision,
        )
        from .notifications import notify

        notify(
            school=school,
            recipients=[a.reviewer for a in created],
            kind="assigned",
            actor=actor,
            obj=_content(task_state),
            message=_("You are asked to review “%(title)s”") % {"title": _content(task_state)},
            body=comment,
        )
    return created


@transaction.atomic
def record_review(*, task_state, reviewer, approved: bool, comment: str = "") -> ReviewAssignment:
    """A named reviewer's decision. The step is approved once every named reviewer approved;
    a request for changes sends the item back to its author at once."""
    task_state = type(task_state).objects.select_for_update().get(pk=task_state.pk)
    task = task_state.task.specific
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionDenied
    assignment = (
        task_state.review_assignments.select_for_update()
        .filter(reviewer=reviewer, decision=ReviewAssignment.PENDING)
        .first()
    )
    if assignment is None:
        raise PermissionDenied
    comment = comment.strip()
    if not approved and not comment:
        raise ValidationError(_("Say what needs to change."))
    assignment.decision = ReviewAssignment.APPROVED if approved else ReviewAssignment.CHANGES
    assignment.comment = comment
    assignment.decided_at = timezone.now()
    assignment.save(update_fields=["decision", "comment", "decided_at"])
    obj = _content(task_state)
    log(
        instance=obj,
        action="portal.review.approve" if approved else "portal.review.request_changes",
        user=reviewer,
        data={"comment": comment, "task_state_id": task_state.pk},
        revision=task_state.revision,
    )
    if not approved:
        task_state.reject(user=reviewer, comment=comment)
    elif not task_state.review_assignments.exclude(decision=ReviewAssignment.APPROVED).exists():
        summary = "; ".join(
            f"{a.reviewer.get_full_name() or a.reviewer.get_username()}: {a.comment or '✓'}"
            for a in task_state.review_assignments.select_related("reviewer")
        )
        task_state.approve(user=reviewer, comment=summary)
    else:
        from .notifications import notify

        notify(
            school=task.school,
            recipients=task.assigners(),
            kind="reviewed",
            actor=reviewer,
            obj=obj,
            message=_("%(name)s approved “%(title)s”")
            % {"name": reviewer.get_full_name() or reviewer.get_username(), "title": obj},
            body=comment,
        )
    return assignment


@transaction.atomic
def update_policy(*, policy: EditorialPolicy, actor) -> EditorialPolicy:
    """Apply a saved policy: the short workflow follows its sections."""
    from schools.selectors import schools_for_user

    if not schools_for_user(actor).filter(pk=policy.school_id).exists():
        raise PermissionDenied
    sync_short_workflow_sections(policy=policy)
    return policy


__all__ = [
    "assign_reviewers",
    "create_publishing_workflow",
    "ensure_publishing_workflows",
    "policy_for",
    "record_review",
    "update_policy",
]
