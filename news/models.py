"""Articles: news, announcements, activities and events of a school."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from sections.blocks import BodyBlock
from textinput.forms import VietnameseTextPageForm


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(Page):
    """A news item, an announcement or an event, published in a section that takes articles."""

    summary = models.TextField(_("summary"), blank=True, max_length=600)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover image"),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))
    byline = models.CharField(
        _("byline"), max_length=255, blank=True, help_text=_("Author as shown to readers.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author account"),
    )
    event_start = models.DateTimeField(_("event starts"), null=True, blank=True)
    event_end = models.DateTimeField(
        _("event ends"),
        null=True,
        blank=True,
        help_text=_("News must be online within 3 days after the event ends."),
    )
    event_location = models.CharField(_("event location"), max_length=255, blank=True)
    pinned_until = models.DateField(
        _("pinned until"),
        null=True,
        blank=True,
        help_text=_("Shown first in listings until this date."),
    )
    is_urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("Shown as a banner on every page of the school until the pinned date."),
    )

    base_form_class = VietnameseTextPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_start"), FieldPanel("event_end")]),
                FieldPanel("event_location"),
            ],
            heading=_("Event"),
        ),
        MultiFieldPanel([FieldPanel("byline"), FieldPanel("author")], heading=_("Author")),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("pinned_until"), FieldPanel("is_urgent")], heading=_("Announcement")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("event_start"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["sections.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["event_start"]), models.Index(fields=["pinned_until"])]

    @classmethod
    def can_create_at(cls, parent) -> bool:
        from sections.models import SectionPage

        specific = parent.specific_deferred if isinstance(parent, Page) else parent
        return (
            super().can_create_at(parent)
            and isinstance(specific, SectionPage)
            and specific.kind in SectionPage.ARTICLE_KINDS
        )

    def get_context(self, request, *args, **kwargs):
        """``attachments``: in order, with their documents (one query for any number)."""
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = list(self.attachments.all().select_related("document"))
        return context

    @property
    def is_pinned(self) -> bool:
        return bool(self.pinned_until and self.pinned_until >= timezone.localdate())

    @property
    def publication_date(self) -> datetime.datetime | None:
        return self.first_published_at or self.last_published_at

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.event_start and self.event_end and self.event_end < self.event_start:
            raise ValidationError({"event_end": _("The event cannot end before it starts.")})
        if self.is_urgent and not self.pinned_until:
            raise ValidationError(
                {"pinned_until": _("An urgent announcement needs a date until which it is shown.")}
            )


class ArticleAttachment(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(_("link text"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
