"""Remove the "Moderators" and "Editors" groups that Wagtail's own migrations create: they hold
permissions on the whole page tree and the root collection, so anyone put in them would reach
every school. Each school has its own role groups instead. Groups that have members are kept."""

from django.db import migrations


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0002_school_max_upload"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
