"""Writes of the site search other than the index (``indexing.py``): the search-terms log."""

from __future__ import annotations

import datetime
import re

from django.db import connection
from django.utils import timezone

import vntext
from schools.models import School

from .models import SearchQuery

# An e-mail address or a phone number typed into the box is not kept (personal data).
_PERSONAL_RE = re.compile(r"@|\d[\d .-]{6,}\d")


def record_search(*, school: School, text: str, hits: int) -> bool:
    """Count one search of ``text`` for today, with the number of results it found. The query
    is kept folded (case and diacritics dropped); nothing about who searched is stored.
    One statement (an upsert). Returns whether anything was recorded."""
    query = vntext.parse_query(text).text[:200]
    if not query or _PERSONAL_RE.search(text):
        return False
    table = SearchQuery._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (school_id, query, day, count, hits) VALUES (%s, %s, %s, 1, %s) "  # noqa: S608
            f"ON CONFLICT (school_id, query, day) DO UPDATE "
            f"SET count = {table}.count + 1, hits = excluded.hits",
            [school.pk, query, timezone.localdate(), hits],
        )
    return True


def purge_search_terms(*, before: datetime.date) -> int:
    """Delete the search terms of days before ``before``."""
    deleted, _ = SearchQuery.objects.filter(day__lt=before).delete()
    return deleted
