"""Backend selection: `settings.SEARCH_BACKEND` ("database" or, later, "elasticsearch")."""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from .base import IndexStatus, SearchBackend

__all__ = ["IndexStatus", "SearchBackend", "get_backend"]

_cache: dict[str, SearchBackend] = {}


def get_backend(name: str | None = None) -> SearchBackend:
    """The configured backend. "database" picks PostgreSQL or SQLite by connection vendor."""
    name = name or getattr(settings, "SEARCH_BACKEND", "database") or "database"
    key = f"{name}:{connection.vendor}"
    backend = _cache.get(key)
    if backend is None:
        if name == "database":
            if connection.vendor == "postgresql":
                from .postgres import PostgresBackend as cls
            else:
                from .sqlite import SQLiteBackend as cls
        elif name == "elasticsearch":
            # The cluster backend wrapped in its database fallback and circuit breaker.
            from .elasticsearch import FallbackBackend as cls  # type: ignore[no-redef]
        else:
            raise ValueError(f"Unknown SEARCH_BACKEND {name!r}")
        backend = _cache[key] = cls()
    return backend
