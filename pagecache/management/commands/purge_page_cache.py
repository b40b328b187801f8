"""``manage.py purge_page_cache [--school HOST] [--dry-run]``: refresh the cached pages of every
school (or one), and ban their hosts on the proxy. Run it after a deployment that changes
templates or code: content changes purge by themselves."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from pagecache.services import enabled, purge_schools
from schools.models import School


class Command(BaseCommand):
    help = "Refresh the cached pages of every school, or of one."

    def add_arguments(self, parser):
        parser.add_argument("--school", metavar="HOSTNAME", help="only this school")
        parser.add_argument("--dry-run", action="store_true", help="list the schools only")

    def handle(self, *args, school=None, dry_run=False, **options):
        schools = School.objects.select_related("site").order_by("name")
        if school:
            schools = schools.filter(site__hostname=school.strip().lower())
            if not schools.exists():
                raise CommandError(_("No school has the host name “%(host)s”.") % {"host": school})
        if not enabled():
            self.stdout.write(_("The page cache is off (PORTAL_PAGE_CACHE_SECONDS=0)."))
            return
        schools = list(schools)
        for item in schools:
            self.stdout.write(f"{item.name} ({item.site.hostname})")
        if dry_run:
            self.stdout.write(_("Dry run: nothing was purged."))
            return
        with transaction.atomic():
            purge_schools(schools)
        self.stdout.write(_("Cached pages refreshed: %(count)s schools.") % {"count": len(schools)})
