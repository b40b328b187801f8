"""Models of the editorial workflow, one module per concern (see each module's docstring)."""

from .notifications import Notification
from .policy import EditorialPolicy
from .rota import RotaEntry
from .submissions import Submission, SubmissionFile
from .tasks import PortalTaskState, ReviewAssignment, ReviewTask, RoleApprovalTask

__all__ = [
    "EditorialPolicy",
    "Notification",
    "PortalTaskState",
    "ReviewAssignment",
    "ReviewTask",
    "RoleApprovalTask",
    "RotaEntry",
    "Submission",
    "SubmissionFile",
]
