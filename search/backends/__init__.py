"""Search backends: where the candidates of a query come from (``base.Backend``).

The database's own full-text index (``database.py``: SQLite FTS5 or PostgreSQL), or
Elasticsearch/OpenSearch when ``ELASTICSEARCH_URL`` is set (``elasticsearch.py``).
"""

from __future__ import annotations

from django.conf import settings

from .base import Backend


def get_backend() -> Backend:
    config = getattr(settings, "PORTAL_SEARCH_ELASTICSEARCH", None)
    if config:
        return _elasticsearch(config["URL"], config["INDEX"])
    from .database import database_backend

    return database_backend()


_ES_BACKENDS: dict[tuple[str, str], Backend] = {}


def _elasticsearch(url: str, index: str) -> Backend:
    """One client per URL and index for the life of the process."""
    from .elasticsearch import ElasticsearchBackend

    key = (url, index)
    if key not in _ES_BACKENDS:
        _ES_BACKENDS[key] = ElasticsearchBackend(settings.PORTAL_SEARCH_ELASTICSEARCH)
    return _ES_BACKENDS[key]
