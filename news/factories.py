import factory
import wagtail_factories
from django.utils import timezone

import vntext

from .models import ArticlePage


class ArticlePageFactory(wagtail_factories.PageFactory):
    """``ArticlePageFactory(parent=<a news or announcements SectionPage>, ...)``."""

    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Tin hoạt động số {n}")
    slug = factory.LazyAttribute(lambda p: vntext.slugify(p.title))
    first_published_at = factory.LazyFunction(timezone.now)
    summary = factory.LazyAttribute(lambda p: f"Tóm tắt: {p.title}")
    body = factory.LazyAttribute(lambda p: [("paragraph", f"<p>Nội dung của «{p.title}».</p>")])
