"""The page cache's storage: which hosts are schools, each school's generation, the pages.

Everything lives in Django's cache alias ``pagecache`` (Redis in production, files under
``var/pagecache`` in the embedded setup, so the web server and the worker share it; ``default``
when the alias is missing). Keys:

- ``pagecache:sites``: ``{hostname: school id}`` for the hostnames that name exactly one Wagtail
  site, and that site a school's. Dropped whenever a site or a school changes.
- ``pagecache:gen:<school id>``: the school's generation, ``(token, until)``. A page is served
  from the cache only when it was stored under the school's current token. ``services.purge_school``
  writes a new token, so every page of that school (and only of that school) is refreshed at
  once; ``until`` is the next moment the school's pages change by themselves (an answer key is
  shown, an event starts or ends, local midnight), after which the first request writes a new
  token as well.
- ``pagecache:page:<school id>:<digest>``: one page, ``(FORMAT, token, etag, last_modified,
  headers, content)``; the digest covers scheme, host, language, path and normalised query.

The generation token sits in the stored value, not in the key: a lookup is then one
``get_many`` (one round trip to Redis) for the generation and the page together, and a page
whose content did not change across a purge keeps its ETag and Last-Modified, so browsers keep
getting 304s.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import time
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.http import http_date

ALIAS = "pagecache"
SITES_KEY = "pagecache:sites"
SITES_SECONDS = 60 * 60  # also dropped on every change of a site or a school
FORMAT = "p1"


def cache():
    return caches[ALIAS if ALIAS in settings.CACHES else "default"]


# --- hosts ----------------------------------------------------------------------------------


def school_for_hostname(hostname: str) -> int | None:
    """The school whose Wagtail site has exactly this hostname (lower case, no port)."""
    sites = cache().get(SITES_KEY)
    if not isinstance(sites, dict):
        sites = _load_sites()
        cache().set(SITES_KEY, sites, SITES_SECONDS)
    return sites.get(hostname)


def _load_sites() -> dict[str, int]:
    from wagtail.models import Site

    rows = list(Site.objects.values_list("hostname", "school__pk"))
    counts = Counter(hostname.lower() for hostname, _ in rows)
    return {
        hostname.lower(): school_id
        for hostname, school_id in rows
        if school_id is not None and counts[hostname.lower()] == 1
    }


def forget_sites() -> None:
    cache().delete(SITES_KEY)


# --- generations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Generation:
    token: str
    until: float | None  # epoch seconds

    def current(self, now: float) -> bool:
        return self.until is None or now < self.until


def generation_key(school_id: int) -> str:
    return f"pagecache:gen:{school_id}"


def _as_generation(value) -> Generation | None:
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        return Generation(*value)
    return None


def _make_generation(school_id: int) -> Generation:
    from .selectors import next_change

    until = next_change(school_id=school_id, now=timezone.now())
    return Generation(secrets.token_hex(8), until.timestamp() if until else None)


def new_generation(school_id: int) -> Generation:
    """Start a new generation: every page stored before is stale from now on."""
    generation = _make_generation(school_id)
    cache().set(generation_key(school_id), (generation.token, generation.until), None)
    return generation


def _renew(school_id: int, stale: Generation | None) -> Generation:
    fresh = _make_generation(school_id)
    # Another request (or a purge) may have renewed it meanwhile: keep theirs.
    latest = _as_generation(cache().get(generation_key(school_id)))
    if latest is not None and latest != stale and latest.current(time.time()):
        return latest
    cache().set(generation_key(school_id), (fresh.token, fresh.until), None)
    return fresh


# --- pages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    token: str
    etag: str
    last_modified: int
    headers: tuple[tuple[str, str], ...]
    content: bytes


def page_key(school_id: int, *parts: str) -> str:
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()
    return f"pagecache:page:{school_id}:{digest}"


def _as_entry(value) -> Entry | None:
    if isinstance(value, tuple) and len(value) == 6 and value[0] == FORMAT:
        return Entry(*value[1:])
    return None


def lookup(school_id: int, key: str) -> tuple[Generation, Entry | None, Entry | None]:
    """The school's current generation, the page stored under it (or None), and whatever
    page is stored under the key (a stale one, to carry its Last-Modified over)."""
    gen_key = generation_key(school_id)
    values = cache().get_many([gen_key, key])
    generation = _as_generation(values.get(gen_key))
    if generation is None or not generation.current(time.time()):
        generation = _renew(school_id, generation)
    stored = _as_entry(values.get(key))
    fresh = stored if stored is not None and stored.token == generation.token else None
    return generation, fresh, stored


def etag_for(content: bytes) -> str:
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def save(
    *,
    key: str,
    generation: Generation,
    headers: tuple[tuple[str, str], ...],
    content: bytes,
    previous: Entry | None,
    seconds: int,
) -> Entry:
    """Keep a page for ``seconds`` (less when the generation ends sooner)."""
    etag = etag_for(content)
    now = time.time()
    if previous is not None and previous.etag == etag:
        last_modified = previous.last_modified
    elif previous is not None:
        # Strictly later than what a browser may hold, even within the same second.
        last_modified = max(int(now), previous.last_modified + 1)
    else:
        last_modified = int(now)
    headers = (*headers, ("ETag", etag), ("Last-Modified", http_date(last_modified)))
    entry = Entry(generation.token, etag, last_modified, headers, content)
    timeout = seconds
    if generation.until is not None:
        timeout = max(1, min(seconds, int(generation.until - now) + 1))
    value = (FORMAT, entry.token, entry.etag, entry.last_modified, entry.headers, entry.content)
    cache().set(key, value, timeout)
    return entry


def local_midnight_after(moment: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(moment)
    tomorrow = local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=local.tzinfo)
