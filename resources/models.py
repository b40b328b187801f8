"""The teaching-resources library: research, SKKN, lesson plans, tests, software."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from uploads.models import AttachedFile

DEFAULT_RESOURCE_KINDS = (
    "Sáng kiến kinh nghiệm", "Đề tài khoa học", "Giáo án điện tử", "Đề thi học sinh giỏi",
    "Đề kiểm tra", "Phần mềm",
)  # fmt: skip


class ResourceKind(models.Model):
    """A managed list per school (the plan's kinds; schools add their own)."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="resource_kinds",
        verbose_name=_("school"),
    )
    name = models.CharField(_("name"), max_length=100)
    is_test = models.BooleanField(_("tests with an answer key"), default=False)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("school"),
        FieldPanel("name"),
        FieldPanel("is_test"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("kind of resource")
        verbose_name_plural = _("kinds of resources")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name"], name="unique_resource_kind_per_school"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ResourceQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)


def answer_key_path(instance, filename: str) -> str:
    return f"resources/{instance.school_id}/dap-an/{filename}"


class Resource(index.Indexed, ClusterableModel):
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="resources",
        verbose_name=_("school"),
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.ForeignKey(
        ResourceKind, on_delete=models.PROTECT, related_name="resources", verbose_name=_("kind")
    )
    subject = models.CharField(_("subject"), max_length=100, blank=True)
    grade = models.PositiveSmallIntegerField(
        _("grade"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    team = models.ForeignKey(
        "sections.SectionPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("subject team"),
    )  # fmt: skip
    authors = models.CharField(_("authors"), max_length=255)
    school_year = models.CharField(
        _("school year"), max_length=9, blank=True, help_text=_("For example 2025-2026.")
    )
    approved_on = models.DateField(
        _("approved on"),
        null=True,
        blank=True,
        help_text=_("Must be online within 2 weeks after approval."),
    )
    description = models.TextField(_("description"), blank=True)
    is_staff_only = models.BooleanField(_("staff only"), default=False)
    answer_key = models.FileField(
        _("answer key"), upload_to=answer_key_path, blank=True, max_length=255
    )
    answer_key_kind = models.CharField(max_length=10, editable=False, blank=True)
    answer_key_visible_from = models.DateTimeField(
        _("answer key shown from"),
        null=True,
        blank=True,
        help_text=_("Hidden from visitors until this time."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ResourceQuerySet.as_manager()

    panels = [
        FieldPanel("school"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("subject"), FieldPanel("grade")]),
        FieldRowPanel([FieldPanel("team"), FieldPanel("school_year"), FieldPanel("approved_on")]),
        FieldPanel("authors"),
        FieldPanel("description"),
        FieldPanel("is_staff_only"),
        InlinePanel("files", label=_("Files"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("answer_key"), FieldPanel("answer_key_visible_from")],
            heading=_("Answer key"),
        ),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.SearchField("authors"),
        index.FilterField("school"),
        index.FilterField("is_staff_only"),
    ]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-approved_on", "-created_at"]
        indexes = [
            models.Index(fields=["school", "grade"]),
            models.Index(fields=["school", "subject"]),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.answer_key and not self.answer_key_visible_from:
            raise ValidationError(
                {"answer_key_visible_from": _("Say from when the answer key may be shown.")}
            )

    @property
    def answer_key_visible(self) -> bool:
        return bool(
            self.answer_key
            and self.answer_key_visible_from
            and self.answer_key_visible_from <= timezone.now()
        )


def resource_file_path(instance, filename: str) -> str:
    return f"resources/{instance.resource.school_id}/{filename}"


class ResourceFile(AttachedFile):
    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=resource_file_path, max_length=255)

    class Meta(AttachedFile.Meta):
        pass
