"""Elasticsearch catalogue search (SEARCH_BACKEND=elasticsearch): documents and analysis,
pure query builders, the cluster backend and the database fallback around it."""

from .backend import ElasticsearchBackend, SearchUnavailable
from .fallback import FALLBACK_LABEL, CircuitBreaker, FallbackBackend

__all__ = [
    "FALLBACK_LABEL",
    "CircuitBreaker",
    "ElasticsearchBackend",
    "FallbackBackend",
    "SearchUnavailable",
]
