import factory
import wagtail_factories
from django.utils import timezone

import vntext

from .models import SectionPage, StandardPage


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.LazyAttribute(lambda p: vntext.slugify(p.title))
    first_published_at = factory.LazyFunction(timezone.now)
    show_in_menus = True


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Bài viết số {n}")
    slug = factory.LazyAttribute(lambda p: vntext.slugify(p.title))
    first_published_at = factory.LazyFunction(timezone.now)
    search_description = factory.LazyAttribute(lambda p: f"Tóm tắt: {p.title}")
    body = factory.LazyAttribute(lambda p: [("paragraph", f"<p>Nội dung của «{p.title}».</p>")])
