"""Writes for the editorial workflow.

The plan (III.3): the secretary gathers what is sent, reviewers approve, the head signs off.
Each school gets its own Wagtail workflow built from its own role groups, attached to its
home page so it covers the school's whole tree and nothing else.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

WORKFLOW_NAME = "Quy trình xuất bản"
# (task name, roles whose members act on it), in order.
STEPS = (
    ("Thư ký tổng hợp", ("secretary",)),
    ("Duyệt nội dung", ("editor", "deputy")),
    ("Trưởng ban ký duyệt", ("head", "deputy")),
)


@transaction.atomic
def create_publishing_workflow(*, school) -> Workflow:
    hostname = school.site.hostname
    workflow = Workflow.objects.create(name=f"{WORKFLOW_NAME} – {hostname}")
    for order, (name, roles) in enumerate(STEPS):
        task = GroupApprovalTask.objects.create(name=f"{name} – {hostname}")
        task.groups.set([school.group_for(role) for role in roles])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.create(workflow=workflow, page=school.site.root_page)
    return workflow
