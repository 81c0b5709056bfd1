"""/healthz with real components: the database, the search backend, and the task queue
(immediate, or the database queue of django-tasks-db with real rows and its real worker)."""

import contextlib
import datetime as dt
import sqlite3
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from search.tasks import index_products

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_queue(settings):
    settings.TASKS = DB_QUEUE
    settings.TASKS_MAX_PENDING_SECONDS = 300


def healthz(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


def age(result, seconds):
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - dt.timedelta(seconds=seconds)
    )


def test_ok_with_immediate_tasks(client, db):
    code, body = healthz(client)
    assert code == 200 and body["status"] == "ok"
    assert body["tasks"] == {"ok": True, "backend": "immediate"}


def test_ok_with_a_fresh_queue(client, db, db_queue):
    index_products.enqueue([])
    code, body = healthz(client)
    assert code == 200 and body["status"] == "ok"
    tasks = body["tasks"]
    assert tasks["ok"] is True and tasks["backend"] == "database"
    assert tasks["pending"] == 1 and tasks["oldest_pending_seconds"] < 60
    assert tasks["max_pending_seconds"] == 300


def test_degraded_when_the_oldest_pending_task_is_too_old(client, db, db_queue):
    age(index_products.enqueue([]), 3600)
    index_products.enqueue([])  # a fresh one does not hide the old one
    code, body = healthz(client)
    assert code == 200  # pages are still served: stay in the load balancer
    assert body["status"] == "degraded"
    assert body["database"]["ok"] and body["search"]["ok"]
    tasks = body["tasks"]
    assert tasks["ok"] is False and tasks["degraded"] is True
    assert tasks["pending"] == 2 and 3600 <= tasks["oldest_pending_seconds"] < 3700
    assert "db_worker" in tasks["error"]


def test_a_deferred_task_counts_from_when_it_is_due(client, db, db_queue):
    soon = index_products.using(run_after=timezone.now() + dt.timedelta(hours=1)).enqueue([])
    age(soon, 7200)  # enqueued long ago, but not due yet: not late
    code, body = healthz(client)
    assert body["status"] == "ok" and body["tasks"]["pending"] == 0

    overdue = index_products.using(run_after=timezone.now() - dt.timedelta(minutes=10))
    overdue.enqueue([])
    code, body = healthz(client)
    assert body["status"] == "degraded"
    assert 600 <= body["tasks"]["oldest_pending_seconds"] < 700


def test_failed_tasks_are_reported_without_changing_the_status(client, db, db_queue):
    result = index_products.enqueue([])
    DBTaskResult.objects.filter(id=result.id).update(status="FAILED", finished_at=timezone.now())
    code, body = healthz(client)
    assert body["status"] == "ok" and body["tasks"]["failed_last_day"] == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_brings_a_late_queue_back_to_ok(client, db_queue):
    age(index_products.enqueue([]), 3600)
    assert healthz(client)[1]["status"] == "degraded"
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    code, body = healthz(client)
    assert code == 200 and body["status"] == "ok"
    assert body["tasks"]["pending"] == 0
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@contextlib.contextmanager
def database_down():
    """PostgreSQL: the app's connection is terminated (what a restart does to it). SQLite (the
    shared in-memory test database): another connection holds a write lock on the table the
    probe reads, so it fails with "table is locked"."""
    if connection.vendor == "postgresql":
        import psycopg

        connection.ensure_connection()
        pid = connection.connection.info.backend_pid
        s = connection.settings_dict
        with psycopg.connect(
            host=s["HOST"] or "127.0.0.1",
            port=s["PORT"] or 5432,
            user=s["USER"],
            password=s["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
            deadline = time.monotonic() + 5
            while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
                assert time.monotonic() < deadline
                time.sleep(0.05)
        try:
            yield
        finally:
            connection.close()
        return
    other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE django_migrations SET id = id WHERE 0")
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.django_db(transaction=True)
def test_down_when_the_database_does_not_answer(client):
    with database_down():
        code, body = healthz(client)
    assert code == 503 and body["status"] == "down"
    assert body["database"]["ok"] is False and body["database"]["error"]
    assert body["search"] == body["tasks"] == {"ok": False, "error": "database unavailable"}
    # And back once the database answers again.
    assert healthz(client)[1]["status"] == "ok"
