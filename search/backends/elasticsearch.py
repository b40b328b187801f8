"""Candidates from Elasticsearch 8 (or OpenSearch with the same API), used when
``ELASTICSEARCH_URL`` is set (``settings.PORTAL_SEARCH_ELASTICSEARCH``).

One index per install (``<ELASTICSEARCH_INDEX_PREFIX>site_search``), the school a filter field.
Documents are the ``SearchEntry`` rows, keyed ``<source>:<object id>:<part>``, written by
``search.indexing`` after the database (the database stays the source of truth: the candidates'
ranking fields are read back from it by id, and ``rebuild_search_index`` refills the index).

Mapping: ``title`` and ``body`` receive the exact forms of ``vntext.index_forms`` (words joined
by spaces, diacritics kept, tone placement normalised) through a whitespace tokenizer and
``lowercase``; their ``.folded`` sub-fields add ``asciifolding`` (which maps đ to d and removes
every Vietnamese mark). Every word must match folded (the last one as a prefix while being
typed); the exact fields and the folded phrase only add to the score, and the same Python
ranker as the database backends orders the result.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings

from .base import (
    CANDIDATES,
    DATE,
    TYPO_MIN_LENGTH,
    Backend,
    Candidate,
    Candidates,
    EngineQuery,
    Filters,
)

INDEX_SETTINGS = {
    "analysis": {
        "analyzer": {
            "vi_exact": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
            "vi_folded": {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": ["lowercase", "asciifolding"],
            },
        }
    }
}
_TEXT = {
    "type": "text",
    "analyzer": "vi_exact",
    "fields": {"folded": {"type": "text", "analyzer": "vi_folded"}},
}
INDEX_MAPPINGS = {
    "properties": {
        "entry_id": {"type": "long"},
        "school_id": {"type": "integer"},
        "visibility": {"type": "keyword"},
        "kind": {"type": "keyword"},
        "section_path": {"type": "keyword"},
        "date": {"type": "date"},
        "title": _TEXT,
        "body": _TEXT,
    }
}
FOLDED_FIELDS = ["title.folded^3", "body.folded"]
EXACT_FIELDS = ["title^3", "body"]


def entry_key(entry) -> str:
    return f"{entry.source}:{entry.object_id}:{entry.part}"


def document(entry) -> dict:
    return {
        "entry_id": entry.pk,
        "school_id": entry.school_id,
        "visibility": entry.visibility,
        "kind": entry.kind,
        "section_path": entry.section_path,
        "date": entry.date.isoformat() if entry.date else None,
        "title": entry.title_exact,
        "body": entry.body_exact,
    }


def _filters(school_id: int, visibilities, filters: Filters) -> list[dict]:
    found: list[dict] = [
        {"term": {"school_id": school_id}},
        {"terms": {"visibility": list(visibilities)}},
    ]
    if filters.kinds:
        found.append({"terms": {"kind": list(filters.kinds)}})
    if filters.section_path:
        found.append({"prefix": {"section_path": filters.section_path}})
    if filters.date_from or filters.date_to:
        bounds = {}
        if filters.date_from:
            bounds["gte"] = filters.date_from.isoformat()
        if filters.date_to:
            bounds["lte"] = filters.date_to.isoformat()
        found.append({"range": {"date": bounds}})
    return found


def _word(word: str) -> dict:
    return {"multi_match": {"query": word, "fields": FOLDED_FIELDS}}


def _start(prefix: str) -> dict:
    return {
        "bool": {
            "should": [
                {"prefix": {"title.folded": {"value": prefix, "boost": 3}}},
                {"prefix": {"body.folded": prefix}},
            ]
        }
    }


def build_query(*, school_id, visibilities, query, filters: Filters, mode: str) -> dict:
    """The ``query`` of the search request (pure: tested without a server)."""
    engine = EngineQuery.of(query)
    required = [_word(word) for word in engine.words]
    if engine.prefix:
        required.append(_start(engine.prefix))
    scoring: list[dict] = [
        {"multi_match": {"query": " ".join(query.exact), "fields": EXACT_FIELDS}},
    ]
    if len(query.folded) >= 2:
        scoring.append(
            {"match_phrase": {"title.folded": {"query": " ".join(query.folded), "boost": 2}}}
        )
    body: dict = {"filter": _filters(school_id, visibilities, filters)}
    if mode == "all":
        body["must"] = required
        body["should"] = scoring
    else:
        typos = [
            {"match": {"title.folded": {"query": word, "fuzziness": 1, "prefix_length": 1}}}
            for word in query.folded
            if len(word) >= TYPO_MIN_LENGTH
        ]
        body["should"] = [*required, *typos, *scoring]
        body["minimum_should_match"] = 1
    return {"bool": body}


class ElasticsearchBackend(Backend):
    name = "elasticsearch"
    external = True

    def __init__(self, config: dict | None = None):
        self.config = config or settings.PORTAL_SEARCH_ELASTICSEARCH
        self.index = self.config["INDEX"]
        self._index_ready = False

    @cached_property
    def client(self):
        from elasticsearch import Elasticsearch

        return Elasticsearch(self.config["URL"], request_timeout=self.config.get("TIMEOUT", 5))

    # --- writing -------------------------------------------------------------------------

    def ensure_index(self) -> None:
        if self._index_ready:
            return
        if not self.client.indices.exists(index=self.index):
            self.client.indices.create(
                index=self.index, settings=INDEX_SETTINGS, mappings=INDEX_MAPPINGS
            )
        self._index_ready = True

    def drop_index(self) -> None:
        self.client.indices.delete(index=self.index, ignore_unavailable=True)
        self._index_ready = False

    def index_entries(self, entries) -> None:
        from elasticsearch.helpers import bulk

        entries = list(entries)
        if not entries:
            return
        self.ensure_index()
        actions = (
            {"_index": self.index, "_id": entry_key(e), "_source": document(e)} for e in entries
        )
        bulk(self.client, actions, refresh=self.config.get("REFRESH", False))

    def delete_entries(self, keys: list[str]) -> None:
        from elasticsearch.helpers import bulk

        if not keys:
            return
        self.ensure_index()
        actions = ({"_op_type": "delete", "_index": self.index, "_id": key} for key in keys)
        bulk(self.client, actions, raise_on_error=False, refresh=self.config.get("REFRESH", False))

    def delete_school(self, school_id: int) -> None:
        self.ensure_index()
        self.client.delete_by_query(
            index=self.index,
            query={"term": {"school_id": school_id}},
            refresh=True,
            conflicts="proceed",
        )

    # --- reading -------------------------------------------------------------------------

    def candidates(self, *, school_id, visibilities, query, filters, order, mode) -> Candidates:
        from ..models import SearchEntry

        if not EngineQuery.of(query):
            return Candidates()
        self.ensure_index()
        sort = (
            [{"date": {"order": "desc", "missing": "_last"}}, "_score"] if order == DATE else None
        )
        answer = self.client.search(
            index=self.index,
            query=build_query(
                school_id=school_id,
                visibilities=visibilities,
                query=query,
                filters=filters,
                mode=mode,
            ),
            size=CANDIDATES,
            sort=sort,
            source=["entry_id"],
            track_total_hits=True,
        )
        hits = answer["hits"]
        ids = [hit["_source"]["entry_id"] for hit in hits["hits"]]
        rows = {
            row[0]: row
            for row in SearchEntry.objects.filter(pk__in=ids).values_list(
                "id", "date", "title_exact", "title_folded", "body_exact", "body_folded"
            )
        }
        found = [Candidate(*rows[pk]) for pk in ids if pk in rows]
        return Candidates(found, max(hits["total"]["value"], len(found)))
