from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Editorial workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        post_migrate.connect(_ensure_workflows, sender=self)


def _ensure_workflows(sender, **kwargs):
    """Schools created before a workflow change get the current workflows (idempotent)."""
    from schools.models import School

    from .services import ensure_publishing_workflows

    for school in School.objects.select_related("site__root_page"):
        ensure_publishing_workflows(school=school)
