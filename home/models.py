from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from textinput.forms import VietnameseTextPageForm

from .selectors import list_home_slots


@dataclass(frozen=True)
class Slot:
    section: Page
    items: list[Page]


class HomePage(Page):
    """The root page of one school's site."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    base_form_class = VietnameseTextPageForm
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["sections.SectionPage", "sections.StandardPage"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from news import selectors as news

        context["slots"] = [Slot(section, items) for section, items in list_home_slots(home=self)]
        context["latest_news"] = news.list_latest_articles(root=self, kind="news")
        context["announcements"] = news.list_latest_articles(root=self, kind="announcements")
        context["upcoming_events"] = news.list_upcoming_events(root=self)
        context["latest_albums"] = news.list_latest_albums(root=self)
        return context
