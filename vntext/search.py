"""Search text: words in two forms, query parsing, the tiered ranking key and highlighting.

Every search backend of the portal (SQLite FTS5, PostgreSQL, Elasticsearch) indexes what
:func:`index_forms` returns and the results of each are ranked by :func:`match_key`, so all
backends find and order the same things.

* ``exact`` form of a word: NFC, lower case, Ð -> đ, tone placement in one style
  (``hoà`` = ``hòa``), diacritics kept;
* ``folded`` form: the exact form with đ -> d and every mark removed.

Words are runs of letters and digits: "37/2020/TT-BGDĐT" is the four words ``37 2020 tt
bgdđt`` (so a number matches whole or in part), "tuyển-sinh" is ``tuyển sinh``.

The ranking (research note §2.7): for each query word a match level, 3 when the exact forms
are equal, 2 when the folded forms are, 1 when the last query word is the start of a folded
document word (type-ahead). Documents are ordered by coverage (query words matched at any
level), then the sum of levels (exact diacritics above folded), then whether the query is a
contiguous phrase (in the title above the body), then the title's share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from .text import exact_key, fold, search_key

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "Query",
    "highlight_spans",
    "index_forms",
    "match_key",
    "parse_query",
    "snippet",
    "within_one_edit",
    "words",
]

MAX_QUERY_CHARS: Final = 200
MAX_QUERY_WORDS: Final = 12
_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of ``text`` in exact form."""
    return _WORD_RE.findall(exact_key(text))


def index_forms(text: str) -> tuple[str, str]:
    """``(exact, folded)``: the words of ``text`` joined by single spaces, in both forms.

    The two strings have the same number of words, word for word (folding never splits,
    joins or empties a word), so a position in one is a position in the other."""
    exact = " ".join(words(text))
    return exact, search_key(exact)


@dataclass(frozen=True)
class Query:
    """What a visitor typed, as words in both forms. ``prefix``: the last word may be the
    start of a longer word (the visitor is still typing it)."""

    exact: tuple[str, ...] = ()
    folded: tuple[str, ...] = ()
    prefix: bool = False

    def __bool__(self) -> bool:
        return bool(self.folded)

    @property
    def text(self) -> str:
        """The folded query, words joined by spaces (the form the query log keeps)."""
        return " ".join(self.folded)


def parse_query(text: str, *, max_words: int = MAX_QUERY_WORDS) -> Query:
    """Words of a visitor's query; punctuation, quotes and the operators of any engine's
    query syntax are not words, so they cannot reach an engine as syntax.

    The last word is a prefix when it has two characters or more, or when it follows other
    words ("tuyen si" finds "tuyển sinh")."""
    exact, folded = index_forms(text[:MAX_QUERY_CHARS])
    exact_words = tuple(exact.split()[:max_words])
    folded_words = tuple(folded.split()[:max_words])
    if not folded_words:
        return Query()
    prefix = len(folded_words[-1]) >= 2 or len(folded_words) >= 2
    return Query(exact_words, folded_words, prefix)


# --- ranking -----------------------------------------------------------------------------


def _level(exact_word: str, folded_word: str, last_prefix: bool, exact: str, folded: str) -> int:
    """Match level of one query word in one field (``exact``/``folded`` are space-padded)."""
    if f" {exact_word} " in exact:
        return 3
    if f" {folded_word} " in folded:
        return 2
    if last_prefix and f" {folded_word}" in folded:
        return 1
    return 0


def within_one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one inserted, deleted or replaced letter,
    or two swapped neighbours."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def match_key(
    query: Query,
    title_exact: str,
    title_folded: str,
    body_exact: str = "",
    body_folded: str = "",
    *,
    fuzzy: bool = False,
) -> tuple[int, int, int, int, int]:
    """The ranking key of one document for ``query`` (higher is better):
    ``(coverage, typo matches, sum of levels, phrase, title score)``.

    Fields are the outputs of :func:`index_forms`. ``fuzzy``: a query word of four letters or
    more that matches nothing may match a title word one typing mistake away; such words
    are counted apart, below coverage (used only when no document has every word)."""
    te, tf = f" {title_exact} ", f" {title_folded} "
    be, bf = f" {body_exact} ", f" {body_folded} "
    count = len(query.folded)
    coverage = levels = title_score = typos = 0
    title_words: list[str] | None = None
    for i, (exact_word, folded_word) in enumerate(zip(query.exact, query.folded, strict=True)):
        last_prefix = query.prefix and i == count - 1
        in_title = _level(exact_word, folded_word, last_prefix, te, tf)
        level = (
            in_title
            if in_title == 3
            else max(in_title, _level(exact_word, folded_word, last_prefix, be, bf))
        )
        if level:
            coverage += 1
            levels += level
            title_score += in_title
        elif fuzzy and len(folded_word) >= 4:
            if title_words is None:
                title_words = title_folded.split()
            if any(within_one_edit(folded_word, word) for word in title_words):
                typos += 1
    phrase = 0
    if count >= 2:
        pattern = " " + " ".join(query.folded) + ("" if query.prefix else " ")
        if pattern in tf:
            phrase = 2
        elif pattern in bf:
            phrase = 1
    return coverage, typos, levels, phrase, title_score


# --- highlighting ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _aligned_table() -> dict[int, str]:
    """Per-character folding that keeps the length: a character whose fold is one character
    becomes it (Ế -> e, Đ -> d, A -> a); others stay as they are."""
    table: dict[int, str] = {}
    for cp in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        folded = fold(chr(cp))
        if len(folded) == 1 and folded != chr(cp):
            table[cp] = folded
    return table


def _pattern(query: Query) -> re.Pattern[str] | None:
    if not query:
        return None
    alternatives = set()
    for i, word in enumerate(query.folded):
        if query.prefix and i == len(query.folded) - 1:
            alternatives.add(re.escape(word) + r"[^\W_]*")
        else:
            alternatives.add(re.escape(word))
    ordered = sorted(alternatives, key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(ordered) + r")(?![^\W_])", re.IGNORECASE)


def _aligned(text: str) -> str:
    return text.translate(_aligned_table())


def highlight_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """``(start, end)`` of every word of ``text`` (NFC, as shown) that matches a query word,
    with or without diacritics (the last word as a prefix when the query says so)."""
    pattern = _pattern(query)
    if pattern is None or not text:
        return []
    return [m.span() for m in pattern.finditer(_aligned(text))]


def _phrase_at(aligned: str, query: Query) -> int:
    """Where the query's words stand together in ``aligned`` text, or -1."""
    if len(query.folded) < 2:
        return -1
    words_re = r"[\W_]+".join(re.escape(word) for word in query.folded)
    found = re.search(r"(?<![^\W_])" + words_re, aligned, re.IGNORECASE)
    return found.start() if found else -1


def snippet(text: str, query: Query, *, width: int = 240) -> tuple[str, list[tuple[int, int]]]:
    """About ``width`` characters of ``text`` around the first place where the query matches
    (as a phrase if it does, else its first word found), cut at word boundaries, with "…"
    where text was left out; and the highlighted spans within that fragment."""
    if not text:
        return "", []
    pattern = _pattern(query)
    aligned = _aligned(text) if pattern is not None else text
    spans = [m.span() for m in pattern.finditer(aligned)] if pattern is not None else []
    if len(text) <= width:
        return text, spans
    start = 0
    if spans:
        phrase = _phrase_at(aligned, query)
        anchor = phrase if phrase >= 0 else spans[0][0]
        start = max(0, anchor - width // 4)
        if start:
            space = text.find(" ", start, anchor)
            start = space + 1 if space >= 0 else anchor
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    while start < end and text[start].isspace():
        start += 1
    fragment = text[start:end].rstrip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = [(a + shift, b + shift) for a, b in spans if a >= start and b <= start + len(fragment)]
    return prefix + fragment + suffix, inside
