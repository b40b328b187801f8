"""Purging proxy caches in front of the portal (Varnish), through Wagtail's frontend-cache
backends (``WAGTAILFRONTENDCACHE``, the ``wagtail.contrib.frontend_cache`` API).

A change purges the whole school, so the proxy is told to drop every object of the school's
host: ``HostBanBackend`` sends to each proxy URL of ``PORTAL_FRONTEND_CACHE_URLS``::

    BAN / HTTP/1.1
    Host: <the proxy's own host>
    X-Ban-Host: c2tinhsonst.quangngai.edu.vn

``X-Ban-Host`` is the school's hostname (lower case, no port). The proxy's configuration
(``deploy/``) answers ``BAN`` only from the application's addresses and bans the objects whose
``Host`` is that hostname, with or without a port. Another backend configured in
``WAGTAILFRONTENDCACHE`` (Cloudflare, CloudFront, ...) cannot ban a host: it is asked to purge
the school's home page, feeds and sitemap.

The purge runs at once after the commit (``services.purge_school``), not through Wagtail's
background task, so a visitor behind the proxy sees a change within a second. Errors are logged,
never raised: publishing must not fail because the proxy is down.
"""

from __future__ import annotations

import logging
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

logger = logging.getLogger(__name__)

# Purged on backends that cannot ban a host.
SCHOOL_WIDE_PATHS = ("/", "/rss/", "/atom/", "/sitemap.xml")


def configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


class BanRequest(Request):
    def get_method(self) -> str:
        return "BAN"


class HostBanBackend(BaseBackend):
    """``{"BACKEND": "pagecache.frontend.HostBanBackend", "LOCATIONS": ["http://varnish:6081/"],
    "TIMEOUT": 2}``: each purge bans the URL's whole host on every proxy."""

    def __init__(self, params):
        super().__init__(params)
        locations = params.get("LOCATIONS") or [params["LOCATION"]]
        self.locations = [location for location in locations if location]
        for location in self.locations:
            if urlsplit(location).scheme not in ("http", "https"):
                raise ValueError(f"{location!r} is not an http(s) URL")
        self.timeout = params.get("TIMEOUT", 2)

    def ban_host(self, hostname: str) -> None:
        for location in self.locations:
            request = BanRequest(
                location, headers={"X-Ban-Host": hostname, "User-Agent": "Cong-Truong-pagecache"}
            )
            try:
                with urlopen(request, timeout=self.timeout):  # noqa: S310 (http(s) checked above)
                    pass
            except (URLError, OSError) as exc:
                logger.error("Could not ban %s on %s: %s", hostname, location, exc)

    def purge(self, url) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        for hostname in dict.fromkeys((urlsplit(url).hostname or "") for url in urls):
            if hostname:
                self.ban_host(hostname)


def purge_sites(sites) -> None:
    """Drop every cached object of these Wagtail sites from the configured proxies."""
    if not configured():
        return
    from wagtail.contrib.frontend_cache.utils import get_backends

    for name, backend in get_backends().items():
        for site in sites:
            hostname = site.hostname.lower()
            if not backend.invalidates_hostname(hostname):
                continue
            try:
                if isinstance(backend, HostBanBackend):
                    backend.ban_host(hostname)
                else:
                    root = site.root_url.rstrip("/")
                    backend.purge_batch([root + path for path in SCHOOL_WIDE_PATHS])
            except Exception:  # a proxy must never break publishing
                logger.exception("Frontend cache %s could not purge %s", name, hostname)
