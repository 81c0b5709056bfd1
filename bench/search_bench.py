#!/usr/bin/env python
"""Catalogue search bench: latency, floor, comparisons, throughput, rebuild, SQLite, relevance.

    .venv/bin/python bench/search_bench.py                 # full run (PostgreSQL 100k + SQLite)
    .venv/bin/python bench/search_bench.py --reuse --keep  # keep / reuse the seeded databases
    .venv/bin/python bench/search_bench.py --quick         # small sizes, a fast sanity run
    .venv/bin/python bench/search_bench.py --relevance     # also the relevance set per backend

See bench/README.md for what each figure means. In short, for the fixed mix of 200 buyer
queries in bench/queries.txt (all facets requested, a third with filters):

  main  GET /api/v1/search/ through Django's test Client, in process (URL routing, middleware,
        DRF, throttling, validation, search, hydration, serialisation: everything but a socket)
  (a)   the raw SQL floor: the statements the backend sent to the search index table for that
        very request (captured with an execute wrapper, replayed with the same parameters
        through the DB-API cursor): the full-text page and the total+facets statement
  (b)   Wagtail's own database search backend (modelsearch) on the same products
  (c)   a naive `icontains` filter with one GROUP BY per facet

plus throughput (gunicorn, 2 sync workers, 8 client threads, bounded), the full index rebuild
time, the same latency figures on SQLite, and the load average before and after each phase.

The orchestrator (this file without --phase) never imports Django: each database runs in a
child process (`--phase measure|relevance`) with DATABASE_URL or VAR_DIR set, and results come
back as JSON. Everything binds to 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
RESULTS_DIR = BENCH_DIR / "results"
PY = os.environ.get("PY") or str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(Path(PY).parent / "gunicorn")
PAGE_SIZE = 20
TIE_DATE = "2026-01-15"  # pins the daily tie-break so runs are comparable

# ------------------------------------------------------------------------------------------
# Shared helpers
# ------------------------------------------------------------------------------------------


def log(msg: str) -> None:
    print(msg, flush=True)


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def pct(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def summary(values: list[float]) -> dict:
    if not values:
        return {"n": 0, "median": None, "p95": None, "max": None}
    return {
        "n": len(values),
        "median": round(statistics.median(values), 3),
        "p95": round(pct(values, 95), 3),
        "max": round(max(values), 3),
    }


def read_queries(path: Path) -> list[dict]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        kind, text = parts[0], parts[1]
        filters: dict[str, list[str]] = {}
        if len(parts) > 2 and parts[2]:
            for name, value in urllib.parse.parse_qsl(parts[2]):
                filters.setdefault(name, []).append(value)
        queries.append({"kind": kind, "text": text, "filters": filters})
    return queries


def query_path(q: dict) -> str:
    params = [("q", q["text"]), ("page_size", str(PAGE_SIZE))]
    for name, values in q["filters"].items():
        params.extend((name, v) for v in values)
    return "/api/v1/search/?" + urllib.parse.urlencode(params)


def base_env(extra: dict) -> dict:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("VAR_DIR", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DEBUG": "False",  # no query log in memory, as in production
            "API_ANON_THROTTLE": "100000000/min",  # the bench is one anonymous client
            "SEARCH_TIE_BREAK_DATE": TIE_DATE,
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def run(cmd: list[str], env: dict, label: str, quiet: bool = True) -> float:
    """Run a command to completion (cwd = repository); returns its wall time in seconds."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=BASE_DIR, env=env, capture_output=quiet, text=True, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        if quiet:
            sys.stderr.write((proc.stdout or "")[-3000:] + (proc.stderr or "")[-5000:])
        raise SystemExit(f"{label} failed (exit {proc.returncode})")
    return seconds


def manage(args: list[str], env: dict, label: str) -> float:
    return run([PY, "manage.py", *args], env, label)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------------------------------
# Child phase: measure (runs inside Django, one database)
# ------------------------------------------------------------------------------------------


def _setup_django():
    sys.path.insert(0, str(BASE_DIR))
    sys.path.insert(0, str(BENCH_DIR))
    import django

    django.setup()


def classify(sql: str) -> str:
    s = sql.lower()
    # First: on PostgreSQL an index statement carries its own SET LOCAL prefix.
    if "search_productsearchdoc" in s or "search_fts" in s:
        return "index"
    if s.lstrip().startswith("set "):
        return "set"  # planner settings (SET LOCAL ...) that apply to what follows
    if "search_searchterm" in s:
        return "vocabulary"
    if "catalog_product" in s:
        return "hydrate"
    return "other"


def phase_measure(cfg: dict) -> dict:
    """Latency of main / floor / (b) / (c) for every query, in one process."""
    _setup_django()
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from catalog.models import Product
    from search.backends import get_backend
    from search.models import ProductSearchDoc
    from vendors.models import Vendor

    out: dict = {"vendor": connection.vendor, "loadavg_start": loadavg()}
    backend = get_backend()
    if cfg.get("rebuild", True):
        log(f"  [{connection.vendor}] search index rebuild ...")
        started = time.perf_counter()
        n = backend.rebuild()
        out["rebuild_seconds"] = round(time.perf_counter() - started, 2)
        out["rebuild_rows"] = n
        log(f"  [{connection.vendor}] rebuild: {n} rows in {out['rebuild_seconds']} s")
    if connection.vendor == "postgresql" and cfg.get("analyze", True):
        # seed_demo bulk-loads without ANALYZE, and autovacuum may be off (it is on the shared
        # bench machine): without statistics the hydration query picks a nested loop over
        # every verified vendor (~100 ms instead of <1 ms at 100k).
        started = time.perf_counter()
        with connection.cursor() as c:
            c.execute("SHOW autovacuum")
            out["autovacuum"] = c.fetchone()[0]
            c.execute("ANALYZE")
        out["analyze_seconds"] = round(time.perf_counter() - started, 2)
    out["rows"] = {
        "vendors": Vendor.objects.count(),
        "products": Product.objects.count(),
        "public_products": Product.objects.public().count(),
        "index_rows": ProductSearchDoc.objects.count(),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SHOW server_version")
            out["server_version"] = "PostgreSQL " + c.fetchone()[0]
    else:
        import sqlite3

        out["server_version"] = "SQLite " + sqlite3.sqlite_version

    queries = read_queries(Path(cfg["queries"]))
    client = Client(HTTP_HOST="127.0.0.1")
    reps = cfg["reps"]

    # --- capture: statements per request and the SQL to replay -----------------------------
    captured: list[list[tuple[str, object]]] = []
    per_request: list[dict] = []
    for q in queries:
        calls: list[tuple[str, object]] = []

        def wrapper(execute, sql, params, many, context, calls=calls):
            calls.append((sql, params))
            return execute(sql, params, many, context)

        with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(wrapper):
            response = client.get(query_path(q))
        if response.status_code != 200:
            raise SystemExit(f"{q['text']!r}: HTTP {response.status_code} {response.content[:300]}")
        data = response.json()
        kinds: dict[str, int] = {}
        for sql, _p in calls:
            kinds[classify(sql)] = kinds.get(classify(sql), 0) + 1
        per_request.append(
            {
                "statements": len(ctx.captured_queries),
                "by_kind": kinds,
                "total": data["total"],
                "no_good_match": data.get("no_good_match"),
            }
        )
        captured.append(calls)

    # --- timing helpers ---------------------------------------------------------------------
    def time_main(q):
        path = query_path(q)
        t0 = time.perf_counter()
        r = client.get(path)
        ms = (time.perf_counter() - t0) * 1000
        if r.status_code != 200:
            raise SystemExit(f"{q['text']!r}: HTTP {r.status_code}")
        return ms, r.json().get("took_ms")

    def time_replay(calls, only=None):
        """Replay statements inside one transaction, as the request ran them; any SET LOCAL
        the backend issued is replayed first (it is part of the same SQL)."""
        with transaction.atomic():
            raw = connection.cursor().cursor  # the DB-API cursor (no Django wrapper)
            t0 = time.perf_counter()
            for sql, params in calls:
                if only and classify(sql) not in only | {"set"}:
                    continue
                raw.execute(sql, params)
                if raw.description is not None:
                    raw.fetchall()
            return (time.perf_counter() - t0) * 1000

    with_b = cfg.get("modelsearch", False)
    with_c = cfg.get("naive", False)
    if with_b:
        import bench_modelsearch

        bench_modelsearch.proxy_model()
        have = bench_modelsearch.indexed_count()
        want = out["rows"]["public_products"]
        if have != want or not cfg.get("reuse"):
            log(f"  [{connection.vendor}] modelsearch index: {want} products ...")
            rows, seconds = bench_modelsearch.build_index(log=log)
            out["modelsearch_index_seconds"] = round(seconds, 1)
            log(f"  [{connection.vendor}] modelsearch index: {rows} rows in {seconds:.1f} s")
        else:
            out["modelsearch_index_seconds"] = "reused"
    if with_c:
        import bench_naive

    # --- warm-up ----------------------------------------------------------------------------
    log(f"  [{connection.vendor}] warm-up ({len(queries)} queries) ...")
    for q, calls in zip(queries, captured, strict=True):
        time_main(q)
        time_replay(calls)
    if with_c:
        bench_naive.naive_search(queries[0]["text"], queries[0]["filters"])

    # --- measured rounds, interleaved so that load changes hit every variant alike ----------
    samples: dict[str, list[list[float]]] = {
        k: [[] for _ in queries]
        for k in ("main", "took_ms", "floor", "floor_hits", "floor_facets", "replay_all")
    }
    samples["main_persistent"] = [[] for _ in queries]
    if with_c:
        samples["naive"] = [[] for _ in queries]
    default_max_age = connection.settings_dict.get("CONN_MAX_AGE", 0)
    for rep in range(reps):
        log(f"  [{connection.vendor}] round {rep + 1}/{reps} (load {loadavg()}) ...")
        for i, (q, calls) in enumerate(zip(queries, captured, strict=True)):
            ms, took = time_main(q)
            samples["main"][i].append(ms)
            samples["took_ms"][i].append(float(took or 0))
            samples["floor"][i].append(time_replay(calls, only={"index"}))
            index_calls = [c for c in calls if classify(c[0]) == "index"]
            # The last index statement is the page of hits (the count/facets one runs first).
            hits = index_calls[-1:] if per_request[i]["total"] else []
            sets = [c for c in calls if classify(c[0]) == "set"]
            facets = [c for c in index_calls if c not in hits]
            samples["floor_hits"][i].append(time_replay(sets + hits))
            samples["floor_facets"][i].append(time_replay(sets + facets))
            samples["replay_all"][i].append(time_replay(calls))
            if with_c and rep < cfg.get("naive_reps", 1):  # (c) is slow at 100k
                t0 = time.perf_counter()
                bench_naive.naive_search(q["text"], q["filters"])
                samples["naive"][i].append((time.perf_counter() - t0) * 1000)
        # The same requests with a persistent database connection (DB_CONN_MAX_AGE > 0): the
        # settings default (0) opens a new connection per request.
        connection.close()
        connection.settings_dict["CONN_MAX_AGE"] = 600
        time_main(queries[0])
        for i, q in enumerate(queries):
            samples["main_persistent"][i].append(time_main(q)[0])
        connection.close()
        connection.settings_dict["CONN_MAX_AGE"] = default_max_age

    # (b) is slow: a subset, fewer repetitions.
    b_idx: list[int] = []
    if with_b:
        step = max(1, len(queries) // cfg["modelsearch_subset"])
        b_idx = list(range(0, len(queries), step))[: cfg["modelsearch_subset"]]
        samples["modelsearch"] = [[] for _ in queries]
        log(f"  [{connection.vendor}] modelsearch: {len(b_idx)} queries x {cfg['b_reps']} ...")
        bench_modelsearch.search_ids(queries[b_idx[0]]["text"])  # warm-up
        for _rep in range(cfg["b_reps"]):
            for i in b_idx:
                t0 = time.perf_counter()
                bench_modelsearch.search_ids(queries[i]["text"])
                samples["modelsearch"][i].append((time.perf_counter() - t0) * 1000)

    # --- per query medians, then the set ------------------------------------------------------
    per_query = []
    for i, q in enumerate(queries):
        row = {
            "kind": q["kind"],
            "text": q["text"],
            "filters": q["filters"],
            **per_request[i],
        }
        for k, lists in samples.items():
            if lists[i]:
                row[k] = round(statistics.median(lists[i]), 3)
        per_query.append(row)
    out["per_query"] = per_query
    out["variants"] = {}
    for k in samples:
        vals = [r[k] for r in per_query if k in r]
        out["variants"][k] = summary(vals)
    if b_idx:
        out["variants"]["main_on_b_subset"] = summary([per_query[i]["main"] for i in b_idx])
        out["variants"]["floor_on_b_subset"] = summary([per_query[i]["floor"] for i in b_idx])
    out["by_kind"] = {}
    for kind in dict.fromkeys(q["kind"] for q in queries):
        rows = [r for r in per_query if r["kind"] == kind]
        out["by_kind"][kind] = {
            "n": len(rows),
            "main": summary([r["main"] for r in rows]),
            "floor": summary([r["floor"] for r in rows]),
            "naive": summary([r["naive"] for r in rows if "naive" in r]),
            "statements_median": statistics.median(r["statements"] for r in rows),
            "total_median": statistics.median(r["total"] for r in rows),
        }
    stmts = [r["statements"] for r in per_query]
    out["statements_per_request"] = {
        "min": min(stmts),
        "median": statistics.median(stmts),
        "max": max(stmts),
    }
    out["reps"] = reps
    out["modelsearch_subset"] = len(b_idx)

    # --- where the time goes: EXPLAIN ANALYZE of the slowest queries -------------------------
    worst = sorted(range(len(queries)), key=lambda i: -per_query[i]["main"])[: cfg["explain"]]
    explains = []
    for i in worst:
        entry = {"text": queries[i]["text"], "filters": queries[i]["filters"], "plans": []}
        sets = [(sql, params) for sql, params in captured[i] if classify(sql) == "set"]
        for sql, params in captured[i]:
            if classify(sql) != "index":
                continue
            with transaction.atomic(), connection.cursor() as c:
                for set_sql, set_params in sets:
                    c.execute(set_sql, set_params)
                if connection.vendor == "postgresql":
                    c.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                else:
                    c.execute("EXPLAIN QUERY PLAN " + sql, params)
                plan = "\n".join(" | ".join(str(x) for x in row) for row in c.fetchall())
            entry["plans"].append({"sql": sql[:4000], "params": repr(params)[:1000], "plan": plan})
        explains.append(entry)
    out["explain_worst"] = explains
    out["loadavg_end"] = loadavg()
    return out


# ------------------------------------------------------------------------------------------
# Child phase: relevance (runs inside Django, on a scratch database with only the set)
# ------------------------------------------------------------------------------------------


def phase_relevance(cfg: dict) -> dict:
    _setup_django()
    from django.db import connection

    from search import relevance
    from search.backends import get_backend

    queries = relevance.read_queries()
    key_to_id = relevance.load_corpus()
    backend = get_backend()
    backend.rebuild()
    reports = [
        relevance.evaluate(
            f"ours ({connection.vendor})", queries, relevance.service_runner(backend), key_to_id
        ),
        relevance.evaluate("(c) plain keyword", queries, relevance.keyword_baseline, key_to_id),
    ]
    try:
        import bench_modelsearch

        bench_modelsearch.proxy_model()
        bench_modelsearch.build_index(log=lambda m: None)

        def b_runner(text):
            ids = bench_modelsearch.search_ids(text, limit=relevance.K)
            return relevance.Ranking(ids=ids, no_good_match=not ids)

        reports.insert(1, relevance.evaluate("(b) modelsearch", queries, b_runner, key_to_id))
    except Exception as exc:  # reported, not fatal: (b) is a comparison only
        log(f"  modelsearch relevance run failed: {exc!r}")

    table = relevance.format_kind_table(*reports)
    result = {"vendor": connection.vendor, "table": table, "backends": {}}
    for r in reports:
        result["backends"][r.name] = {
            "recall_at_10": r.recall,
            "ndcg_at_10": r.ndcg,
            "mrr": r.mrr,
            "no_match_success": r.no_match_success,
            "by_kind": [
                {
                    "kind": k.kind,
                    "queries": k.queries,
                    "recall_at_10": k.recall,
                    "ndcg_at_10": k.ndcg,
                    "mrr": k.mrr,
                    "no_match_success": k.no_match_success,
                }
                for k in r.by_kind()
            ],
        }
    return result


# ------------------------------------------------------------------------------------------
# Orchestrator
# ------------------------------------------------------------------------------------------


def child(phase: str, cfg: dict, env: dict) -> dict:
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as fh:
        out_path = fh.name
    try:
        cmd = [PY, __file__, "--phase", phase, "--phase-config", json.dumps(cfg)]
        cmd += ["--phase-out", out_path]
        proc = subprocess.run(cmd, cwd=BASE_DIR, env=env, check=False)
        if proc.returncode != 0:
            raise SystemExit(f"phase {phase} failed (exit {proc.returncode})")
        return json.loads(Path(out_path).read_text())
    finally:
        os.unlink(out_path)


def pg_admin(dbname: str = "postgres"):
    import psycopg

    return psycopg.connect(
        host=os.environ.get("PGHOST", "127.0.0.1"),
        port=os.environ.get("PGPORT", "5432"),
        user=os.environ.get("PGUSER", "postgres"),
        dbname=dbname,
        autocommit=True,
    )


def pg_url(db: str) -> str:
    host = os.environ.get("PGHOST", "127.0.0.1")
    port = os.environ.get("PGPORT", "5432")
    user = os.environ.get("PGUSER", "postgres")
    return f"postgres://{user}@{host}:{port}/{db}"


def pg_product_count(db: str) -> int | None:
    import psycopg

    try:
        with pg_admin(db) as conn:
            return conn.execute("SELECT count(*) FROM catalog_product").fetchone()[0]
    except psycopg.Error:
        return None


def pg_recreate(db: str) -> None:
    with pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')


def pg_drop(db: str) -> None:
    with pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def prepare(env: dict, vendors: int, products: int, label: str) -> dict:
    """Migrate and seed an empty database; returns timings."""
    info = {}
    log(f"  [{label}] migrate ...")
    info["migrate_seconds"] = round(manage(["migrate", "--no-input", "-v", "0"], env, "migrate"), 1)
    log(f"  [{label}] seed_demo --vendors {vendors} --products {products} --seed 1 ...")
    info["seed_seconds"] = round(
        manage(
            [
                "seed_demo",
                "--vendors",
                str(vendors),
                "--products",
                str(products),
                "--seed",
                "1",
                "--allow-without-debug",
                "--no-index",
            ],
            env,
            "seed_demo",
        ),
        1,
    )
    log(f"  [{label}] seeded in {info['seed_seconds']} s")
    return info


# --- throughput ---------------------------------------------------------------------------


def load_generator(port: int, paths: list[str], connections: int, seconds: float) -> dict:
    """`connections` threads, each with one HTTP/1.1 connection, for a bounded time."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    stats = {"ok": 0, "errors": 0, "latencies": [], "statuses": {}}

    def worker(offset: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = offset
        local_lat, ok, errors, statuses = [], 0, 0, {}
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                resp = conn.getresponse()
                resp.read()
                status = resp.status
                if resp.getheader("connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                status = "exception"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            local_lat.append((time.perf_counter() - t0) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
            if status == 200:
                ok += 1
            else:
                errors += 1
        conn.close()
        with lock:
            stats["ok"] += ok
            stats["errors"] += errors
            stats["latencies"].extend(local_lat)
            for k, v in statuses.items():
                stats["statuses"][str(k)] = stats["statuses"].get(str(k), 0) + v

    step = max(1, len(paths) // connections)
    threads = [threading.Thread(target=worker, args=(n * step,)) for n in range(connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    elapsed = time.monotonic() - started
    lat = stats.pop("latencies")
    return {
        **stats,
        "seconds": round(elapsed, 1),
        "requests_per_second": round((stats["ok"] + stats["errors"]) / elapsed, 1),
        "ok_per_second": round(stats["ok"] / elapsed, 1),
        "latency_ms": summary(lat),
    }


def throughput(env: dict, queries: list[dict], seconds: float, connections: int) -> dict:
    port = free_port()
    cmd = [
        GUNICORN,
        "config.wsgi:application",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
    ]
    log(f"  gunicorn: 2 sync workers on 127.0.0.1:{port}; {connections} connections, {seconds} s")
    server = subprocess.Popen(cmd, cwd=BASE_DIR, env=env, start_new_session=True)
    try:
        ready_by = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", "/api/v1/search/?q=kertas", headers={"Host": "127.0.0.1"})
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > ready_by or server.poll() is not None:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.5)
        paths = [query_path(q) for q in queries]
        load_generator(port, paths, connections, min(5.0, seconds))  # warm both workers
        before = loadavg()
        result = load_generator(port, paths, connections, seconds)
        result["loadavg_before"] = before
        result["loadavg_after"] = loadavg()
        result["server"] = "gunicorn 2 sync workers, no keep-alive (sync workers close)"
        result["client"] = f"python threads + http.client, {connections} connections, same host"
        return result
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


# --- report -------------------------------------------------------------------------------


def fmt(v, width=8, digits=1) -> str:
    if v is None:
        return f"{'-':>{width}}"
    if isinstance(v, str):
        return f"{v:>{width}}"
    return f"{v:>{width}.{digits}f}"


def ratio(a, b):
    if not a or not b:
        return None
    return round(a / b, 2)


def latency_table(title: str, m: dict) -> str:
    v = m["variants"]
    floor = v["floor"]
    lines = [
        f"\n== {title}: {m['rows']['products']} products ({m['rows']['public_products']} public, "
        f"{m['rows']['index_rows']} indexed), {m['rows']['vendors']} vendors; "
        f"{m['server_version']}",
        f"   {len(m['per_query'])} queries x {m['reps']} rounds after a warm-up; figures are the "
        "median / p95 over the per-query medians, in ms",
        f"   load average start {m['loadavg_start']} end {m['loadavg_end']}",
        f"   {'variant':<52}{'median':>8}{'p95':>8}{'max':>8}{'x floor med/p95':>16}",
    ]
    names = {
        "main": "main: GET /api/v1/search/ (test Client, in process)",
        "main_persistent": "main with a persistent DB connection (CONN_MAX_AGE)",
        "took_ms": "  of which backend search() (took_ms)",
        "replay_all": "  all its SQL statements replayed (raw cursor)",
        "floor": "(a) floor: index statements (FTS page + facets)",
        "floor_hits": "    (a1) full-text page of hits alone",
        "floor_facets": "    (a2) total + facet counts alone",
        "naive": "(c) naive icontains + 9 GROUP BY facets",
        "modelsearch": f"(b) modelsearch search() [{m.get('modelsearch_subset')} q subset]",
        "main_on_b_subset": "    main, same subset",
        "floor_on_b_subset": "    floor, same subset",
    }
    for key, label in names.items():
        s = v.get(key)
        if not s or not s["n"]:
            continue
        ref = v["floor_on_b_subset"] if key in ("modelsearch", "main_on_b_subset") else floor
        r1 = ratio(s["median"], ref["median"])
        r2 = ratio(s["p95"], ref["p95"])
        rs = f"{r1:.2f}/{r2:.2f}" if r1 and r2 else "-"
        lines.append(f"   {label:<52}{fmt(s['median'])}{fmt(s['p95'])}{fmt(s['max'])}{rs:>16}")
    main = v["main"]
    cmp = []
    if v.get("naive", {}).get("n"):
        cmp.append(
            f"(c)/main median {ratio(v['naive']['median'], main['median'])}x, "
            f"p95 {ratio(v['naive']['p95'], main['p95'])}x"
        )
    if v.get("modelsearch", {}).get("n"):
        cmp.append(
            f"(b)/main on the subset median "
            f"{ratio(v['modelsearch']['median'], v['main_on_b_subset']['median'])}x, p95 "
            f"{ratio(v['modelsearch']['p95'], v['main_on_b_subset']['p95'])}x"
        )
    if cmp:
        lines.append("   " + "; ".join(cmp))
    st = m["statements_per_request"]
    lines.append(
        f"   SQL statements per request: min {st['min']}, median {st['median']}, max {st['max']}"
    )
    lines.append(
        f"   {'kind':<13}{'n':>4}{'main med':>10}{'main p95':>10}{'floor med':>11}"
        f"{'floor p95':>11}{'naive med':>11}{'stmts':>7}{'hits med':>10}"
    )
    for kind, k in m["by_kind"].items():
        lines.append(
            f"   {kind:<13}{k['n']:>4}{fmt(k['main']['median'], 10)}{fmt(k['main']['p95'], 10)}"
            f"{fmt(k['floor']['median'], 11)}{fmt(k['floor']['p95'], 11)}"
            f"{fmt(k['naive']['median'], 11)}{k['statements_median']:>7}"
            f"{k['total_median']:>10}"
        )
    worst = sorted(m["per_query"], key=lambda r: -r["main"])[:8]
    lines.append("   slowest queries (main ms / floor ms / facets ms / statements / hits):")
    for r in worst:
        f = "&".join(f"{k}={','.join(vv)}" for k, vv in r["filters"].items())
        lines.append(
            f"     {r['main']:7.1f} {r['floor']:7.1f} {r.get('floor_facets', 0):7.1f} "
            f"{r['statements']:>3} {r['total']:>7}  {r['text']!r} {f}"
        )
    if "rebuild_seconds" in m:
        lines.append(f"   full index rebuild: {m['rebuild_seconds']} s ({m['rebuild_rows']} rows)")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes, fewer rounds")
    p.add_argument("--vendors", type=int, default=None)
    p.add_argument("--products", type=int, default=None)
    p.add_argument(
        "--sqlite-sizes", default=None, help="products per SQLite run, e.g. 10000,100000"
    )
    p.add_argument("--queries", default=str(BENCH_DIR / "queries.txt"))
    p.add_argument("--reps", type=int, default=None, help="measured rounds over the mix")
    p.add_argument("--db", default="batang_bench", help="scratch PostgreSQL database")
    p.add_argument("--reuse", action="store_true", help="reuse seeded databases if they exist")
    p.add_argument("--keep", action="store_true", help="keep the scratch databases")
    p.add_argument("--sqlite-dir", default=None, help="where the SQLite files go (kept if given)")
    p.add_argument("--skip-postgres", action="store_true")
    p.add_argument("--skip-sqlite", action="store_true")
    p.add_argument("--skip-throughput", action="store_true")
    p.add_argument("--skip-modelsearch", action="store_true")
    p.add_argument("--skip-naive", action="store_true")
    p.add_argument(
        "--no-analyze", action="store_true", help="do not ANALYZE the PostgreSQL tables first"
    )
    p.add_argument("--modelsearch-subset", type=int, default=40)
    p.add_argument("--duration", type=float, default=None, help="throughput seconds (20-30)")
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--explain", type=int, default=3, help="EXPLAIN ANALYZE the N slowest")
    p.add_argument("--relevance", action="store_true", help="also score the relevance set")
    p.add_argument("--relevance-only", action="store_true")
    p.add_argument("--out", default=None)
    # child process plumbing
    p.add_argument("--phase", choices=["measure", "relevance"], help=argparse.SUPPRESS)
    p.add_argument("--phase-config", help=argparse.SUPPRESS)
    p.add_argument("--phase-out", help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    if args.phase:
        cfg = json.loads(args.phase_config)
        fn = phase_measure if args.phase == "measure" else phase_relevance
        result = fn(cfg)
        Path(args.phase_out).write_text(json.dumps(result, default=str))
        return 0

    vendors = args.vendors or (1000 if args.quick else 10000)
    products = args.products or (10000 if args.quick else 100000)
    sqlite_sizes = [
        int(x)
        for x in (args.sqlite_sizes or ("10000" if args.quick else "10000,100000")).split(",")
        if x
    ]
    reps = args.reps or (2 if args.quick else 5)
    duration = args.duration or (8.0 if args.quick else 25.0)
    queries = read_queries(Path(args.queries))
    started_at = datetime.datetime.now(datetime.UTC)
    report: dict = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "environment": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "loadavg_start": loadavg(),
            "git_commit": subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                cwd=BASE_DIR,
                capture_output=True,
                text=True,
                check=False,
            ).stdout.strip(),
            "settings": "config.settings.dev with DEBUG=False, API_ANON_THROTTLE raised",
        },
        "queries": {"file": args.queries, "count": len(queries)},
    }
    text_parts = []
    measure_cfg = {
        "queries": args.queries,
        "reps": reps,
        "explain": args.explain,
        "modelsearch_subset": args.modelsearch_subset,
        "b_reps": 1 if args.quick else 2,
        "reuse": args.reuse,
        "analyze": not args.no_analyze,
    }
    log(
        f"search bench: {len(queries)} queries, {reps} rounds; {os.cpu_count()} CPU; "
        f"load average {loadavg()}"
    )

    if not args.relevance_only and not args.skip_postgres:
        db = args.db
        env = base_env({"DATABASE_URL": pg_url(db)})
        log(f"== PostgreSQL: {db} ({vendors} vendors / {products} products)")
        count = pg_product_count(db) if args.reuse else None
        if count is not None and count >= products * 0.95:
            log(f"  reusing {db} ({count} products); migrate only")
            manage(["migrate", "--no-input", "-v", "0"], env, "migrate")
            prep = {"reused": True}
        else:
            pg_recreate(db)
            prep = prepare(env, vendors, products, "postgres")
        try:
            m = child(
                "measure",
                {
                    **measure_cfg,
                    "modelsearch": not args.skip_modelsearch,
                    "naive": not args.skip_naive,
                },
                env,
            )
            m["prepare"] = prep
            report["postgres"] = m
            text_parts.append(latency_table("PostgreSQL", m))
            log(text_parts[-1])
            if not args.skip_throughput:
                for label, extra in (
                    ("", {}),
                    (" DB_CONN_MAX_AGE=600", {"DB_CONN_MAX_AGE": "600"}),
                ):
                    tp = throughput({**env, **extra}, queries, duration, args.connections)
                    report["postgres"]["throughput" + label.replace(" ", "_").lower()] = tp
                    text_parts.append(
                        f"   throughput{label}: {tp['requests_per_second']} requests/s "
                        f"({tp['ok']} ok, {tp['errors']} errors {tp['statuses']}) over "
                        f"{tp['seconds']} s, latency under load median "
                        f"{tp['latency_ms']['median']} "
                        f"ms p95 {tp['latency_ms']['p95']} ms; load average "
                        f"{tp['loadavg_before']} -> {tp['loadavg_after']}"
                    )
                    log(text_parts[-1])
        finally:
            if not args.keep:
                pg_drop(db)

    if not args.relevance_only and not args.skip_sqlite:
        report["sqlite"] = {}
        root = Path(args.sqlite_dir) if args.sqlite_dir else Path(tempfile.mkdtemp(prefix="sbench"))
        try:
            for size in sqlite_sizes:
                nv = max(1, size // 10)
                var = root / f"sqlite_{size}"
                var.mkdir(parents=True, exist_ok=True)
                env = base_env({"VAR_DIR": str(var)})
                dbfile = var / "db.sqlite3"
                log(f"== SQLite: {dbfile} ({nv} vendors / {size} products)")
                if args.reuse and dbfile.exists():
                    log("  reusing; migrate only")
                    manage(["migrate", "--no-input", "-v", "0"], env, "migrate")
                    prep = {"reused": True}
                else:
                    if dbfile.exists():
                        dbfile.unlink()
                    prep = prepare(env, nv, size, f"sqlite {size}")
                m = child(
                    "measure",
                    {
                        **measure_cfg,
                        "modelsearch": False,
                        "naive": size <= 10000 and not args.skip_naive,
                    },
                    env,
                )
                m["prepare"] = prep
                report["sqlite"][str(size)] = m
                text_parts.append(latency_table(f"SQLite {size}", m))
                log(text_parts[-1])
        finally:
            if not args.keep and not args.sqlite_dir:
                shutil.rmtree(root, ignore_errors=True)

    if args.relevance or args.relevance_only:
        report["relevance"] = {}
        rel_db = args.db + "_rel"
        pg_recreate(rel_db)
        try:
            env = base_env({"DATABASE_URL": pg_url(rel_db)})
            manage(["migrate", "--no-input", "-v", "0"], env, "migrate")
            r = child("relevance", {}, env)
            report["relevance"]["postgresql"] = r
            text_parts.append("\n== Relevance set, PostgreSQL\n" + r["table"])
            log(text_parts[-1])
        finally:
            pg_drop(rel_db)
        with tempfile.TemporaryDirectory(prefix="sbench_rel") as tmp:
            env = base_env({"VAR_DIR": tmp})
            manage(["migrate", "--no-input", "-v", "0"], env, "migrate")
            r = child("relevance", {}, env)
            report["relevance"]["sqlite"] = r
            text_parts.append("\n== Relevance set, SQLite\n" + r["table"])
            log(text_parts[-1])

    report["environment"]["loadavg_end"] = loadavg()
    report["finished_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    RESULTS_DIR.mkdir(exist_ok=True)
    out = (
        Path(args.out)
        if args.out
        else RESULTS_DIR
        / (f"search_bench_{started_at:%Y%m%dT%H%M%SZ}{'_quick' if args.quick else ''}.json")
    )
    out.write_text(json.dumps(report, indent=1, default=str))
    log("\n" + "=" * 100 + "\nSUMMARY  (" + report["command"] + ")")
    log(
        f"{os.cpu_count()} CPU, load average start {report['environment']['loadavg_start']} "
        f"end {report['environment']['loadavg_end']}; git {report['environment']['git_commit']}"
    )
    log("\n".join(text_parts))
    log(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
