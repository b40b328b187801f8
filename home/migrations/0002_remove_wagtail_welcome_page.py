"""Remove the "Welcome to Wagtail" page and its localhost Site that Wagtail's own migrations
create: every site here is a school, made by ``create_school``."""

from django.db import migrations


def remove_welcome_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    plain_page = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if plain_page is None:
        return
    welcome = Page.objects.filter(depth=2, slug="home", content_type=plain_page)
    Site.objects.filter(root_page__in=welcome).delete()
    for page in welcome:
        page.delete()
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
    ]

    operations = [migrations.RunPython(remove_welcome_page, migrations.RunPython.noop)]
