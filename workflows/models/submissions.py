"""Reader submissions ("Gửi bài"): parents, students and readers send news to the school.

A submission becomes a draft article in the school's inbox section; it is never published by
itself (it goes through the workflow like any draft). The sender's contact is private: kept here,
never copied onto the page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionQuerySet(models.QuerySet):
    def for_school(self, school):
        return self.filter(school=school)


class Submission(models.Model):
    NEW = "new"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    STATUS_CHOICES = [(NEW, _("New")), (ACCEPTED, _("Taken up")), (DECLINED, _("Declined"))]
    SENDER_KINDS = [
        ("parent", _("Parent")),
        ("student", _("Student")),
        ("teacher", _("Teacher")),
        ("other", _("Other")),
    ]

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("school"),
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"))
    sender_name = models.CharField(_("sender's name"), max_length=150)
    sender_kind = models.CharField(
        _("sender is a"), max_length=20, choices=SENDER_KINDS, default="parent"
    )
    sender_contact = models.CharField(
        _("sender's phone or e-mail"),
        max_length=255,
        help_text=_("Private: only the editorial board sees it."),
    )
    show_name = models.BooleanField(
        _("name may be shown as the author"),
        default=False,
        help_text=_("The sender agreed to have the name printed under the article."),
    )
    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reader_submission",
        verbose_name=_("draft article"),
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=NEW)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reader submission")
        verbose_name_plural = _("reader submissions")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["school", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["new", "accepted", "declined"]),
                name="workflows_submission_status_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title


class SubmissionFile(models.Model):
    """A photo or file sent with a submission, stored in the school's collection."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="files", verbose_name=_("submission")
    )
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("photo"),
    )  # fmt: skip
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("file"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("submitted file")
        verbose_name_plural = _("submitted files")

    def __str__(self) -> str:
        item = self.image or self.document
        return item.title if item is not None else ""
