"""Tags get ASCII slugs made by vntext ("Thể thao" → "the-thao"), like every other URL here."""

from django.db.models.signals import pre_save
from taggit.models import Tag

import vntext


def give_tag_a_vietnamese_slug(sender, instance, **kwargs):
    if not instance._state.adding:
        return
    base = vntext.slugify(instance.name)[:90] or "the"
    slug, n = base, 1
    while Tag.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    instance.slug = slug


def register_signal_handlers():
    pre_save.connect(give_tag_a_vietnamese_slug, sender=Tag, dispatch_uid="news_tag_slug")
