"""Real database failures, on SQLite and PostgreSQL alike (no mocks):

- `unavailable(table)`: the database cannot serve the next request. PostgreSQL: the app's
  connection is terminated from a second connection (what a restart does to it). SQLite: a
  second connection holds a lock on `table` (a writer that does not let go), so the next
  statement on it fails with "database table is locked".
- `failing_trigger(table, event, when)`: a real trigger that refuses a row mid-way through a
  write, as a constraint the validation did not foresee would (IntegrityError on both). With
  `crash=True` (PostgreSQL only) it instead kills its own connection mid-transaction, as a
  server restart during the write would.
"""

import contextlib
import sqlite3
import time

import pytest
from django.db import connection


def _pg_admin():
    import psycopg

    s = connection.settings_dict
    return psycopg.connect(
        host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"],
        password=s["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )  # fmt: skip


def terminate_app_connection() -> int:
    """pg_terminate_backend on the connection Django holds; returns its (former) pid."""
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    with _pg_admin() as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
        deadline = time.monotonic() + 5
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            assert time.monotonic() < deadline, "backend did not go away"
            time.sleep(0.05)
    return pid


@pytest.fixture
def unavailable():
    @contextlib.contextmanager
    def make(table: str, *, write_lock: bool = False):
        if connection.vendor == "postgresql":
            terminate_app_connection()
            yield
            return
        other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
        try:
            if write_lock:  # blocks readers too
                other.execute("BEGIN IMMEDIATE")
                other.execute(f"UPDATE {table} SET id = id WHERE 0")  # noqa: S608
            else:  # blocks writers of this table
                other.execute("BEGIN")
                other.execute(f"SELECT * FROM {table} LIMIT 1").fetchall()  # noqa: S608
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()

    return make


def _drop(name: str, table: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


@pytest.fixture
def failing_trigger():
    """Install a trigger for this test; `make(...)` returns a function that drops it (it is
    dropped at the end of the test anyway)."""
    made = []

    def make(table: str, event: str, when: str, *, crash: bool = False):
        name = f"fail_{table}_{len(made)}"
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                body = (
                    "PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(1);"
                    if crash
                    else "RAISE EXCEPTION 'forced failure' USING ERRCODE = 'check_violation';"
                )
                cursor.execute(
                    f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
                    f"AS $$ BEGIN {body} RETURN NEW; END $$"
                )
                cursor.execute(
                    f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW "
                    f"WHEN ({when}) EXECUTE FUNCTION {name}()"
                )
            else:
                assert not crash, "SQLite has no server connection to lose"
                cursor.execute(
                    f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW "
                    f"WHEN {when} BEGIN SELECT RAISE(ABORT, 'forced failure'); END"
                )
        made.append((name, table))
        return lambda: _drop(name, table)

    yield make
    if connection.in_atomic_block:
        return  # a test inside a transaction: its rollback removes the triggers too
    for name, table in made:
        _drop(name, table)
