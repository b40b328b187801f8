"""Give the sections that schools already have the kind the plan assigns them."""

from django.db import migrations

KINDS = {
    "chi-bo-dang": "news", "ban-giam-hieu": "news", "cong-doan": "news",
    "doan-tncs-ho-chi-minh": "news", "doi-tntp-ho-chi-minh": "news", "y-te-thu-vien": "news",
    "hoi-phu-huynh": "news", "thong-bao": "announcements", "tin-tuc": "news",
    "thu-vien-anh": "gallery", "hoat-dong-ngoai-gio-len-lop": "news", "to-toan": "news",
    "to-ly-tin": "news", "to-hoa-sinh": "news", "to-van": "news", "to-su-dia": "news",
    "to-gdcd-nang-khieu": "news", "to-ngoai-ngu": "news", "to-van-phong": "news",
}  # fmt: skip


def set_kinds(apps, schema_editor):
    SectionPage = apps.get_model("sections", "SectionPage")
    for slug, kind in KINDS.items():
        SectionPage.objects.filter(slug=slug, kind="general").update(kind=kind)


class Migration(migrations.Migration):
    dependencies = [("sections", "0002_sectionpage_kind")]

    operations = [migrations.RunPython(set_kinds, migrations.RunPython.noop)]
