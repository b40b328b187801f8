"""Give every existing school the "Nhóm kỹ thuật" group (role ``technical``), built by the same
``ensure_role_group`` that ``create_school`` uses, with historical models.

The role is frozen here as it was when the role was added, so that this migration never asks for
a permission of a model that a later migration introduces; ``manage.py sync_school_roles`` adds
whatever the plan grants later."""

from django.db import migrations

from schools.plan import RolePlan

TECHNICAL = RolePlan(
    "technical",
    "Nhóm kỹ thuật",
    ("add", "change", "publish", "lock", "unlock"),
    ("add_image", "change_image", "choose_image", "add_document", "change_document",
     "choose_document"),
    (
        "links.add_link", "links.change_link", "links.delete_link",
        "links.add_linkcategory", "links.change_linkcategory", "links.delete_linkcategory",
        "official_docs.add_officialdocument", "official_docs.change_officialdocument",
        "official_docs.delete_officialdocument", "official_docs.add_documenttype",
        "official_docs.change_documenttype", "official_docs.delete_documenttype",
        "resources.add_resource", "resources.change_resource", "resources.delete_resource",
        "resources.add_resourcekind", "resources.change_resourcekind",
        "resources.delete_resourcekind",
        "people.add_staffmember", "people.change_staffmember", "people.delete_staffmember",
        "schedules.add_workweek", "schedules.change_workweek", "schedules.delete_workweek",
        "timetables.add_timetable", "timetables.change_timetable", "timetables.delete_timetable",
    ),
)  # fmt: skip


def _create_missing_permissions(apps) -> None:
    """Permissions are normally made after ``migrate`` (post_migrate); a model introduced in the
    same run would not have them yet."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def add_technical_groups(apps, schema_editor):
    from schools.services import ensure_role_group

    School = apps.get_model("schools", "School")
    if not School.objects.exists():
        return
    _create_missing_permissions(apps)
    for school in School.objects.select_related("site"):
        ensure_role_group(school, TECHNICAL, apps=apps)


def remove_technical_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(school_role__role="technical").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0005_section_groups"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("links", "0002_link_categories_logos"),
        ("official_docs", "0001_initial"),
        ("resources", "0001_initial"),
        ("people", "0001_initial"),
        ("schedules", "0001_initial"),
        ("timetables", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_technical_groups, remove_technical_groups)]
