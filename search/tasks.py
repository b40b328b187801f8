"""Background tasks of the site search, enqueued by ``search.indexing.schedule_*`` once the
change has committed (tests run them at once). They take a source label and ids."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from . import indexing

QUERY_LOG_DAYS = 400  # a year of search terms, and the same weeks of the year before


@task()
def index_object(source: str, object_id: int) -> int:
    return indexing.index_object(source, object_id)


@task()
def remove_object(source: str, object_id: int) -> int:
    return indexing.remove_object(source, object_id)


@task()
def reindex_pages(page_id: int) -> int:
    return indexing.reindex_pages(page_id)


@task()
def rebuild_school(school_id: int) -> int:
    from schools.models import School

    school = School.objects.select_related("site__root_page").filter(pk=school_id).first()
    return indexing.rebuild_school(school) if school is not None else 0


@task()
def purge_old_search_terms() -> int:
    """Search terms older than ``QUERY_LOG_DAYS`` days are deleted (periodic)."""
    from .services import purge_search_terms

    return purge_search_terms(before=timezone.localdate() - datetime.timedelta(QUERY_LOG_DAYS))
