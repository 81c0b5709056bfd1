"""The one search entry point. Views, the API, procurement and the relevance suite call these;
none of them knows which backend runs.

    from search.query import SearchQuery
    from search.service import search
    result = search(SearchQuery.from_params(request.GET))
"""

from __future__ import annotations

from .backends import get_backend
from .query import SearchQuery, SearchResult


def search(query: SearchQuery) -> SearchResult:
    """Run `query` on the configured backend: ids, scores, highlights, total and facet counts."""
    return get_backend().search(query)


def suggest(prefix: str, limit: int = 8) -> list[str]:
    """As-you-type completions for `prefix` (at most `limit`)."""
    return get_backend().suggest(prefix, limit=limit)
