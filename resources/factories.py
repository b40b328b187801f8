"""Factories for the resources library.

``ResourceFactory(school=school, ...)`` takes one of the school's seeded kinds unless ``kind`` is
given; ``attach_pdf(resource)`` stores a real one-page PDF (drawn by Pillow, so PDFium renders
it) in the configured ``MEDIA_ROOT`` and returns its ``ResourceFile``; ``attach_answer_key``
stores an answer key.
"""

from __future__ import annotations

import datetime
import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from .models import Resource, ResourceFile, ResourceKind


def make_pdf(colour: str = "#0b5394") -> bytes:
    """A real one-page A4-shaped PDF with a coloured band, made by Pillow."""
    image = Image.new("RGB", (210, 297), "white")
    ImageDraw.Draw(image).rectangle((20, 20, 190, 80), fill=colour)
    out = io.BytesIO()
    image.save(out, "PDF", resolution=72)
    return out.getvalue()


SMALL_PDF = make_pdf()
BROKEN_PDF = b"%PDF-1.4\n% truncated, no objects, no cross-reference table\n"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    school = None  # required
    title = factory.Sequence(lambda n: f"Giáo án điện tử số {n + 1}")
    kind = factory.LazyAttribute(
        lambda r: ResourceKind.objects.get(school=r.school, name="Giáo án điện tử")
    )
    subject = "Toán"
    grade = 8
    authors = "Nguyễn Thị Hoa"
    school_year = "2025-2026"
    approved_on = factory.Sequence(
        lambda n: datetime.date(2025, 11, 1) - datetime.timedelta(days=n)
    )
    description = ""
    is_staff_only = False
    published_at = factory.LazyAttribute(lambda r: None if r.is_staff_only else timezone.now())


def attach_file(
    resource: Resource,
    *,
    content: bytes = SMALL_PDF,
    kind: str = "pdf",
    title: str = "Giáo án.pdf",
) -> ResourceFile:
    resource_file = ResourceFile(resource=resource, title=title, kind=kind, size=len(content))
    resource_file.file.save(f"tep-{resource.pk}.{kind}", ContentFile(content), save=False)
    resource_file.save()
    return resource_file


def attach_pdf(resource: Resource, **kwargs) -> ResourceFile:
    return attach_file(resource, **kwargs)


def attach_answer_key(
    resource: Resource, *, visible_from: datetime.datetime, content: bytes = SMALL_PDF
) -> Resource:
    resource.answer_key.save(f"dap-an-{resource.pk}.pdf", ContentFile(content), save=False)
    resource.answer_key_kind = "pdf"
    resource.answer_key_visible_from = visible_from
    resource.save()
    return resource
