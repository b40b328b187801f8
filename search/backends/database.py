"""Candidates from the database's own full-text index (migration ``0002``).

* SQLite: the FTS5 table ``site_search_fts``. Every word is quoted, so nothing a visitor types
  is read as FTS syntax; the school and visibility are a word of the match (``scope``), so the
  engine never walks another school's entries.
* PostgreSQL: the generated ``search_vector`` (GIN) with ``to_tsquery('vi_unaccent', ...)``,
  scope word included.

Typing mistakes (mode ``any``), the same on both: the spellings one mistake away from the longer
words that are words of the index (``base.known_typo_words``, one look-up) are searched for too.

One SQL statement per call (after the look-up of near spellings); the total comes from ``COUNT(*) OVER ()``. When more than
``CANDIDATES`` entries match, those with every word in the title come first, then the newest
(no relevance score in SQL: ``vntext.match_key`` ranks the candidates; computing ``bm25`` or
``ts_rank`` for thousands of rows cost more than the whole search). The wide text columns are
read for the chosen candidates only. The statements are put
together from constants and placeholders only (``# noqa: S608``): every value, the visitor's words
included, travels as a parameter.
"""

from __future__ import annotations

from django.db import connection

from .base import (
    CANDIDATES,
    DATE,
    Backend,
    Candidate,
    Candidates,
    EngineQuery,
    Filters,
    known_typo_words,
    scope_words,
)

ENTRY = "site_search_searchentry"
FTS = "site_search_fts"
COLUMNS = "e.id, e.date, e.title_exact, e.title_folded, e.body_exact, e.body_folded"


def _filter_sql(filters: Filters) -> tuple[str, list]:
    sql, params = [], []
    if filters.kinds:
        sql.append(f"e.kind IN ({', '.join(['%s'] * len(filters.kinds))})")
        params += list(filters.kinds)
    if filters.section_path:
        sql.append("substr(e.section_path, 1, %s) = %s")
        params += [len(filters.section_path), filters.section_path]
    if filters.date_from:
        sql.append("e.date >= %s")
        params.append(filters.date_from)
    if filters.date_to:
        sql.append("e.date <= %s")
        params.append(filters.date_to)
    return "".join(f" AND {part}" for part in sql), params


def _ordering(order: str, engine: EngineQuery, mode: str) -> tuple[str, list]:
    """ORDER BY of the candidates: newest first, or (relevance) those with the words in the
    title first, then the newest. Words are letters and digits only: no LIKE wildcard."""
    if order == DATE:
        return "e.date DESC NULLS LAST, e.id DESC", []
    patterns = [f"% {word} %" for word in engine.words]
    if engine.prefix:
        patterns.append(f"% {engine.prefix}%")
    joiner = " AND " if mode == "all" else " OR "
    in_title = joiner.join(["(' ' || e.title_folded || ' ') LIKE %s"] * len(patterns))
    return f"({in_title}) DESC, e.date DESC NULLS LAST, e.id DESC", patterns


def _candidate(row) -> Candidate:
    return Candidate(row[0], row[1], row[2], row[3], row[4], row[5])


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _dates(rows: list[tuple]) -> list[tuple]:
    """SQLite returns dates as text in raw SQL."""
    import datetime

    def day(value):
        return datetime.date.fromisoformat(value) if isinstance(value, str) else value

    return [(row[0], day(row[1]), *row[2:]) for row in rows]


class SQLiteBackend(Backend):
    name = "sqlite"

    @staticmethod
    def _words(engine: EngineQuery, extra: list[str] = ()) -> list[str]:
        words = [f'"{word}"' for word in (*engine.words, *extra)]
        if engine.prefix:
            words.append(f'"{engine.prefix}" *')
        return words

    def candidates(self, *, school_id, visibilities, query, filters, order, mode) -> Candidates:
        engine = EngineQuery.of(query)
        if not engine:
            return Candidates()
        typos = known_typo_words(query) if mode == "any" else []
        words = (" AND " if mode == "all" else " OR ").join(self._words(engine, typos))
        scope = " OR ".join(f'"{word}"' for word in scope_words(school_id, visibilities))
        match = f"scope : ({scope}) AND {{title body}} : ({words})"
        where, params = _filter_sql(filters)
        ordering, order_params = _ordering(order, engine, mode)
        sql = (
            f"WITH c AS (SELECT e.id AS id, COUNT(*) OVER () AS total "  # noqa: S608
            f"FROM {FTS} JOIN {ENTRY} e ON e.id = {FTS}.rowid WHERE {FTS} MATCH %s{where} "
            f"ORDER BY {ordering} LIMIT %s) "
            f"SELECT {COLUMNS}, c.total FROM c JOIN {ENTRY} e ON e.id = c.id"
        )
        args = [match, *params, *order_params]
        rows = _dates(_fetch(sql, [*args, CANDIDATES]))
        total = rows[0][-1] if rows else 0
        return Candidates([_candidate(row) for row in rows], total)


class PostgresBackend(Backend):
    name = "postgresql"

    @staticmethod
    def _tsquery(school_id, visibilities, engine: EngineQuery, joiner: str, extra=()) -> str:
        scope = " | ".join(f"'{word}'" for word in scope_words(school_id, visibilities))
        words = [f"'{word}'" for word in (*engine.words, *extra)]
        if engine.prefix:
            words.append(f"'{engine.prefix}':*")
        return f"({scope}) & ({joiner.join(words)})"

    def candidates(self, *, school_id, visibilities, query, filters, order, mode) -> Candidates:
        engine = EngineQuery.of(query)
        if not engine:
            return Candidates()
        joiner = " & " if mode == "all" else " | "
        typos = known_typo_words(query) if mode == "any" else []
        tsquery = self._tsquery(school_id, visibilities, engine, joiner, typos)
        where, params = _filter_sql(filters)
        ordering, order_params = _ordering(order, engine, mode)
        sql = (
            f"WITH c AS (SELECT e.id AS id, COUNT(*) OVER () AS total "  # noqa: S608
            f"FROM {ENTRY} e, to_tsquery('vi_unaccent', %s) q(q) WHERE e.search_vector @@ q.q{where} "
            f"ORDER BY {ordering} LIMIT %s) "
            f"SELECT {COLUMNS}, c.total FROM c JOIN {ENTRY} e ON e.id = c.id"
        )
        args = [tsquery, *params, *order_params, CANDIDATES]
        rows = _fetch(sql, args)
        total = rows[0][-1] if rows else 0
        return Candidates([_candidate(row) for row in rows], total)


def database_backend() -> Backend:
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"The site search does not support {connection.vendor}.")
