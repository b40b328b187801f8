"""Writes of the page cache: purging a school when something it shows changes.

``purge_school`` is the one entry point (the signal handlers and the ``purge_page_cache``
command call it). It waits for the commit (``transaction.on_commit``; once per school and
transaction however many rows change), then starts a new generation of the school's pages in
the cache, so every page of that school, and none of another school, is rendered afresh on its
next request, and bans the school's host on the proxies in front (``frontend.py``). Both happen
in the committing process before the editor's request returns: a visitor sees the change within
a second.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from . import frontend, store


def enabled() -> bool:
    """Whether there is anything to purge: the page cache or a proxy cache."""
    return settings.PORTAL_PAGE_CACHE_SECONDS > 0 or frontend.configured()


def _school_id(school) -> int:
    return school if isinstance(school, int) else school.pk


def _already_pending(marker: tuple) -> bool:
    """Whether the same purge already waits for this transaction's commit. Skipping is safe:
    Django drops a waiting callback only when a savepoint it was registered in rolls back, and
    every such savepoint still open encloses the current change, which would go with it."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return False
    return any(
        getattr(callback, "pagecache_marker", None) == marker
        for _, callback, *_ in connection.run_on_commit
    )


def _on_commit_once(marker: tuple, func) -> None:
    if _already_pending(marker):
        return
    callback = functools.partial(func)
    callback.pagecache_marker = marker
    transaction.on_commit(callback)


def purge_school(school) -> None:
    """After the commit: every page of ``school`` (a School or its id) is refreshed."""
    if not enabled():
        return
    school_id = _school_id(school)
    _on_commit_once(("school", school_id), functools.partial(_purge_now, [school_id]))


def purge_schools(schools: Iterable) -> None:
    for school in schools:
        purge_school(school)


def purge_all() -> None:
    """After the commit: every school's pages (a change shared by all, e.g. a renamed tag)."""
    if not enabled():
        return
    _on_commit_once(("all",), _purge_everything)


def forget_sites() -> None:
    """After the commit: hostnames are matched to schools afresh (a site or school changed)."""
    if not enabled():
        return
    _on_commit_once(("sites",), store.forget_sites)


def ban_hostname(hostname: str) -> None:
    """After the commit: the proxies drop everything under ``hostname`` (a renamed site)."""
    if frontend.configured():
        _on_commit_once(("host", hostname), functools.partial(_ban_now, hostname))


def _ban_now(hostname: str) -> None:
    from wagtail.models import Site

    frontend.purge_sites([Site(hostname=hostname)])


def _purge_now(school_ids: list[int]) -> None:
    from wagtail.models import Site

    if settings.PORTAL_PAGE_CACHE_SECONDS > 0:
        for school_id in school_ids:
            store.new_generation(school_id)
    if frontend.configured():
        frontend.purge_sites(Site.objects.filter(school__pk__in=school_ids))


def _purge_everything() -> None:
    from schools.models import School

    _purge_now(list(School.objects.values_list("pk", flat=True)))
