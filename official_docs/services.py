"""Writes for the documents registry."""

from __future__ import annotations

from .models import DEFAULT_DOCUMENT_TYPES, DocumentType


def seed_document_types(*, school) -> None:
    """Give a new school the usual list of document types (editable afterwards)."""
    DocumentType.objects.bulk_create(
        [
            DocumentType(school=school, name=name, sort_order=i)
            for i, name in enumerate(DEFAULT_DOCUMENT_TYPES)
        ],
        ignore_conflicts=True,
    )
