"""``manage.py check_links [--school HOST] [--timeout 5] [--workers 4] [--dry-run]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from links.checking import CONNECTION, ERROR, INVALID, SSL, TIMEOUT, check_urls
from links.models import Link
from links.services import record_check
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
        links = list(Link.objects.filter(school__in=schools).order_by("school_id", "sort_order"))
        results = check_urls([link.url for link in links], timeout=timeout, workers=workers)
        dead_total = 0
        for each in schools:
            own = [link for link in links if link.school_id == each.pk]
            dead = [link for link in own if results[link.url].is_broken]
            dead_total += len(dead)
            self.stdout.write(
                _("%(school)s: %(checked)s links checked, %(dead)s not working")
                % {"school": each.name, "checked": len(own), "dead": len(dead)}
            )
            for link in dead:
                self.stdout.write(
                    "  - "
                    + _("%(title)s (%(url)s): %(reason)s")
                    % {
                        "title": link.title,
                        "url": link.url,
                        "reason": describe(results[link.url].status),
                    }
                )
        if not dry_run:
            for link in links:
                result = results[link.url]
                record_check(link_id=link.pk, status=result.status, is_broken=result.is_broken)
        summary = _("%(dead)s dead links out of %(total)s.") % {
            "dead": dead_total,
            "total": len(links),
        }
        if dry_run:
            summary += " " + _("Dry run: nothing was recorded.")
        self.stdout.write(summary)
