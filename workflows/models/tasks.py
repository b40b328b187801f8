"""The custom Wagtail tasks of the plan's workflow "Quy trình xuất bản".

* ``RoleApprovalTask``: a step acted on by the members of one role of one school: the secretary
  gathers (and may return the item to its author), the head signs off, the technical group
  publishes (when the school chooses so).
* ``ReviewTask``: "Duyệt nội dung": the head (or deputy) names one or more reviewers; each approves
  or asks for changes with a comment; the step is done when every named reviewer approved.

Both record a due date on their task state (``PortalTaskState.due_at``) and reuse Wagtail's
publishing, revisions, comments, locking and audit log. Each task belongs to one school, so one
install carries many schools' workflows side by side.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

ROLE_STEP_ROLES = {
    "gather": ("secretary",),
    "sign_off": ("head",),
    "publish": ("technical",),
}
REVIEW_ASSIGNER_ROLES = ("head", "deputy")


def _role_users(school, roles):
    """The active users holding any of ``roles`` in ``school``."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__school_role__school=school,
            groups__school_role__role__in=roles,
        )
        .distinct()
    )


def _role_member(user, school, roles) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_portal_role_cache", None)
    if cache is None:
        cache = user._portal_role_cache = {}
    key = (school.pk if school else None, tuple(roles))
    if key not in cache:
        cache[key] = user.groups.filter(
            school_role__school_id=key[0], school_role__role__in=roles
        ).exists()
    return cache[key]


class PortalTaskState(TaskState):
    """Wagtail's task state plus the step's due date."""

    due_at = models.DateTimeField(_("due"), null=True, blank=True)

    class Meta:
        verbose_name = _("workflow step state")
        verbose_name_plural = _("workflow step states")


class CommentRequiredForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what needs to change.")},
    )


class OptionalCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class _SchoolTask(Task):
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    task_state_class = PortalTaskState
    admin_form_fields = ["name", "school"]

    class Meta:
        abstract = True

    def start(self, workflow_state, user=None):
        from workflows.deadlines import step_due_at

        task_state = super().start(workflow_state, user=user)
        task_state.due_at = step_due_at(school=self.school)
        task_state.save(update_fields=["due_at"])
        return task_state

    def get_form_for_action(self, action):
        if action == "reject":
            return CommentRequiredForm
        if action == "approve":
            return OptionalCommentForm
        return None

    def _current_state(self, obj):
        state = obj.current_workflow_task_state
        if state is None or state.task_id != self.pk:
            return None
        return state.specific

    def _checked_state(self, task_state):
        """Wagtail's action view takes the task state id from the URL: make sure it is one of
        this task's, still in progress."""
        if task_state.task_id != self.pk or task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied
        return task_state.specific


class RoleApprovalTask(_SchoolTask):
    STEP_CHOICES = [
        ("gather", _("Secretary gathers")),
        ("sign_off", _("Head signs off")),
        ("publish", _("Technical group publishes")),
    ]
    step = models.CharField(_("step"), max_length=20, choices=STEP_CHOICES)
    admin_form_fields = ["name", "school", "step"]

    class Meta:
        verbose_name = _("role approval step")
        verbose_name_plural = _("role approval steps")

    @property
    def roles(self) -> tuple[str, ...]:
        return ROLE_STEP_ROLES[self.step]

    def start(self, workflow_state, user=None):
        from django.utils import timezone

        from workflows.deadlines import policy_for

        task_state = super().start(workflow_state, user=user)
        if self.step == "publish" and policy_for(self.school).publisher != "technical":
            # The school lets the head's sign-off publish: this step passes by itself.
            task_state.status = TaskState.STATUS_SKIPPED
            task_state.finished_at = timezone.now()
            task_state.save(update_fields=["status", "finished_at"])
        return task_state

    def user_can_act(self, user) -> bool:
        return _role_member(user, self.school, self.roles)

    def user_can_access_editor(self, obj, user):
        return self.user_can_act(user)

    def locked_for_user(self, obj, user):
        return not self.user_can_act(user)

    def user_can_lock(self, obj, user):
        return self.user_can_act(user)

    def get_actions(self, obj, user):
        if not self.user_can_act(user):
            return []
        if self.step == "gather":
            return [
                ("reject", _("Return to the author"), True),
                ("approve", _("Complete: send for review"), False),
                ("approve", _("Send for review with a note"), True),
            ]
        if self.step == "sign_off":
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Sign off"), False),
                ("approve", _("Sign off with a note"), True),
            ]
        return [
            ("reject", _("Return"), True),
            ("approve", _("Publish"), False),
        ]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        task_state = self._checked_state(task_state)
        if action_name not in ("approve", "reject") or not self.user_can_act(user):
            raise PermissionDenied
        comment = str(kwargs.get("comment") or "").strip()
        if action_name == "reject" and not comment:
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, comment=comment)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.user_can_act(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    def acting_users(self):
        return _role_users(self.school, self.roles)

    @classmethod
    def get_description(cls):
        return _("Members of one role of the school act on this step")


class ReviewTask(_SchoolTask):
    class Meta:
        verbose_name = _("named reviewers step")
        verbose_name_plural = _("named reviewers steps")

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        # Back from the author after changes: the same reviewers look at it again.
        previous = (
            ReviewAssignment.objects.filter(
                task_state__workflow_state=workflow_state, task_state__task=self
            )
            .exclude(task_state=task_state)
            .order_by("-task_state__started_at", "pk")
        )
        reviewers = {}
        for assignment in previous:
            if assignment.task_state_id != previous[0].task_state_id:
                break
            reviewers[assignment.reviewer_id] = assignment.assigned_by_id
        ReviewAssignment.objects.bulk_create(
            ReviewAssignment(
                task_state=task_state,
                reviewer_id=reviewer_id,
                assigned_by_id=assigned_by_id,
                due_at=task_state.due_at,
            )
            for reviewer_id, assigned_by_id in reviewers.items()
        )
        return task_state

    def assigners(self):
        """Who names the reviewers: the school's head and deputy."""
        return _role_users(self.school, REVIEW_ASSIGNER_ROLES)

    def user_can_assign(self, user) -> bool:
        return _role_member(user, self.school, REVIEW_ASSIGNER_ROLES)

    def pending_assignment(self, task_state, user):
        if not user.is_authenticated:
            return None
        return task_state.review_assignments.filter(
            reviewer=user, decision=ReviewAssignment.PENDING
        ).first()

    def _is_reviewer(self, obj, user) -> bool:
        state = self._current_state(obj)
        return bool(state and state.review_assignments.filter(reviewer=user).exists())

    def user_can_access_editor(self, obj, user):
        return self.user_can_assign(user) or self._is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        return not (self.user_can_assign(user) or self._is_reviewer(obj, user))

    def user_can_lock(self, obj, user):
        return self.user_can_assign(user)

    def get_actions(self, obj, user):
        actions = []
        state = self._current_state(obj)
        if state is None:
            return actions
        if self.user_can_assign(user):
            actions.append(("assign", _("Assign reviewers"), True))
        if self.pending_assignment(state, user) is not None:
            actions += [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return actions

    def get_form_for_action(self, action):
        if action == "assign":
            return reviewer_form_for(self.school)
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        from workflows import services

        task_state = self._checked_state(task_state)
        comment = str(kwargs.get("comment") or "")
        try:
            if action_name == "assign":
                services.assign_reviewers(
                    task_state=task_state,
                    reviewer_ids=kwargs.get("reviewers") or [],
                    actor=user,
                    comment=comment,
                )
            elif action_name in ("approve", "reject"):
                services.record_review(
                    task_state=task_state,
                    reviewer=user,
                    approved=action_name == "approve",
                    comment=comment,
                )
            else:
                raise PermissionDenied
        except ValidationError as error:
            # Only a forged or stale request gets here (the forms validate the same rules);
            # Wagtail shows a refusal instead of an error page.
            raise PermissionDenied(error.messages[0]) from error
        return None

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if self.user_can_assign(user):
            return in_progress
        return in_progress.filter(
            portaltaskstate__review_assignments__reviewer=user,
            portaltaskstate__review_assignments__decision=ReviewAssignment.PENDING,
        )

    @classmethod
    def get_description(cls):
        return _("The head names reviewers; done when every reviewer approved")


def reviewer_form_for(school):
    """The "assign reviewers" form, offering the school's active staff. Values are user ids
    (strings) so Wagtail can carry them through its modal as JSON."""
    choices = [(str(u.pk), u.get_full_name() or u.get_username()) for u in _staff(school)]

    class ReviewerForm(forms.Form):
        reviewers = forms.MultipleChoiceField(
            label=_("Reviewers"),
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Choose at least one reviewer.")},
        )
        comment = forms.CharField(
            label=_("Note to the reviewers"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    return ReviewerForm


def _staff(school):
    import vntext

    users = list(school.staff_users().filter(is_active=True))
    return sorted(users, key=lambda u: vntext.person_sort_key(u.get_full_name() or u.username))


class ReviewAssignment(models.Model):
    """One named reviewer on one run of the review step, and their decision."""

    PENDING = "pending"
    APPROVED = "approved"
    CHANGES = "changes"
    DECISION_CHOICES = [
        (PENDING, _("Waiting")),
        (APPROVED, _("Approved")),
        (CHANGES, _("Changes requested")),
    ]

    task_state = models.ForeignKey(
        PortalTaskState,
        on_delete=models.CASCADE,
        related_name="review_assignments",
        verbose_name=_("workflow step state"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_assignments",
        verbose_name=_("reviewer"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=DECISION_CHOICES, default=PENDING
    )
    comment = models.TextField(_("comment"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "reviewer"], name="one_assignment_per_reviewer"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "decision"])]

    def __str__(self) -> str:
        return f"{self.reviewer} – {self.get_decision_display()}"
