"""Writes for the documents registry."""

from __future__ import annotations

from django.db.models import F

from .models import DEFAULT_DOCUMENT_TYPES, DocumentType, OfficialDocument


def seed_document_types(*, school) -> None:
    """Give a new school the usual list of document types (editable afterwards)."""
    DocumentType.objects.bulk_create(
        [
            DocumentType(school=school, name=name, sort_order=i)
            for i, name in enumerate(DEFAULT_DOCUMENT_TYPES)
        ],
        ignore_conflicts=True,
    )


def record_download(*, document) -> None:
    """Count one download of ``document``: a single UPDATE, so parallel downloads all count."""
    OfficialDocument.objects.filter(pk=document.pk).update(download_count=F("download_count") + 1)
