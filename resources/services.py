"""Writes for the resources library: seeded kinds, the download counter, PDF thumbnails.

Thumbnails of a file's first PDF page are made lazily, on the first request of
``/tu-lieu/tep/<pk>/anh/``, and stored under ``MEDIA_ROOT`` (``resources/<school>/thumbs/``) with
a name that changes when the file is replaced, so each is rendered once. A PDF that PDFium
cannot read gets an empty marker file instead: no thumbnail, and no second attempt.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F

from .models import DEFAULT_RESOURCE_KINDS, Resource, ResourceFile, ResourceKind

logger = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 320  # pixels; shown at up to 160 CSS px, so sharp on 2x screens
MAX_THUMBNAIL_HEIGHT = 640  # a very tall first page is cropped, never a huge image
_pdfium_lock = threading.Lock()  # PDFium is not thread-safe


def seed_resource_kinds(*, school) -> None:
    ResourceKind.objects.bulk_create(
        [
            ResourceKind(school=school, name=name, sort_order=i, is_test=name.startswith("Đề"))
            for i, name in enumerate(DEFAULT_RESOURCE_KINDS)
        ],
        ignore_conflicts=True,
    )


def record_download(*, resource: Resource) -> None:
    """Count one download of ``resource``: a single UPDATE, so parallel downloads all count."""
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)


def thumbnail_path(resource_file: ResourceFile) -> str:
    digest = hashlib.sha256(resource_file.file.name.encode()).hexdigest()[:12]
    return f"resources/{resource_file.resource.school_id}/thumbs/{resource_file.pk}-{digest}.webp"


def render_first_page(pdf: bytes) -> bytes | None:
    """The first page of ``pdf`` as a small WebP, or ``None`` when PDFium cannot render it."""
    import pypdfium2 as pdfium

    try:
        with _pdfium_lock:
            document = pdfium.PdfDocument(pdf)
            try:
                if len(document) == 0:
                    return None
                page = document[0]
                width = page.get_width()
                if width <= 0:
                    return None
                scale = min(THUMBNAIL_WIDTH / width, 4.0)
                image = page.render(scale=scale).to_pil()
                page.close()
            finally:
                document.close()
    except (pdfium.PdfiumError, ValueError, OSError) as error:
        logger.info("No thumbnail: PDFium could not render the PDF (%s)", error)
        return None
    image = image.convert("RGB")
    if image.height > MAX_THUMBNAIL_HEIGHT:
        image = image.crop((0, 0, image.width, MAX_THUMBNAIL_HEIGHT))
    out = io.BytesIO()
    image.save(out, "WEBP", quality=80)
    return out.getvalue()


def ensure_thumbnail(resource_file: ResourceFile) -> str | None:
    """The storage name of the thumbnail of ``resource_file`` (a PDF), made on first use;
    ``None`` when it has no first page to show."""
    name = thumbnail_path(resource_file)
    if default_storage.exists(name):
        return name if default_storage.size(name) else None
    try:
        with resource_file.file.open("rb") as pdf:
            data = pdf.read()
    except FileNotFoundError:
        return None
    image = render_first_page(data)
    saved = default_storage.save(name, ContentFile(image or b""))
    if saved != name:  # made at the same time by another request
        default_storage.delete(saved)
    return name if image else None
