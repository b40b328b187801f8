"""The official documents registry of a school: number, type, issuer, dates, files, relations."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

import vntext
from uploads.models import AttachedFile


class DocumentTypeQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)


class DocumentType(models.Model):
    """A managed list per school: Luật, Nghị định, Thông tư, Công văn, Kế hoạch, ..."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="document_types",
        verbose_name=_("school"),
    )
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = DocumentTypeQuerySet.as_manager()
    panels = [FieldPanel("school"), FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name"], name="unique_document_type_per_school"
            )
        ]

    def __str__(self) -> str:
        return self.name


DEFAULT_DOCUMENT_TYPES = (
    "Luật", "Nghị định", "Thông tư", "Quyết định", "Chỉ thị", "Công văn", "Kế hoạch", "Thông báo",
    "Báo cáo", "Hướng dẫn", "Tờ trình", "Biên bản",
)  # fmt: skip


class OfficialDocumentQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)

    def public(self):
        return self.filter(is_public=True, published_at__isnull=False)


class OfficialDocument(index.Indexed, ClusterableModel):
    ISSUER_GROUPS = [
        ("state", _("State / Ministry of Education")),
        ("department", _("Provincial Department of Education")),
        ("office", _("District Office of Education")),
        ("school", _("The school")),
        ("finance", _("Finance")),
        ("other", _("Other")),
    ]
    DIRECTIONS = [("incoming", _("Incoming")), ("outgoing", _("Outgoing"))]

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="official_documents",
        verbose_name=_("school"),
    )
    number = models.CharField(
        _("number / symbol"), max_length=100, help_text=_("For example 37/2020/TT-BGDĐT.")
    )
    number_key = models.CharField(max_length=100, editable=False, db_index=True)
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents", verbose_name=_("type")
    )
    issuer_group = models.CharField(_("issuer group"), max_length=20, choices=ISSUER_GROUPS)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    signer = models.CharField(_("signed by"), max_length=255, blank=True)
    signer_position = models.CharField(_("position of the signer"), max_length=255, blank=True)
    issued_on = models.DateField(_("date of issue"))
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    expires_on = models.DateField(_("no longer in force from"), null=True, blank=True)
    field = models.CharField(_("field"), max_length=100, blank=True)
    summary = models.TextField(_("summary"))
    direction = models.CharField(
        _("incoming or outgoing"), max_length=10, choices=DIRECTIONS, default="incoming"
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Untick for documents only the school's staff may see."),
    )
    unit = models.ForeignKey(
        "sections.SectionPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("unit or subject team"),
    )  # fmt: skip
    comments_from = models.DateField(_("public comments from"), null=True, blank=True)
    comments_until = models.DateField(_("public comments until"), null=True, blank=True)
    comments_address = models.CharField(_("where to send comments"), max_length=255, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OfficialDocumentQuerySet.as_manager()

    panels = [
        FieldPanel("school"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("document_type")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuer_group"), FieldPanel("issuing_body")]),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_position")]),
            ],
            heading=_("Issuer"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("issued_on"), FieldPanel("effective_on"), FieldPanel("expires_on")]
                )
            ],
            heading=_("Dates"),
        ),
        FieldRowPanel([FieldPanel("field"), FieldPanel("direction"), FieldPanel("unit")]),
        FieldPanel("is_public"),
        InlinePanel("files", label=_("Files"), min_num=1),
        InlinePanel("relations", label=_("Related documents")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("comments_from"), FieldPanel("comments_until")]),
                FieldPanel("comments_address"),
            ],
            heading=_("Public comments on a draft"),
        ),
    ]
    search_fields = [
        index.SearchField("number", boost=3),
        index.AutocompleteField("number"),
        index.SearchField("summary"),
        index.SearchField("issuing_body"),
        index.FilterField("school"),
        index.FilterField("is_public"),
        index.FilterField("issued_on"),
    ]

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["school", "number", "issued_on"], name="unique_document_number_per_school"),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True) | models.Q(effective_on__isnull=True) | models.Q(expires_on__gt=models.F("effective_on")),
                name="document_expires_after_effective",
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["school", "issued_on"]),
            models.Index(fields=["school", "issuer_group"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.summary[:80]}"

    @staticmethod
    def make_number_key(number: str) -> str:
        """Number as typed or searched: folded, no spaces ("37/2020/TT-BGDĐT" → "37/2020/tt-bgddt")."""
        return "".join(vntext.fold(number).split())

    def save(self, *args, **kwargs):
        self.number = vntext.normalize(self.number)
        self.number_key = self.make_number_key(self.number)
        super().save(*args, **kwargs)

    @property
    def in_force(self) -> bool:
        return not (self.expires_on and self.expires_on <= timezone.localdate())

    @property
    def comments_open(self) -> bool:
        today = timezone.localdate()
        return bool(
            self.comments_from
            and self.comments_until
            and self.comments_from <= today <= self.comments_until
        )


def document_file_path(instance, filename: str) -> str:
    return f"official_docs/{instance.document.school_id}/{filename}"


class DocumentFile(AttachedFile):
    document = ParentalKey(OfficialDocument, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=document_file_path, max_length=255)

    class Meta(AttachedFile.Meta):
        pass


class DocumentRelation(Orderable):
    KINDS = [
        ("replaces", _("Replaces")),
        ("amends", _("Amends")),
        ("guides", _("Guides")),
        ("related", _("Related to")),
    ]

    document = ParentalKey(OfficialDocument, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("relation"), max_length=10, choices=KINDS, default="related")
    target = models.ForeignKey(
        OfficialDocument, on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("related document")
        verbose_name_plural = _("related documents")
