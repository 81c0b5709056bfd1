"""The one place that decides what happens when Elasticsearch cannot answer.

`FallbackBackend` is what `SEARCH_BACKEND=elasticsearch` runs. For each search or suggest it
asks the circuit breaker whether Elasticsearch may be tried; if the cluster fails (connection
refused, timeout, HTTP 5xx, missing index, failed shards) the same request is answered by the
database backend, the result says `backend: "database (fallback)"`, a warning with the cause
is logged and the failure is counted. After `ES_CIRCUIT_FAILURES` failures in a row the
breaker opens: requests go straight to the database for `ES_CIRCUIT_COOLDOWN_SECONDS`, then
one request tries Elasticsearch again (closing the breaker on success).

Writes go to both engines: the database index is the warm standby the fallback reads, so it
is kept true whatever Elasticsearch's state; an Elasticsearch write that fails is logged and
left for `search_index check --repair`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable

from django.conf import settings

from ...query import SearchQuery, SearchResult
from ..base import IndexStatus, SearchBackend
from .backend import ElasticsearchBackend, SearchUnavailable

logger = logging.getLogger("search.elasticsearch")

FALLBACK_LABEL = "database (fallback)"


class CircuitBreaker:
    """Closed (try ES) -> open after N consecutive failures (skip ES) -> half-open after the
    cool-down (one trial request) -> closed on success, open again on failure."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self.failures = 0
        self.opened_at: float | None = None
        self._trial = False
        self.last_cause = ""

    @staticmethod
    def threshold() -> int:
        return max(1, int(getattr(settings, "ES_CIRCUIT_FAILURES", 3)))

    @staticmethod
    def cooldown() -> float:
        return float(getattr(settings, "ES_CIRCUIT_COOLDOWN_SECONDS", 30.0))

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return "closed"
        if self._clock() - self.opened_at >= self.cooldown():
            return "half-open"
        return "open"

    def allow(self) -> bool:
        with self._lock:
            state = self.state
            if state == "closed":
                return True
            if state == "half-open" and not self._trial:
                self._trial = True  # one request probes; the others keep using the database
                return True
            return False

    def success(self) -> None:
        with self._lock:
            self.failures, self.opened_at, self._trial, self.last_cause = 0, None, False, ""

    def failure(self, cause: str) -> None:
        with self._lock:
            self.failures += 1
            self.last_cause = cause
            if self._trial or self.failures >= self.threshold():
                self.opened_at = self._clock()
            self._trial = False

    def reset(self) -> None:
        self.success()


_breakers: dict[str, CircuitBreaker] = {}


def breaker_for(url: str) -> CircuitBreaker:
    """One breaker per cluster URL and process."""
    breaker = _breakers.get(url)
    if breaker is None:
        breaker = _breakers.setdefault(url, CircuitBreaker())
    return breaker


class FallbackBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, primary: ElasticsearchBackend | None = None):
        self.primary = primary or ElasticsearchBackend()

    def label(self) -> str:
        return self.primary.label()

    @property
    def breaker(self) -> CircuitBreaker:
        return breaker_for(settings.ELASTICSEARCH_URL or "")

    @property
    def database(self) -> SearchBackend:
        from .. import get_backend

        return get_backend("database")

    def _try(self, what: str, fn):
        """(True, value) when Elasticsearch answered, (False, cause) when it could not."""
        breaker = self.breaker
        if not breaker.allow():
            return False, f"circuit open after: {breaker.last_cause}"
        from elasticsearch import ApiError

        try:
            value = fn()
        except ApiError as exc:
            # A request the cluster refuses (4xx) is a bug on our side, not an outage; buyers
            # are still served, and the error is logged loudly.
            cause = f"HTTP {getattr(exc, 'status_code', '?')} ({str(exc)[:200]})"
            breaker.failure(cause)
            logger.error("Elasticsearch refused the %s request: %s", what, cause)
            return False, cause
        except SearchUnavailable as exc:
            breaker.failure(exc.cause)
            logger.warning(
                "Elasticsearch unavailable for %s (%s); serving it from the database backend "
                "(circuit %s, %d failure(s))",
                what, exc.cause, breaker.state, breaker.failures,
            )  # fmt: skip
            return False, exc.cause
        breaker.success()
        return True, value

    # ------------------------------------------------------------------ reads
    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        ok, value = self._try("search", lambda: self.primary.search(query))
        if ok:
            return value
        result = self.database.search(query)
        result.backend = FALLBACK_LABEL
        result.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        ok, value = self._try("suggest", lambda: self.primary.suggest(prefix, limit=limit))
        return value if ok else self.database.suggest(prefix, limit=limit)

    # ------------------------------------------------------------------ writes
    def index(self, product_ids: Iterable[int]) -> None:
        ids = list(product_ids)
        self.database.index(ids)
        self._try("index", lambda: self.primary.index(ids))

    def delete(self, product_ids: Iterable[int]) -> None:
        ids = list(product_ids)
        self.database.delete(ids)
        self._try("delete", lambda: self.primary.delete(ids))

    def rebuild(self, chunk_size: int = 5000) -> int:
        """Rebuild both indices; an Elasticsearch failure is raised (the operator asked)."""
        self.database.rebuild(chunk_size=chunk_size)
        try:
            count = self.primary.rebuild(chunk_size=chunk_size)
        except SearchUnavailable:
            self.breaker.failure("rebuild failed")
            raise
        self.breaker.success()
        return count

    def check(self) -> IndexStatus:
        return self.primary.check()

    def repair(self, status: IndexStatus) -> None:
        """`search_index check --repair`: the drifted rows in both indices. Unlike a write
        made by a request, an Elasticsearch failure here is raised (the operator asked), and
        the circuit breaker is not consulted."""
        self.database.index(status.missing + status.stale)
        self.database.delete(status.extra)
        self.primary.index(status.missing + status.stale)
        self.primary.delete(status.extra)
        self.breaker.success()

    def health(self) -> dict:
        """ok: Elasticsearch serves; degraded: the database serves instead; down: neither."""
        database = self.database.health()
        breaker = self.breaker
        if breaker.state == "open":
            search = {"ok": False, "backend": self.label(), "error": breaker.last_cause}
        else:
            search = self.primary.health()
            if search["ok"]:
                breaker.success()
            else:
                breaker.failure(search.get("error") or f"cluster {search.get('cluster')}")
        data = {
            **search,
            "circuit": breaker.state,
            "fallback": database,
            "degraded": not search["ok"] and database.get("ok", False),
        }
        data["serving"] = self.label() if search["ok"] else FALLBACK_LABEL
        return data
