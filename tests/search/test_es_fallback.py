"""Elasticsearch failure behaviour, without a cluster: the backend is pointed at a closed port
(connection refused) and at a port that accepts connections and never answers (timeout). Each
search is still answered, from the database, within the timeout; /healthz says degraded; the
cause is logged; and once the circuit breaker opens, Elasticsearch is not tried at all."""

import logging
import socket
import threading
import time

import pytest
from django.core.management import call_command

from search.backends import get_backend
from search.backends.elasticsearch import FALLBACK_LABEL, CircuitBreaker
from search.backends.elasticsearch.fallback import breaker_for

TIMEOUT = 1.0
MARGIN = 1.5


def closed_port() -> int:
    """A port nothing listens on: bind, read the port, close."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_server():
    """A listening socket that accepts connections and never replies (stops by itself)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    stop = threading.Event()
    held = []

    def serve():
        deadline = time.monotonic() + 60  # bounded: never outlives a slow test run
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                conn, _addr = server.accept()
            except OSError:
                continue
            held.append(conn)  # keep it open, read nothing, answer nothing

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    server.close()


@pytest.fixture
def stock(catalogue):
    vendor = catalogue.vendor(name="CV Kertas Jaya", kecamatan="Subah")
    hvs = catalogue.product("Kertas HVS A4 70 gsm", "kertas", vendor=vendor, price=52_000)
    catalogue.product("Pulpen gel hitam", "alat-tulis", vendor=vendor, price=3_500)
    catalogue.index()  # the database index: the fallback's warm standby
    return {"hvs": hvs}


def use_elasticsearch(settings, url, failures=2):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = url
    settings.ES_TIMEOUT_SECONDS = TIMEOUT
    settings.ES_CIRCUIT_FAILURES = failures
    settings.ES_CIRCUIT_COOLDOWN_SECONDS = 60
    breaker_for(url).reset()


def timed_search(client, q="hvs"):
    started = time.perf_counter()
    response = client.get("/api/v1/search/", {"q": q})
    return response, time.perf_counter() - started


@pytest.mark.parametrize("kind", ["refused", "silent"])
def test_search_falls_back_to_the_database_within_the_timeout(
    kind, client, settings, stock, silent_server, caplog
):
    url = f"http://127.0.0.1:{closed_port()}" if kind == "refused" else silent_server
    use_elasticsearch(settings, url, failures=2)

    with caplog.at_level(logging.WARNING, logger="search.elasticsearch"):
        response, elapsed = timed_search(client)
    assert response.status_code == 200
    data = response.json()
    assert data["backend"] == FALLBACK_LABEL
    assert data["total"] == 1 and data["results"][0]["id"] == stock["hvs"].id
    assert elapsed < TIMEOUT + MARGIN
    warnings = [
        r
        for r in caplog.records
        if r.name == "search.elasticsearch" and r.levelno == logging.WARNING
    ]
    assert warnings, "the fallback must be logged"
    cause = warnings[0].getMessage()
    assert ("timeout" in cause) if kind == "silent" else ("connection failed" in cause)

    health = client.get("/healthz")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "degraded"
    assert body["database"]["ok"] is True
    assert body["search"]["ok"] is False and body["search"]["serving"] == FALLBACK_LABEL

    # Two failures (the search, the health probe) open the breaker: the next request does
    # not touch Elasticsearch at all.
    assert breaker_for(url).state == "open"
    response, fast = timed_search(client)
    assert response.status_code == 200 and response.json()["backend"] == FALLBACK_LABEL
    if kind == "silent":
        assert fast < TIMEOUT / 4 < elapsed
    else:
        assert fast < elapsed + 0.5
    assert client.get("/healthz").json()["search"]["circuit"] == "open"


def test_suggest_falls_back_too(client, settings, stock):
    use_elasticsearch(settings, f"http://127.0.0.1:{closed_port()}")
    response = client.get("/api/v1/search/suggest/", {"q": "kert"})
    assert response.status_code == 200
    assert "kertas" in response.json()["suggestions"]


def test_the_page_is_served_from_the_database_when_the_cluster_is_down(client, settings, stock):
    use_elasticsearch(settings, f"http://127.0.0.1:{closed_port()}")
    response = client.get("/cari/", {"q": "kertas"})
    assert response.status_code == 200
    assert f"/produk/{stock['hvs'].id}/" in response.content.decode()


def test_writes_keep_the_database_index_true_while_the_cluster_is_down(
    settings, stock, catalogue, django_capture_on_commit_callbacks, client
):
    use_elasticsearch(settings, f"http://127.0.0.1:{closed_port()}", failures=100)
    with django_capture_on_commit_callbacks(execute=True):
        tenda = catalogue.product("Sewa tenda terop 4x6", "snack-box")
    data = client.get("/api/v1/search/", {"q": "terop"}).json()
    assert data["backend"] == FALLBACK_LABEL
    assert [r["id"] for r in data["results"]] == [tenda.id]


def test_healthz_is_ok_on_the_database_backend(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["search"]["backend"].startswith("database")


def test_rebuild_command_reports_an_unreachable_cluster(settings, stock):
    from search.backends.elasticsearch import SearchUnavailable

    use_elasticsearch(settings, f"http://127.0.0.1:{closed_port()}")
    with pytest.raises(SearchUnavailable, match="connection failed"):
        call_command("search_index", "rebuild")


def test_breaker_opens_after_n_failures_and_retries_after_the_cool_down(settings):
    settings.ES_CIRCUIT_FAILURES = 3
    settings.ES_CIRCUIT_COOLDOWN_SECONDS = 30
    now = [1000.0]
    breaker = CircuitBreaker(clock=lambda: now[0])
    for _ in range(2):
        assert breaker.allow()
        breaker.failure("timeout")
    assert breaker.state == "closed" and breaker.allow()
    breaker.failure("timeout")
    assert breaker.state == "open" and not breaker.allow()
    now[0] += 29
    assert not breaker.allow()
    now[0] += 2
    assert breaker.state == "half-open"
    assert breaker.allow()  # one trial request...
    assert not breaker.allow()  # ...while the others keep using the database
    breaker.failure("timeout")  # the trial failed: open again for a full cool-down
    assert breaker.state == "open"
    now[0] += 31
    assert breaker.allow()
    breaker.success()
    assert breaker.state == "closed" and breaker.failures == 0


def test_the_configured_backend_is_the_fallback_wrapper(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    backend = get_backend()
    assert backend.label() == "elasticsearch"
    assert type(backend).__name__ == "FallbackBackend"
