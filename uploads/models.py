"""Abstract model of a file attached to a school's record (a document, a resource)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class AttachedFile(Orderable):
    """Subclasses add the parent ``ParentalKey`` and ``file = FileField(upload_to=...)``.
    ``title`` is the readable name for downloads; ``kind`` and ``size`` are set from the content
    by ``uploads.forms.CheckedFilesFormMixin``."""

    title = models.CharField(_("file name shown"), max_length=255, blank=True)
    kind = models.CharField(max_length=10, editable=False, blank=True)
    size = models.PositiveBigIntegerField(default=0, editable=False)

    panels = [FieldPanel("file"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("file")
        verbose_name_plural = _("files")
