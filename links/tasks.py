"""Background work for links: the daily check of every school's links (``PORTAL_PERIODIC_TASKS``)."""

from __future__ import annotations

import logging

from django_tasks import task

from schools.models import School

from .services import check_links

logger = logging.getLogger(__name__)


@task()
def check_all_links() -> dict[str, int]:
    """Check and record every link of every school, as ``manage.py check_links`` does."""
    reports = check_links(schools=School.objects.order_by("name"))
    checked = sum(report.checked for report in reports)
    dead = sum(len(report.dead) for report in reports)
    for report in reports:
        if report.dead:
            logger.info(
                "%s: %d of %d links not working", report.school.name, len(report.dead),
                report.checked,
            )  # fmt: skip
    return {"schools": len(reports), "checked": checked, "dead": dead}
