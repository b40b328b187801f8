"""``manage.py rebuild_search_index [--school HOST ...] [--dry-run]``: index every school (or the
ones named) again from its content, each in one transaction, with a progress bar."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from schools.models import School

from ... import indexing
from ...progress import ProgressBar


def rebuild(command: BaseCommand, hostnames: list[str] | None = None, dry_run: bool = False):
    schools = School.objects.select_related("site__root_page").order_by("pk")
    if hostnames:
        schools = schools.filter(site__hostname__in=hostnames)
        missing = set(hostnames) - {school.site.hostname for school in schools}
        if missing:
            raise CommandError(f"No school with host name {', '.join(sorted(missing))}.")
    verbose = command.verbosity > 0
    total = 0
    for school in schools:
        objects = indexing.count_objects(school)
        if dry_run:
            command.stdout.write(f"{school.site.hostname}: {objects} objects to index")
            continue
        bar = ProgressBar(command.stdout, objects, school.site.hostname) if verbose else None
        made = indexing.rebuild_school(school, progress=bar.update if bar else None)
        total += made
        if bar:
            bar.finish()
            command.stdout.write(f"{school.site.hostname}: {made} entries")
    if not dry_run:
        indexing.optimize()
        if verbose:
            command.stdout.write(command.style.SUCCESS(f"Search index rebuilt: {total} entries."))
    return total


class Command(BaseCommand):
    help = "Rebuild the site search index of every school (or of --school HOST)."

    def add_arguments(self, parser):
        parser.add_argument("--school", action="append", metavar="HOST", help="only this school")
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        rebuild(self, options["school"], options["dry_run"])
