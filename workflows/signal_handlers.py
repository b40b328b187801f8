"""Workflow events → staff notifications (e-mailed by the worker).

These receivers take the ``dispatch_uid``s of Wagtail's own workflow e-mail notifiers: this app
is listed before ``wagtail.admin``, so Wagtail's later ``connect`` calls find the slots taken and
its in-request e-mails are replaced by ours.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from .models import PortalTaskState, ReviewTask, RoleApprovalTask
from .notifications import notify


def _school_of(workflow_state):
    from schools.selectors import school_for_page

    obj = workflow_state.content_object
    return school_for_page(obj) if obj is not None else None


def _author_recipients(workflow_state):
    obj = workflow_state.content_object
    return [workflow_state.requested_by, getattr(obj, "owner", None)]


def on_task_submitted(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    if instance.status != TaskState.STATUS_IN_PROGRESS:
        return
    obj = instance.workflow_state.content_object
    if isinstance(task, RoleApprovalTask):
        notify(
            school=task.school,
            recipients=task.acting_users(),
            kind="task",
            actor=user,
            obj=obj,
            message=_("“%(title)s” is waiting for you: %(step)s")
            % {"title": obj, "step": task.get_step_display()},
        )
    elif isinstance(task, ReviewTask):
        assigned = [a.reviewer for a in instance.review_assignments.select_related("reviewer")]
        if assigned:
            notify(
                school=task.school, recipients=assigned, kind="assigned", actor=user, obj=obj,
                message=_("You are asked to review “%(title)s”") % {"title": obj},
            )  # fmt: skip
        else:
            notify(
                school=task.school,
                recipients=task.assigners(),
                kind="task",
                actor=user,
                obj=obj,
                message=_("Assign reviewers for “%(title)s”") % {"title": obj},
            )


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    """Tell the people responsible for the item's section that something was sent in."""
    school = _school_of(instance)
    obj = instance.content_object
    if school is None or obj is None:
        return
    from sections.models import SectionPage

    sections = SectionPage.objects.ancestor_of(obj, inclusive=False).prefetch_related(
        "responsible_people"
    )
    people = [person for section in sections for person in section.responsible_people.all()]
    notify(
        school=school, recipients=people, kind="submitted", actor=user, obj=obj,
        message=_("“%(title)s” was submitted in a section you answer for") % {"title": obj},
    )  # fmt: skip


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    school = _school_of(instance)
    obj = instance.content_object
    if school is None:
        return
    state = instance.current_task_state
    notify(
        school=school,
        recipients=_author_recipients(instance),
        kind="changes_requested",
        actor=user,
        obj=obj,
        message=_("Changes requested on “%(title)s”") % {"title": obj},
        body=state.comment if state else "",
    )


def on_workflow_approved(sender, instance, user=None, **kwargs):
    school = _school_of(instance)
    obj = instance.content_object
    if school is None:
        return
    obj.refresh_from_db()
    if getattr(obj, "live", False) and not getattr(obj, "has_unpublished_changes", False):
        message = _("“%(title)s” was signed off and published") % {"title": obj}
    else:
        message = _("“%(title)s” was signed off; it will be published at its scheduled time") % {
            "title": obj
        }
    notify(
        school=school, recipients=_author_recipients(instance), kind="published",
        actor=user, obj=obj, message=message,
    )  # fmt: skip


def register_signal_handlers() -> None:
    task_submitted.connect(on_task_submitted, sender=PortalTaskState)
    workflow_submitted.connect(
        on_workflow_submitted,
        sender=WorkflowState,
        dispatch_uid="workflow_state_submitted_email_notification",
    )
    workflow_rejected.connect(
        on_workflow_rejected,
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
    workflow_approved.connect(
        on_workflow_approved,
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
    )
