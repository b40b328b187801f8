"""Background tasks run by the worker (``manage.py run_worker``)."""

from __future__ import annotations

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled() -> None:
    """Publish pages and snippets whose scheduled time has come; unpublish expired ones."""
    call_command("publish_scheduled", verbosity=0)
