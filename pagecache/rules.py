"""What the page cache may look up and what it may keep: pure rules, no storage.

A request is looked up only when it is a visitor's ``GET``/``HEAD`` of a public URL: no session
cookie (staff are logged in through it), no pending message, no ``Authorization``; a path
outside the private and per-visitor areas; at most ``MAX_URL_LENGTH`` characters; and a query
made only of the parameters that URL reads, each once, each value of a bounded form. Anything
else is a *bypass*: the request is served as if there were no cache and nothing is stored, so
junk queries cannot fill the cache. Tracking parameters added by Facebook, Zalo and Google
(``fbclid``, ``zarsrc``, ``utm_*``, ...) are ignored for the lookup, but a page rendered for
such a request is not stored (it could echo them).

A response is kept only when it is a ``200`` for everybody: no cookie set, no ``private``/
``no-store``/``no-cache``, no CSRF token used (a form), not a preview, not a page with view
restrictions, not for a logged-in user, only ``Vary: Cookie, Accept-Language`` (the language is
part of the key, cookies are excluded above), and at most ``MAX_BODY_BYTES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.utils.cache import cc_delim_re

MAX_URL_LENGTH = 600
MAX_BODY_BYTES = 2 * 1024 * 1024

# Private, per-visitor or counted URLs: never looked up, never kept.
BYPASS_PATH = re.compile(
    r"^/(?:admin|documents|_util|i18n|tim-kiem|gui-bai)/"
    r"|^/lich-cong-tac/(?:dang-ky|xac-nhan|huy-dang-ky)/"
    r"|^/(?:van-ban|tu-lieu)/tep/"
    r"|^/tu-lieu/\d+/dap-an/"
)

TRACKING_PARAMS = frozenset({"fbclid", "gclid", "zarsrc", "mibextid", "_gl"})

PAGE = re.compile(r"[1-9][0-9]{0,3}")
ID = re.compile(r"[1-9][0-9]{0,8}")
YEAR = re.compile(r"(?:19|20)[0-9]{2}")
MONTH = re.compile(r"(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])")
SLUG = re.compile(r"[-\w]{1,100}")
SHORT_TEXT = re.compile(r"[^\x00-\x1f\x7f]{1,20}")
TEXT = re.compile(r"[^\x00-\x1f\x7f]{1,100}")

# The parameters each public view reads (grep ``request.GET`` and the filter forms).
VIEW_QUERIES: tuple[tuple[re.Pattern, dict[str, re.Pattern]], ...] = (
    (
        re.compile(r"^/van-ban/$"),
        {
            "nhom": SLUG,
            "loai": ID,
            "nam": YEAR,
            "linh_vuc": TEXT,
            "hieu_luc": SLUG,
            "don_vi": ID,
            "page": PAGE,
        },
    ),
    (
        re.compile(r"^/tu-lieu/$"),
        {
            "loai": ID,
            "mon": TEXT,
            "lop": re.compile(r"[0-9]{1,2}"),
            "to": ID,
            "nam_hoc": re.compile(r"[0-9]{4}-[0-9]{4}"),
            "page": PAGE,
        },
    ),
    (re.compile(r"^/thoi-khoa-bieu/$"), {"lop": SHORT_TEXT, "gv": TEXT}),
    (re.compile(r"^/can-bo/$"), {"don_vi": ID}),
    (re.compile(r"^/the/[^/]+/$"), {"page": PAGE}),
    (re.compile(r"^/su-kien/danh-sach/$"), {"page": PAGE}),
)
# Wagtail pages that read parameters, by model label; other pages read none.
PAGE_QUERIES: dict[str, dict[str, re.Pattern]] = {
    "sections.sectionpage": {"the": SLUG, "thang": MONTH, "page": PAGE},
}
_ANY_PAGE_QUERY = {name: rule for rules in PAGE_QUERIES.values() for name, rule in rules.items()}

KEPT_VARY = frozenset({"cookie", "accept-language"})
NOT_KEPT_HEADERS = frozenset({"set-cookie", "date", "age", "x-cache", "etag", "last-modified"})


def bypass_path(path: str) -> bool:
    if BYPASS_PATH.match(path):
        return True
    prefixes = (settings.MEDIA_URL, settings.STATIC_URL)
    return any(prefix and prefix.startswith("/") and path.startswith(prefix) for prefix in prefixes)


def visitor_has_state(request) -> bool:
    """A logged-in user (the session cookie), a message waiting to be shown, or credentials."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies  # django.contrib.messages' CookieStorage
        or "HTTP_AUTHORIZATION" in request.META
    )


@dataclass(frozen=True)
class Query:
    canonical: str  # the kept parameters, sorted and encoded
    names: frozenset[str]
    storable: bool  # False when tracking parameters were ignored


def _view_rules(path: str) -> dict[str, re.Pattern] | None:
    for pattern, rules in VIEW_QUERIES:
        if pattern.match(path):
            return rules
    return None


def normalize_query(path: str, query) -> Query | None:
    """The query as the cache sees it, or None when the request must bypass the cache."""
    rules = _view_rules(path)
    if rules is None:
        rules = _ANY_PAGE_QUERY  # checked against the page served (``page_accepts``)
    items = []
    tracking = False
    for name in query:
        if name in TRACKING_PARAMS or name.startswith("utm_"):
            tracking = True
            continue
        values = query.getlist(name)
        if name not in rules or len(values) != 1:
            return None
        value = values[0]
        if value == "":
            continue  # an empty filter field of a GET form
        if not rules[name].fullmatch(value):
            return None
        items.append((name, value))
    items.sort()
    return Query(urlencode(items), frozenset(name for name, _ in items), not tracking)


def page_accepts(request, names: frozenset[str]) -> bool:
    """Whether the view that answered reads every parameter of the query (a Wagtail page
    answers ``?page=2`` only when it is a listing)."""
    if not names:
        return True
    if _view_rules(request.path_info) is not None:
        return True
    model = getattr(request, "pagecache_page_model", None)
    return model is not None and names <= PAGE_QUERIES.get(model, {}).keys()


def response_problem(request, response) -> str | None:
    """Why ``response`` must not be kept, or None when it may be."""
    if response.status_code != 200:
        return "status"
    if response.streaming:
        return "streaming"
    if response.cookies or response.has_header("Set-Cookie"):
        return "cookie"
    cache_control = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-store", "no-cache"}:
        return "private"
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part}
    if vary - KEPT_VARY:
        return "vary"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return "csrf"
    if getattr(request, "is_preview", False) or getattr(request, "pagecache_private", False):
        return "private"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return "user"
    if len(response.content) > MAX_BODY_BYTES:
        return "size"
    return None


def kept_headers(response) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, value) for name, value in response.items() if name.lower() not in NOT_KEPT_HEADERS
    )
