"""Photo albums of a school's activities."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from textinput.forms import VietnameseTextPageForm


class AlbumPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    taken_on = models.DateField(_("date of the activity"), null=True, blank=True)

    base_form_class = VietnameseTextPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("taken_on"),
        FieldPanel("intro"),
        InlinePanel("photos", label=_("Photos")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["sections.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("photo album")
        verbose_name_plural = _("photo albums")

    @classmethod
    def can_create_at(cls, parent) -> bool:
        from sections.models import SectionPage

        specific = parent.specific_deferred if isinstance(parent, Page) else parent
        return (
            super().can_create_at(parent)
            and isinstance(specific, SectionPage)
            and specific.kind == "gallery"
        )

    def get_context(self, request, *args, **kwargs):
        """``photos``: the photos in order, each with ``alt_text`` (its caption, else the image's
        description, else "Photo <n>"), images and renditions loaded up front."""
        from .selectors import list_album_photos

        context = super().get_context(request, *args, **kwargs)
        photos = list_album_photos(self)
        for number, photo in enumerate(photos, start=1):
            photo.alt_text = (
                photo.caption
                or getattr(photo.image, "description", "")
                or gettext("Photo %(number)s") % {"number": number}
            )
        context["photos"] = photos
        return context

    @property
    def cover(self):
        first = self.photos.select_related("image").first()
        return first.image if first else None


class AlbumPhoto(Orderable):
    page = ParentalKey(AlbumPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("photo")
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
