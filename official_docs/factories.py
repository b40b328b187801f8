"""Factories for the documents registry.

``OfficialDocumentFactory(school=school, ...)`` takes one of the school's seeded types unless
``document_type`` is given; ``attach_pdf(document)`` stores a small real PDF in the configured
``MEDIA_ROOT`` and returns its ``DocumentFile``.
"""

from __future__ import annotations

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from .models import DocumentFile, DocumentType, OfficialDocument


def make_pdf() -> bytes:
    """A minimal, valid one-page PDF: objects, cross-reference table with true offsets, trailer."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj %s endobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


SMALL_PDF = make_pdf()


class OfficialDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficialDocument

    school = None  # required
    number = factory.Sequence(lambda n: f"{n + 1}/KH-THCS")
    document_type = factory.LazyAttribute(
        lambda d: DocumentType.objects.for_school(d.school).get(name="Kế hoạch")
    )
    issuer_group = "school"
    issuing_body = factory.LazyAttribute(lambda d: d.school.name)
    signer = "Nguyễn Văn An"
    signer_position = "Hiệu trưởng"
    issued_on = factory.Sequence(lambda n: datetime.date(2025, 9, 1) - datetime.timedelta(days=n))
    field = "Giáo dục"
    summary = factory.Sequence(lambda n: f"Kế hoạch hoạt động số {n + 1} của nhà trường")
    is_public = True
    published_at = factory.LazyAttribute(lambda d: timezone.now() if d.is_public else None)


def attach_file(
    document: OfficialDocument,
    *,
    content: bytes = SMALL_PDF,
    kind: str = "pdf",
    title: str = "Kế hoạch năm học.pdf",
) -> DocumentFile:
    document_file = DocumentFile(document=document, title=title, kind=kind, size=len(content))
    document_file.file.save(f"tep-{document.pk}.{kind}", ContentFile(content), save=False)
    document_file.save()
    return document_file


def attach_pdf(document: OfficialDocument, **kwargs) -> DocumentFile:
    return attach_file(document, **kwargs)
