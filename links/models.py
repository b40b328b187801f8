"""Links to other sites ("Trang liên kết"), kept per school."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class LinkQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)


class Link(index.Indexed, models.Model):
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="links", verbose_name=_("school")
    )
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address"), max_length=500)
    show_in_footer = models.BooleanField(_("show in footer"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = LinkQuerySet.as_manager()

    panels = [
        FieldPanel("school"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("show_in_footer"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("school")]

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["sort_order", "title"]

    def __str__(self) -> str:
        return self.title
