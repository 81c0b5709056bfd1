"""Elasticsearch down or slow (decision 0019): search and /cari/ answer from the database
within the request timeout, /healthz says degraded, and writes made during the outage are
found by `search_index check` and fixed by `check --repair` once the cluster is back.

The cluster is always a real socket: a port that refuses, servers that are silent, trickle
their answer or their headers (`SlowServer`), and a small in-memory cluster that speaks the
part of the Elasticsearch protocol the index life cycle uses (`FakeCluster`)."""

import io
import time

import pytest
from django.core.management import CommandError, call_command

from catalog.models import Product
from search.backends import get_backend
from search.backends.elasticsearch import FALLBACK_LABEL
from search.backends.elasticsearch.documents import alias_name
from search.backends.elasticsearch.fallback import breaker_for
from tests.factories import ProductFactory

from .fake_cluster import FakeCluster, SlowServer

TIMEOUT = 1.0
MARGIN = 1.5  # the database search itself, on a loaded two-core machine


def use_cluster(settings, url, failures=100):
    """Point search at `url`; a high failure threshold keeps the breaker closed, so every
    request really waits for the cluster (the worst case)."""
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = url
    settings.ES_INDEX_PREFIX = "test_"
    settings.ES_TIMEOUT_SECONDS = TIMEOUT
    settings.ES_CIRCUIT_FAILURES = failures
    settings.ES_CIRCUIT_COOLDOWN_SECONDS = 60
    breaker_for(url).reset()
    # Build the client now: the first import of the elasticsearch package takes ~1 s on this
    # machine, once per worker process, which is not what these tests measure.
    get_backend().primary.client  # noqa: B018


@pytest.fixture
def hvs(db):
    product = ProductFactory(name="Kertas HVS A4 70 gsm", price=52_000)
    ProductFactory(name="Pulpen gel hitam", price=3_500)
    get_backend("database").rebuild()  # the fallback's warm standby
    return product


def timed(client, url, params=None):
    started = time.perf_counter()
    response = client.get(url, params or {})
    return response, time.perf_counter() - started


@pytest.mark.parametrize("kind", ["silent", "trickle", "slow-headers"])
def test_a_slow_cluster_costs_one_timeout_at_most(kind, client, settings, hvs):
    server = SlowServer(kind)
    try:
        use_cluster(settings, server.url)
        response, elapsed = timed(client, "/api/v1/search/", {"q": "hvs"})
        assert response.status_code == 200
        data = response.json()
        assert data["backend"] == FALLBACK_LABEL
        assert hvs.id in [r["id"] for r in data["results"]]
        assert elapsed < TIMEOUT + MARGIN, f"API search took {elapsed:.1f} s"

        response, elapsed = timed(client, "/cari/", {"q": "kertas"})
        assert response.status_code == 200
        assert f"/produk/{hvs.id}/" in response.content.decode()
        assert elapsed < TIMEOUT + MARGIN, f"/cari/ took {elapsed:.1f} s"

        response, elapsed = timed(client, "/healthz")
        assert response.status_code == 200
        assert response.json()["status"] == "degraded"
        assert response.json()["search"]["serving"] == FALLBACK_LABEL
        assert elapsed < TIMEOUT + MARGIN, f"/healthz took {elapsed:.1f} s"
    finally:
        server.close()


@pytest.mark.django_db
def test_writes_during_an_outage_are_found_and_repaired_when_the_cluster_returns(
    client, settings, django_capture_on_commit_callbacks
):
    cluster = FakeCluster()
    try:
        use_cluster(settings, cluster.url)
        kept, changed, deleted, archived = (
            ProductFactory(name=f"Map plastik {n}") for n in ("biru", "merah", "hijau", "kuning")
        )
        backend = get_backend()
        get_backend("database").rebuild()
        backend.index([p.pk for p in (kept, changed, deleted, archived)])
        assert backend.check().ok
        products = alias_name("products")
        assert cluster.ids(products) == {kept.pk, changed.pk, deleted.pk, archived.pk}

        cluster.stop()  # the node goes away: connection refused
        with django_capture_on_commit_callbacks(execute=True):
            new = ProductFactory(name="Stopmap folio batik")
        with django_capture_on_commit_callbacks(execute=True):
            changed.name = "Map plastik merah kancing"
            changed.save()
        with django_capture_on_commit_callbacks(execute=True):
            deleted_id = deleted.pk
            deleted.delete()
        with django_capture_on_commit_callbacks(execute=True):
            archived.status = Product.Status.ARCHIVED
            archived.save()

        # Buyers keep being served, with the writes: the database index took them.
        data = client.get("/api/v1/search/", {"q": "stopmap folio batik"}).json()
        assert data["backend"] == FALLBACK_LABEL
        assert data["results"][0]["id"] == new.pk
        # The operator's check says the cluster is unreachable; it does not crash.
        with pytest.raises(CommandError, match="tidak bisa dihubungi"):
            call_command("search_index", "check", stdout=io.StringIO())
        with pytest.raises(CommandError, match="tidak bisa dihubungi"):
            call_command("search_index", "check", "--repair", stdout=io.StringIO())

        cluster.start()  # back, with the index as it was before the outage
        status = backend.check()
        assert (status.missing, status.stale, status.extra) == (
            [new.pk], [changed.pk], sorted([deleted_id, archived.pk])
        )  # fmt: skip
        out = io.StringIO()
        with pytest.raises(CommandError, match="tidak sesuai"):
            call_command("search_index", "check", stdout=out)
        report = out.getvalue()
        assert f"1 hilang dari indeks: {new.pk}" in report
        assert f"1 usang (updated_at berbeda): {changed.pk}" in report
        assert "2 tidak lagi publik tetapi masih terindeks" in report

        out = io.StringIO()
        call_command("search_index", "check", "--repair", stdout=out)
        assert "Selisih diperbaiki." in out.getvalue()
        assert backend.check().ok
        assert cluster.ids(products) == {kept.pk, changed.pk, new.pk}
        assert cluster.docs[products][changed.pk]["name"] == "Map plastik merah kancing"
    finally:
        cluster.stop()
