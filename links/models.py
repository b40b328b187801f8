"""Links to other sites ("Trang liên kết"), kept per school, grouped by category."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class LinkCategoryQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)


class LinkCategory(models.Model):
    """A heading of the links page: "Hệ thống của ngành", "Cơ quan quản lý", ..."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="link_categories",
        verbose_name=_("school"),
    )
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = LinkCategoryQuerySet.as_manager()
    panels = [FieldPanel("school"), FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("link category")
        verbose_name_plural = _("link categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name"], name="unique_link_category_per_school"
            )
        ]

    def __str__(self) -> str:
        return self.name


class LinkQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)


class Link(index.Indexed, models.Model):
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="links", verbose_name=_("school")
    )
    category = models.ForeignKey(
        LinkCategory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="links",
        verbose_name=_("category"),
    )
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address"), max_length=500)
    description = models.CharField(_("description"), max_length=255, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    show_in_footer = models.BooleanField(_("show in footer"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    # Written by ``manage.py check_links`` only.
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True, editable=False)
    last_status = models.CharField(
        _("last result"),
        max_length=50,
        blank=True,
        editable=False,
        help_text=_("An HTTP status code, or the kind of error."),
    )
    is_broken = models.BooleanField(_("broken"), default=False, editable=False)

    objects = LinkQuerySet.as_manager()

    panels = [
        FieldPanel("school"),
        FieldPanel("category"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("show_in_footer"), FieldPanel("sort_order")], heading=_("Display")
        ),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("school")]

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["sort_order", "title"]

    def __str__(self) -> str:
        return self.title
