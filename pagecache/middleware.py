"""``PageCacheMiddleware``: visitors' pages from the cache, before any other work.

Placed right after WhiteNoise (``MIDDLEWARE`` in ``school_site/settings/base.py``): a hit is
answered before sessions, locale, CSRF, authentication and Wagtail's site lookup run, with no
database query. One new-style middleware does both halves of Django's old pair
(``FetchFromCacheMiddleware``/``UpdateCacheMiddleware``): it wraps everything below it, so on a
miss it sees the response as the inner middleware left it (cookies set, ``Vary`` patched,
``request.user``, ``request.school``).

The key is the school (from the ``Host`` header, only after ``get_host()`` has validated it
against ``ALLOWED_HOSTS`` and only when the hostname is exactly one school's site: any other host
is never looked up and never stored), scheme, host, language (as ``LocaleMiddleware`` will choose
it), path and normalised query (``rules.normalize_query``). ``X-Forwarded-Host`` is not read
unless ``USE_X_FORWARDED_HOST``, which stays off.

Every answer carries ``X-Cache``: ``HIT`` (from the cache), ``MISS`` (rendered and stored) or
``BYPASS`` (not eligible, nothing stored). Stored pages get an ``ETag`` and ``Last-Modified`` and
answer ``If-None-Match``/``If-Modified-Since`` with 304, and ``Cache-Control: public, max-age=0``
so browsers revalidate; when a proxy purge is configured (``frontend.py``) also ``s-maxage``:
``PORTAL_PAGE_CACHE_SECONDS``, or less when the school's pages change by themselves sooner (the
generation's end: an event, an answer key, midnight), since no ban is sent at that moment.
Responses that are not stored and say nothing themselves get ``Cache-Control: private``.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from . import frontend, rules, store


class _Ticket:
    __slots__ = ("key", "query", "school_id", "storable")

    def __init__(self, school_id: int, key: str, query: rules.Query, storable: bool):
        self.school_id = school_id
        self.key = key
        self.query = query
        self.storable = storable


def _ticket(request) -> _Ticket | None:
    """The cache key of a request that may be answered from the cache, else None."""
    if request.method not in ("GET", "HEAD"):
        return None
    path = request.path_info
    if len(request.get_full_path()) > rules.MAX_URL_LENGTH or rules.bypass_path(path):
        return None
    if rules.visitor_has_state(request):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # CommonMiddleware answers 400
    if host != host.lower():
        return None  # browsers send lower case; other spellings would only multiply entries
    school_id = store.school_for_hostname(split_domain_port(host)[0])
    if school_id is None:
        return None
    query = rules.normalize_query(path, request.GET)
    if query is None:
        return None
    language = get_language_from_request(request)
    key = store.page_key(school_id, request.scheme, host, language, path, query.canonical)
    return _Ticket(school_id, key, query, query.storable and request.method == "GET")


def _mark(response, state: str):
    response["X-Cache"] = state
    return response


def _public_cache_control(response) -> None:
    """Browsers revalidate every time (a 304 from the cache is cheap)."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=0)


def _proxy_cache_control(response, generation: store.Generation):
    """With a proxy purge configured, the proxy may keep the page, but not past the moment the
    school's pages change by themselves (the generation's end): no ban is sent then."""
    if frontend.configured():
        seconds = settings.PORTAL_PAGE_CACHE_SECONDS
        if generation.until is not None:
            seconds = max(0, min(seconds, int(generation.until - time.time())))
        patch_cache_control(response, s_maxage=seconds)
    return response


def _from_entry(request, entry: store.Entry):
    response = HttpResponse(entry.content)
    for name, value in entry.headers:
        response[name] = value
    return get_conditional_response(
        request, etag=entry.etag, last_modified=entry.last_modified, response=response
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
            return self.get_response(request)
        ticket = _ticket(request)
        if ticket is None:
            return self._bypass(request, self.get_response(request))
        generation, entry, previous = store.lookup(ticket.school_id, ticket.key)
        if entry is not None:
            return _mark(_proxy_cache_control(_from_entry(request, entry), generation), "HIT")
        request.pagecache_eligible = True  # read by wagtail_hooks (view restrictions)
        response = self.get_response(request)
        if (
            not ticket.storable
            or getattr(getattr(request, "school", None), "pk", None) != ticket.school_id
            or not rules.page_accepts(request, ticket.query.names)
            or rules.response_problem(request, response) is not None
        ):
            return self._bypass(request, response)
        _public_cache_control(response)
        entry = store.save(
            key=ticket.key,
            generation=generation,
            headers=rules.kept_headers(response),
            content=response.content,
            previous=previous,
            seconds=settings.PORTAL_PAGE_CACHE_SECONDS,
        )
        response["ETag"] = entry.etag
        response["Last-Modified"] = http_date(entry.last_modified)
        response = get_conditional_response(
            request, etag=entry.etag, last_modified=entry.last_modified, response=response
        )
        return _mark(_proxy_cache_control(response, generation), "MISS")

    def _bypass(self, request, response):
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return _mark(response, "BYPASS")
