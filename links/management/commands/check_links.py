"""``manage.py check_links [--school HOST] [--timeout 5] [--workers 4] [--dry-run]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from links.checking import CONNECTION, ERROR, INVALID, SSL, TIMEOUT
from links.services import check_links
from schools.models import School


def describe(status: str) -> str:
    reasons = {
        TIMEOUT: _("no answer in time"),
        SSL: _("security certificate error"),
        CONNECTION: _("cannot connect (the name or the server cannot be found)"),
        INVALID: _("invalid address"),
        ERROR: _("unexpected error"),
    }
    return reasons.get(status) or _("HTTP error %(code)s") % {"code": status}


class Command(BaseCommand):
    help = "Check every link's address and report the dead ones, per school."

    def add_arguments(self, parser):
        parser.add_argument("--school", metavar="HOSTNAME", help="only this school's links")
        parser.add_argument("--timeout", type=float, default=5.0, help="seconds per request")
        parser.add_argument("--workers", type=int, default=4, help="checks run at once")
        parser.add_argument("--dry-run", action="store_true", help="report, record nothing")

    def handle(self, *args, school=None, timeout=5.0, workers=4, dry_run=False, **options):
        schools = School.objects.select_related("site").order_by("name")
        if school:
            schools = schools.filter(site__hostname=school.strip().lower())
            if not schools.exists():
                raise CommandError(_("No school has the host name “%(host)s”.") % {"host": school})
        reports = check_links(schools=schools, timeout=timeout, workers=workers, dry_run=dry_run)
        for report in reports:
            self.stdout.write(
                _("%(school)s: %(checked)s links checked, %(dead)s not working")
                % {
                    "school": report.school.name,
                    "checked": report.checked,
                    "dead": len(report.dead),
                }
            )
            for link, result in report.dead:
                self.stdout.write(
                    "  - "
                    + _("%(title)s (%(url)s): %(reason)s")
                    % {"title": link.title, "url": link.url, "reason": describe(result.status)}
                )
        summary = _("%(dead)s dead links out of %(total)s.") % {
            "dead": sum(len(report.dead) for report in reports),
            "total": sum(report.checked for report in reports),
        }
        if dry_run:
            summary += " " + _("Dry run: nothing was recorded.")
        self.stdout.write(summary)
