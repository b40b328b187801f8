"""Create a complete school from the plan's template: tree, site, collection, groups, workflow."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from schools.services import SchoolDetails, create_school


class Command(BaseCommand):
    help = "Create a school bound to a host name, with the plan's section tree and role groups."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Full name, e.g. 'Trường THCS Tịnh Sơn'")
        parser.add_argument("--hostname", required=True, help="e.g. c2tinhsonst.quangngai.edu.vn")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--default", action="store_true", help="Serve unknown host names")
        parser.add_argument("--short-name", default="")
        parser.add_argument("--governing-body", default="")
        parser.add_argument("--address", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--responsible-person", default="")
        parser.add_argument(
            "--authority-link",
            nargs=2,
            action="append",
            metavar=("TITLE", "URL"),
            dest="authority_links",
            help="A Sở/Phòng GD&ĐT link (repeatable); replaces PORTAL_AUTHORITY_LINKS",
        )
        parser.add_argument(
            "--no-authority-links",
            action="store_true",
            help="Seed no Sở/Phòng links, whatever PORTAL_AUTHORITY_LINKS says",
        )

    def handle(self, *args, **options):
        details = SchoolDetails(
            short_name=options["short_name"],
            governing_body=options["governing_body"],
            address=options["address"],
            phone=options["phone"],
            email=options["email"],
            responsible_person=options["responsible_person"],
        )
        try:
            school = create_school(
                name=options["name"],
                hostname=options["hostname"],
                port=options["port"],
                is_default=options["default"],
                details=details,
                authority_links=[] if options["no_authority_links"] else options["authority_links"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Created {school.name} at {school.site.hostname} (id {school.pk}).")
        )
