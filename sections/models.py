"""Page types of the plan's ten sections."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from textinput.forms import VietnameseTextPageForm

from .blocks import BodyBlock


class SectionPageForm(VietnameseTextPageForm):
    """Offer only the staff of the page's own school as responsible people."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("responsible_people")
        if field is None:
            return
        from schools.selectors import school_for_page

        school = school_for_page(self.instance if self.instance.pk else self.parent_page)
        field.queryset = (
            school.staff_users().order_by("first_name", "last_name")
            if school
            else field.queryset.none()
        )


class SectionPage(Page):
    """A section of the plan: an introduction and a listing of what is published in it.

    Records who answers for the section (the plan's assignment table)."""

    KIND_CHOICES = [
        ("general", _("General")),
        ("news", _("News and activities")),
        ("announcements", _("Announcements")),
        ("gallery", _("Photo albums")),
    ]
    ARTICLE_KINDS = ("news", "announcements")

    intro = RichTextField(_("introduction"), blank=True)
    # A unit's page (a sub-section of "Cơ cấu tổ chức" or "Tổ chuyên môn") also tells what it
    # has achieved and what it is charged with; empty for other sections.
    achievements = RichTextField(
        _("achievements"),
        blank=True,
        help_text=_("For a unit: the distinctions and results it has achieved."),
    )
    duties = RichTextField(
        _("duties"), blank=True, help_text=_("For a unit: what it is charged with.")
    )
    kind = models.CharField(
        _("kind of section"),
        max_length=20,
        choices=KIND_CHOICES,
        default="general",
        help_text=_("What can be published here: articles, announcements, photo albums or pages."),
    )
    responsible_note = models.CharField(
        _("responsible (as in the plan)"),
        max_length=255,
        blank=True,
        help_text=_("Who answers for this section, as written in the school's plan."),
    )
    content_summary = models.TextField(
        _("content to build"),
        blank=True,
        help_text=_("What this section should contain, one item per line."),
    )
    responsible_people = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="responsible_sections",
        verbose_name=_("responsible people"),
    )

    base_form_class = SectionPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("achievements"),
        FieldPanel("duties"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("responsible_note"),
                FieldPanel("responsible_people"),
                FieldPanel("content_summary"),
            ],
            heading=_("Responsibility (the plan's assignment table)"),
        ),
        *Page.settings_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("achievements"),
        index.SearchField("duties"),
    ]

    parent_page_types = ["home.HomePage", "sections.SectionPage"]
    subpage_types = [
        "sections.SectionPage",
        "sections.StandardPage",
        "news.ArticlePage",
        "galleries.AlbumPage",
    ]

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_context(self, request, *args, **kwargs):
        from news.selectors import list_archive_months, list_section_items

        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("the") or None
        month = _parse_month(request.GET.get("thang", ""))
        context["children"] = list_section_items(
            section=self, tag=tag, month=month, page_number=request.GET.get("page")
        )
        context["active_tag"], context["active_month"] = tag, month
        if self.kind in self.ARTICLE_KINDS:
            context["archive_months"] = list_archive_months(section=self)
        return context


def _parse_month(value: str) -> datetime.date | None:
    """``"2026-11"`` → 1 November 2026; anything else → None (the unfiltered listing)."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return None


class StandardPage(Page):
    """A free-form page: headings, text, images, embeds, tables, files and quotations."""

    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    base_form_class = VietnameseTextPageForm
    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "sections.SectionPage", "sections.StandardPage"]
    subpage_types = ["sections.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
