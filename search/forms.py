"""The search page's parameters, read leniently: a value that is not understood (an unknown
kind, a section of another school, a date that is not a date) is dropped, never an error.

``q`` the words; ``loai`` kinds (repeatable, ``KIND_SLUGS``); ``muc`` a section (its page id:
the section and everything below it); ``tu``/``den`` a date range (``YYYY-MM-DD`` as a date
field sends it, or ``dd/mm/yyyy``); ``sap_xep=ngay`` newest first (default: relevance);
``page``; ``format=json``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import vntext

from .backends.base import DATE, RELEVANCE
from .models import KIND_SLUGS

DATE_ORDER = "ngay"


def parse_date(value: str) -> datetime.date | None:
    value = (value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    return None


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    kind_slugs: tuple[str, ...] = ()
    section_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    order: str = RELEVANCE
    page: str = "1"
    json: bool = False

    @classmethod
    def from_query(cls, data) -> SearchParams:
        q = vntext.normalize("".join(ch for ch in data.get("q", "") if ch.isprintable()))
        slugs = tuple(dict.fromkeys(s for s in data.getlist("loai") if s in KIND_SLUGS))
        date_from, date_to = parse_date(data.get("tu", "")), parse_date(data.get("den", ""))
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
        return cls(
            q=q[: vntext.MAX_QUERY_CHARS],
            kind_slugs=slugs,
            section_id=_int(data.get("muc")),
            date_from=date_from,
            date_to=date_to,
            order=DATE if data.get("sap_xep") == DATE_ORDER else RELEVANCE,
            page=data.get("page", "1")[:10],
            json=data.get("format") == "json",
        )

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(str(KIND_SLUGS[slug]) for slug in self.kind_slugs)

    @property
    def has_filters(self) -> bool:
        return bool(self.kind_slugs or self.section_id or self.date_from or self.date_to)
