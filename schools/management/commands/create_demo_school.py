from django.core.management.base import BaseCommand

from schools.demo import DEMO_PASSWORD, DEMO_USERS, create_demo_school
from schools.plan import ROLES


class Command(BaseCommand):
    help = "Create the demo school (Trường THCS Tịnh Sơn) and one user per role; safe to rerun."

    def handle(self, *args, **options):
        school, created = create_demo_school()
        verb = "Created" if created else "Kept existing"
        self.stdout.write(self.style.SUCCESS(f"{verb} demo school: {school.name}"))
        role_names = {role.code: role.name for role in ROLES}
        self.stdout.write("Demo accounts (sign in at /admin/):")
        for demo in DEMO_USERS:
            self.stdout.write(
                f"  {role_names[demo.role]:<24} user: {demo.username:<12} password: {DEMO_PASSWORD}"
            )
