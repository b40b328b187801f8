"""Per-visitor rate limits for public forms (calendar subscription, reader submissions).

The visitor is known by address only: ``REMOTE_ADDR``, or the header named by
``PORTAL_CLIENT_IP_HEADER`` when a proxy in front sets it (of a list, the last entry, the one the
proxy added). Counts live in Django's cache (local memory embedded, Redis in production)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    header = getattr(settings, "PORTAL_CLIENT_IP_HEADER", "") or "REMOTE_ADDR"
    value = request.META.get(header) or request.META.get("REMOTE_ADDR") or "unknown"
    return value.split(",")[-1].strip()


def _key(request, scope: str) -> str:
    return f"ratelimit:{scope}:{client_address(request)}"


def hit(request, *, scope: str, window: int) -> int:
    """Count one more use of ``scope`` by this visitor; returns the count in the window."""
    key = _key(request, scope)
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def hits(request, *, scope: str) -> int:
    """The visitor's count for ``scope`` in the current window, without adding one."""
    return cache.get(_key(request, scope), 0)


def over_limit(request, *, scope: str, limit: int, window: int) -> bool:
    """Count this request against the visitor's allowance for ``scope`` (``limit`` per
    ``window`` seconds); ``True`` once it is used up."""
    return hit(request, scope=scope, window=window) > limit
