"""Bring every school's role groups in line with ``schools/plan.py`` (a role or a permission
added to the plan reaches the schools created before). Safe to rerun; never removes anything."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from schools.models import School
from schools.services import sync_school_roles


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Create missing role groups and add missing permissions to every school's groups."

    def add_arguments(self, parser):
        parser.add_argument("--school", metavar="HOST", help="Only the school at this host name")
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing")

    def handle(self, *args, **options):
        schools = School.objects.select_related("site")
        if options["school"]:
            schools = schools.filter(site__hostname=options["school"].strip().lower())
            if not schools.exists():
                raise CommandError(f"No school at {options['school']}.")
        report = {}
        try:
            with transaction.atomic():
                report = sync_school_roles(schools=schools)
                if options["dry_run"]:
                    raise _DryRun
        except _DryRun:
            pass
        for group, added in report.items():
            self.stdout.write(f"{group}: {', '.join(added)}")
        verb = "Would change" if options["dry_run"] else "Changed"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(report)} group(s)."))
