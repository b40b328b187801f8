"""``manage.py make_renditions [--school HOST] [--dry-run]``: make the renditions the site shows
for images uploaded before (a new install's images get them from the worker when uploaded)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from galleries.renditions import make_missing
from schools.models import School

BATCH = 100


class Command(BaseCommand):
    help = "Make the image renditions the public pages use that are still missing."

    def add_arguments(self, parser):
        parser.add_argument("--school", metavar="HOSTNAME", help="only this school's images")
        parser.add_argument("--dry-run", action="store_true", help="count, make nothing")

    def handle(self, *args, school=None, dry_run=False, **options):
        images = get_image_model().objects.order_by("pk")
        if school:
            found = School.objects.select_related("collection").filter(
                site__hostname=school.strip().lower()
            )
            if not found:
                raise CommandError(_("No school has the host name “%(host)s”.") % {"host": school})
            images = images.filter(collection__path__startswith=found[0].collection.path)
        ids = list(images.values_list("pk", flat=True))
        incomplete = count = 0
        for start in range(0, len(ids), BATCH):  # a hundred images in memory at a time
            lacking, made = make_missing(
                images.filter(pk__in=ids[start : start + BATCH]), dry_run=dry_run
            )
            incomplete += lacking
            count += made
        if dry_run:
            message = _("%(images)s of %(total)s images lack %(count)s renditions.")
        else:
            message = _("%(count)s renditions made for %(images)s of %(total)s images.")
        self.stdout.write(message % {"images": incomplete, "total": len(ids), "count": count})
