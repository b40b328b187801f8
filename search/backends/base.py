"""What every search backend answers: the candidates of a query, with the fields the ranker
(``vntext.match_key``) needs. Backends only find candidates; ``search.selectors`` ranks them, so
SQLite, PostgreSQL and Elasticsearch give the same order.

Two modes: ``all`` (every word, the last as a prefix when the visitor is still typing it) and
``any`` (at least one word, plus the real words one typing mistake from the longer ones:
``known_typo_words``), which the search uses only when ``all`` finds nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import vntext

CANDIDATES = 200  # ranked in Python; also the deepest a visitor can page
RELEVANCE, DATE = "relevance", "date"


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    section_path: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


@dataclass(frozen=True)
class Candidate:
    id: int
    date: datetime.date | None
    title_exact: str
    title_folded: str
    body_exact: str
    body_folded: str


@dataclass
class Candidates:
    rows: list[Candidate] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True)
class EngineQuery:
    """The words an engine must see: whole words, and the last word's start when it is still
    being typed (one letter alone is too short to look up as a start: it only ranks)."""

    words: tuple[str, ...]
    prefix: str | None

    @classmethod
    def of(cls, query: vntext.Query) -> EngineQuery:
        words = list(query.folded)
        prefix = None
        if query.prefix:
            last = words.pop()
            if len(last) >= 2:
                prefix = last
        return cls(tuple(dict.fromkeys(words)), prefix)

    def __bool__(self) -> bool:
        return bool(self.words or self.prefix)


def scope_words(school_id: int, visibilities: tuple[str, ...]) -> list[str]:
    """The scope words of migration 0002: ``s<school id><visibility>``."""
    return [f"s{school_id}{visibility}" for visibility in visibilities]


TYPO_MIN_LENGTH = 4
TYPO_WORDS = 3  # the longest words of a query get near spellings, no more
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def typo_variants(query: vntext.Query) -> list[str]:
    """Every spelling one typing mistake (a letter left out, added, changed, or two swapped)
    from the query's longest words of ``TYPO_MIN_LENGTH`` letters or more (folded)."""
    words = sorted(
        {w for w in query.folded if len(w) >= TYPO_MIN_LENGTH and w.isascii()},
        key=lambda w: (-len(w), w),
    )[:TYPO_WORDS]
    found: set[str] = set()
    for word in words:
        for i in range(len(word) + 1):
            head, tail = word[:i], word[i:]
            found.update(head + letter + tail for letter in _LETTERS)
            if tail:
                found.add(head + tail[1:])
                found.update(head + letter + tail[1:] for letter in _LETTERS)
            if len(tail) > 1:
                found.add(head + tail[1] + tail[0] + tail[2:])
    found.difference_update(query.folded)
    return sorted(found)


def known_typo_words(query: vntext.Query) -> list[str]:
    """The ``typo_variants`` that are words of the index (``SearchTerm``): one query, or none
    when the query has no word long enough."""
    from ..models import SearchTerm

    variants = typo_variants(query)
    if not variants:
        return []
    return sorted(SearchTerm.objects.filter(term__in=variants).values_list("term", flat=True))


class Backend:
    name = "base"
    external = False  # True when it keeps its own copy of the entries (Elasticsearch)

    def candidates(
        self,
        *,
        school_id: int,
        visibilities: tuple[str, ...],
        query: vntext.Query,
        filters: Filters,
        order: str,
        mode: str,
    ) -> Candidates:
        raise NotImplementedError

    # Backends with their own copy of the entries keep it in step with these.
    def index_entries(self, entries) -> None:  # pragma: no cover - database backends
        pass

    def delete_entries(self, keys: list[str]) -> None:  # pragma: no cover
        pass

    def delete_school(self, school_id: int) -> None:  # pragma: no cover
        pass
