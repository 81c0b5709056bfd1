#!/usr/bin/env python
"""HTTP load bench: gunicorn with production settings on the 10k vendor / 100k product data set,
driven by wrk with a weighted URL mix. See bench/README.md ("Load bench").

    .venv/bin/python bench/load/load_bench.py                       # 60 s at 16 and 64 connections
    LOAD_DURATION=10s .venv/bin/python bench/load/load_bench.py     # quick run
    .venv/bin/python bench/load/load_bench.py --app-dir /tmp/wt     # serve another checkout
    .venv/bin/python bench/load/load_bench.py --compare-base /tmp/wt --rounds 2   # ratios

What it does:

1. makes sure the PostgreSQL database `batang_bench` holds 10,000 vendors and 100,000 products
   with a built search index (reused when the counts match; otherwise dropped, migrated,
   seeded with `seed_demo --vendors 10000 --products 100000 --seed 1` and indexed);
2. installs Debian's wrk if it is missing (apt-get install -y wrk);
3. writes the URL mix from the database: catalogue search with facets 60% (half the JSON API
   /api/v1/search/, half the HTML page /cari/; q from bench/queries.txt with its filters, plus
   one more facet filter on a third of them), product pages 20%, vendor profiles 10%,
   as-you-type suggestions (/api/v1/search/suggest/) 10%;
4. starts gunicorn (sync workers, default 2 * CPU + 1) on a free 127.0.0.1 port with
   config.settings.production (generated SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
   SECURE_SSL_REDIRECT=False, collectstatic into a temporary STATIC_ROOT), warms it up, then
   runs wrk (bench/load/mix.lua) for the duration at each concurrency level while sampling
   every worker's RSS from /proc; the server is stopped whatever happens;
5. prints a table (throughput, median/p95/p99 latency, errors, memory per worker, server-side
   time per kind of page from gunicorn's access log, load average) against the targets, and
   writes the JSON to bench/results/load_<UTC time>.json.

With --compare-base DIR it serves DIR (e.g. a `git worktree` of an earlier commit) and the
app directory alternately, --rounds times (the order swaps every round so load changes on the
shared machine hit both alike), and prints head/base ratios of the medians over the rounds.
`make bench-load-compare BASE=<git ref>` sets up the worktree and calls this.

The orchestrator never imports Django; it reads the database with psycopg and runs manage.py in
child processes. Everything binds to 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
LOAD_DIR = BASE_DIR / "bench" / "load"
RESULTS_DIR = BASE_DIR / "bench" / "results"
PY = os.environ.get("PY") or str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(Path(PY).parent / "gunicorn")
PYSPY = str(Path(PY).parent / "py-spy")

VENDORS, PRODUCTS = 10_000, 100_000
DEFAULT_WEIGHTS = "search_api=30,search_page=30,product=20,vendor=10,suggest=10"
TARGETS = {"errors": 0, "p95_ms_at_16": 250, "worker_rss_mb": 250}
FACET_SAMPLES = ("kecamatan", "category", "pdn", "tkdn", "price", "scale", "link")


def log(msg: str = "") -> None:
    print(msg, flush=True)


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def seconds(text: str) -> int:
    """'60', '60s', '2m' -> seconds."""
    m = re.fullmatch(r"\s*(\d+)\s*([smh]?)\s*", str(text))
    if not m:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 30s, 2m)")
    return int(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


def pct(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git_commit(app_dir: Path) -> str:
    proc = subprocess.run(
        ["git", "-C", str(app_dir), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    commit = proc.stdout.strip() or "?"
    dirty = subprocess.run(
        ["git", "-C", str(app_dir), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return commit + ("+dirty" if dirty else "")


# ------------------------------------------------------------------------------------------
# Database
# ------------------------------------------------------------------------------------------


def pg_params(db: str) -> dict:
    return {
        "host": os.environ.get("PGHOST", "127.0.0.1"),
        "port": os.environ.get("PGPORT", "5432"),
        "user": os.environ.get("PGUSER", "postgres"),
        "dbname": db,
    }


def pg_url(db: str) -> str:
    p = pg_params(db)
    return f"postgres://{p['user']}@{p['host']}:{p['port']}/{db}"


def pg_connect(db: str):
    import psycopg

    return psycopg.connect(**pg_params(db), autocommit=True)


def pg_counts(db: str) -> dict | None:
    import psycopg

    try:
        with pg_connect(db) as conn:
            row = conn.execute(
                "SELECT (SELECT count(*) FROM vendors_vendor),"
                " (SELECT count(*) FROM catalog_product),"
                " (SELECT count(*) FROM search_productsearchdoc)"
            ).fetchone()
    except psycopg.Error:
        return None
    return {"vendors": row[0], "products": row[1], "index_rows": row[2]}


def manage(app_dir: Path, args: list[str], env: dict, label: str) -> float:
    started = time.perf_counter()
    proc = subprocess.run(
        [PY, "manage.py", *args], cwd=app_dir, env=env, capture_output=True, text=True
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-5000:])
        raise SystemExit(f"{label} failed (exit {proc.returncode})")
    return time.perf_counter() - started


def ensure_database(db: str) -> dict:
    """The 10k / 100k data set in `db`, reused when its counts match."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "False",
        "DATABASE_URL": pg_url(db),
    }
    counts = pg_counts(db)
    if (
        counts
        and counts["vendors"] == VENDORS
        and counts["products"] == PRODUCTS
        and counts["index_rows"] > 0
    ):
        log(f"  reusing {db}: {counts}; migrate only")
        manage(BASE_DIR, ["migrate", "--no-input", "-v", "0"], env, "migrate")
        return {"reused": True, **counts}
    log(f"  {db} has {counts or 'no data set'}: recreating it")
    with pg_connect("postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')
    info = {"reused": False}
    log("  migrate ...")
    info["migrate_seconds"] = round(
        manage(BASE_DIR, ["migrate", "--no-input", "-v", "0"], env, "migrate"), 1
    )
    log(f"  seed_demo --vendors {VENDORS} --products {PRODUCTS} --seed 1 ...")
    seed_args = ["seed_demo", "--vendors", str(VENDORS), "--products", str(PRODUCTS)]
    seed_args += ["--seed", "1", "--allow-without-debug", "--no-index"]
    info["seed_seconds"] = round(manage(BASE_DIR, seed_args, env, "seed_demo"), 1)
    log("  search_index rebuild ...")
    info["rebuild_seconds"] = round(
        manage(BASE_DIR, ["search_index", "rebuild"], env, "search_index rebuild"), 1
    )
    with pg_connect(db) as conn:
        conn.execute("ANALYZE")  # autovacuum may be off on a shared server
    info.update(pg_counts(db) or {})
    log(f"  seeded: {info}")
    return info


# ------------------------------------------------------------------------------------------
# URL mix
# ------------------------------------------------------------------------------------------


def read_queries(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """(text, filters) per line of bench/queries.txt (kind<TAB>text<TAB>filters)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        filters = urllib.parse.parse_qsl(parts[2]) if len(parts) > 2 and parts[2] else []
        out.append((parts[1], filters))
    return out


def parse_weights(text: str) -> dict[str, float]:
    weights = {}
    for item in text.split(","):
        name, _, value = item.partition("=")
        weights[name.strip()] = float(value)
    unknown = set(weights) - set(DEFAULT_WEIGHTS_DICT)
    if unknown:
        raise SystemExit(f"unknown kinds in weights: {sorted(unknown)}")
    return {k: v for k, v in weights.items() if v > 0}


DEFAULT_WEIGHTS_DICT = dict(item.split("=") for item in DEFAULT_WEIGHTS.split(","))


def build_mix(db: str, weights: dict[str, float], seed: int = 1) -> dict[str, list[str]]:
    """Paths per kind, drawn from the database (deterministic for a given data set)."""
    rng = random.Random(seed)
    with pg_connect(db) as conn:
        products = conn.execute(
            "SELECT p.id, p.slug FROM catalog_product p JOIN vendors_vendor v ON v.id = p.vendor_id"
            " WHERE p.status = 'published' AND v.status = 'verified' ORDER BY p.id"
        ).fetchall()
        vendors = conn.execute(
            "SELECT slug FROM vendors_vendor WHERE status = 'verified' ORDER BY id"
        ).fetchall()
        kecamatan = [r[0] for r in conn.execute("SELECT slug FROM vendors_kecamatan ORDER BY id")]
        rows = conn.execute("SELECT slug FROM catalog_category WHERE depth <= 2 ORDER BY path")
        categories = [r[0] for r in rows]
    facet_values = {
        "kecamatan": kecamatan,
        "category": categories,
        "pdn": ["1"],
        "tkdn": ["40plus", "25plus"],
        "price": ["lt50k", "50k-250k", "250k-1m", "1m-10m"],
        "scale": ["mikro", "kecil"],
        "link": ["1"],
    }
    queries = read_queries(BASE_DIR / "bench" / "queries.txt")
    searches = []
    for i, (text, filters) in enumerate(queries):
        params = [("q", text), *filters]
        if not filters and i % 2 == 0:  # about a third of the mix gets one more facet filter
            name = FACET_SAMPLES[i % len(FACET_SAMPLES)]
            params.append((name, rng.choice(facet_values[name])))
        searches.append(urllib.parse.urlencode(params))
    prefixes = []
    for text, _filters in queries:
        word = text.split()[0].lower() if text.split() else ""
        if len(word) >= 3 and word.isalpha():
            for n in (3, 4, 6):
                if len(word) >= n:
                    prefixes.append(word[:n])
    prefixes = sorted(set(prefixes))
    mix = {
        "search_api": [f"/api/v1/search/?{s}" for s in searches],
        "search_page": [f"/cari/?{s}" for s in searches],
        "product": [f"/produk/{pk}/{slug}/" for pk, slug in rng.sample(products, 1000)],
        "vendor": [f"/penyedia/{slug}/" for (slug,) in rng.sample(vendors, 500)],
        "suggest": [
            f"/api/v1/search/suggest/?{urllib.parse.urlencode({'q': p})}" for p in prefixes
        ],
    }
    return {k: v for k, v in mix.items() if k in weights}


def write_mix(mix: dict[str, list[str]], weights: dict[str, float], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for kind, paths in mix.items():
            for p in paths:
                f.write(f"{kind}\t{weights[kind]}\t{p}\n")


def kind_of(path: str) -> str:
    if path.startswith("/api/v1/search/suggest/"):
        return "suggest"
    if path.startswith("/api/v1/search/"):
        return "search_api"
    if path.startswith("/cari/"):
        return "search_page"
    if path.startswith("/produk/"):
        return "product"
    if path.startswith("/penyedia/"):
        return "vendor"
    return "other"


# ------------------------------------------------------------------------------------------
# Server, memory sampler, wrk
# ------------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    log("  wrk missing: apt-get install -y wrk")
    subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is not installed and apt-get could not install it")
    return found


def children(pid: int) -> list[int]:
    """Direct children of `pid` (the gunicorn workers of a master)."""
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            except OSError:
                continue
            out.extend(int(x) for x in text.split())
    except OSError:
        pass
    return out


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssSampler(threading.Thread):
    """Samples the RSS of every worker of a gunicorn master every `interval` seconds."""

    def __init__(self, master_pid: int, interval: float = 0.5):
        super().__init__(daemon=True)
        self.master_pid = master_pid
        self.interval = interval
        self.samples: dict[int, list[float]] = {}
        self.master: list[float] = []
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            for pid in children(self.master_pid):
                value = rss_mb(pid)
                if value is not None:
                    self.samples.setdefault(pid, []).append(value)
            value = rss_mb(self.master_pid)
            if value is not None:
                self.master.append(value)
            self._stop_event.wait(self.interval)

    def stop(self) -> dict:
        self._stop_event.set()
        self.join(5)
        every = [v for values in self.samples.values() for v in values]
        return {
            "workers_seen": len(self.samples),
            "max_mb": round(max(every), 1) if every else None,
            "median_mb": round(statistics.median(every), 1) if every else None,
            "per_worker": {
                str(pid): {"max_mb": round(max(v), 1), "median_mb": round(statistics.median(v), 1)}
                for pid, v in sorted(self.samples.items())
            },
            "master_max_mb": round(max(self.master), 1) if self.master else None,
            "samples": len(every),
        }


class Server:
    """gunicorn serving `app_dir` with production settings; a context manager that always stops
    it (terminate, then kill the whole process group)."""

    def __init__(self, app_dir: Path, db: str, workers: int, static_root: Path, log_dir: Path):
        self.app_dir = app_dir
        self.port = free_port()
        self.workers = workers
        self.access_log = log_dir / f"access_{self.port}.log"
        self.error_log = log_dir / f"error_{self.port}.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "DEBUG": "False",
            "DATABASE_URL": pg_url(db),
            "STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(BASE_DIR / "var" / "media"),
            # The bench is one anonymous client IP; the throttle still runs (a cache hit per
            # API request), it just never refuses.
            "API_ANON_THROTTLE": "100000000/min",
            "SEARCH_TIE_BREAK_DATE": "2026-01-15",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        self.env.pop("VAR_DIR", None)
        self.proc: subprocess.Popen | None = None

    def collectstatic(self) -> None:
        manage(self.app_dir, ["collectstatic", "--no-input", "-v", "0"], self.env, "collectstatic")

    def __enter__(self) -> Server:
        cmd = [
            GUNICORN,
            "config.wsgi:application",
            "--chdir",
            str(self.app_dir),
            "--workers",
            str(self.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
            "--access-logfile",
            str(self.access_log),
            "--access-logformat",
            "%(U)s %(s)s %(D)s",
            "--error-logfile",
            str(self.error_log),
            "--log-level",
            "warning",
        ]
        # The server's own output (production logs a JSON line per request) goes to a file.
        self.output = (self.error_log.parent / f"output_{self.port}.log").open("wb")
        self.proc = subprocess.Popen(
            cmd,
            cwd=self.app_dir,
            env=self.env,
            start_new_session=True,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        ready_by = time.monotonic() + 90
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                conn.request("GET", "/api/v1/search/suggest/?q=ker", headers={"Host": "127.0.0.1"})
                status = conn.getresponse().status
                if status == 200:
                    break
                raise SystemExit(f"gunicorn answered {status}; see {self.error_log}")
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > ready_by:
                log_file = self.error_log if self.error_log.exists() else None
                tail = log_file.read_text()[-3000:] if log_file else ""
                self.output.flush()
                tail += Path(self.output.name).read_text(errors="replace")[-3000:]
                raise SystemExit(f"gunicorn did not start:\n{tail}")
            time.sleep(0.5)
        # Every worker answers once the master has forked them all.
        deadline = time.monotonic() + 30
        while len(children(self.proc.pid)) < self.workers and time.monotonic() < deadline:
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        # Whatever is left of the server's process group (a worker stuck in a request).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def __exit__(self, *exc) -> None:
        self.stop()
        self.output.close()


def run_wrk(wrk: str, port: int, urls: Path, connections: int, secs: int, cfg) -> dict:
    threads = max(1, min(cfg.wrk_threads, connections))
    cmd = [
        wrk,
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{secs}s",
        "--timeout",
        f"{cfg.timeout}s",
        "-s",
        str(LOAD_DIR / "mix.lua"),
        f"http://127.0.0.1:{port}",
    ]
    env = {**os.environ, "LOAD_URLS": str(urls), "LOAD_SEED": str(cfg.seed)}
    # wrk stops by itself after -d; the subprocess timeout is a safety net.
    proc = subprocess.run(
        cmd, env=env, capture_output=True, text=True, timeout=secs + cfg.timeout + 60
    )
    for line in proc.stdout.splitlines():
        if line.startswith("LOAD_RESULT "):
            return json.loads(line[len("LOAD_RESULT ") :])
    raise SystemExit(f"wrk failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


def server_times(access_log: Path, start: int) -> tuple[dict, int]:
    """Server-side time per kind (gunicorn %(D)s, microseconds) from byte offset `start`."""
    per_kind: dict[str, list[float]] = {}
    statuses: dict[str, dict[str, int]] = {}
    with access_log.open("rb") as f:
        f.seek(start)
        data = f.read()
    for line in data.decode("utf-8", "replace").splitlines():
        parts = line.split()
        if len(parts) != 3 or not parts[2].isdigit():
            continue
        kind = kind_of(parts[0])
        per_kind.setdefault(kind, []).append(int(parts[2]) / 1000)
        statuses.setdefault(kind, {})
        statuses[kind][parts[1]] = statuses[kind].get(parts[1], 0) + 1
    out = {}
    for kind, values in sorted(per_kind.items()):
        out[kind] = {
            "n": len(values),
            "median_ms": round(statistics.median(values), 1),
            "p95_ms": round(pct(values, 95), 1),
            "max_ms": round(max(values), 1),
            "total_s": round(sum(values) / 1000, 1),
            "statuses": statuses[kind],
        }
    return out, start + len(data)


def py_spy_record(worker_pid: int, secs: int, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [PYSPY, "record", "--pid", str(worker_pid), "--duration", str(secs), "--rate", "100"]
        + ["--format", "raw", "--output", str(out), "--nonblocking", "--idle"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def level_result(raw: dict, secs_run: float) -> dict:
    lat = raw["latency_us"]["percentiles"]
    e = raw["errors"]
    socket_errors = e["connect"] + e["read"] + e["write"] + e["timeout"]
    non_2xx_3xx = sum(n for code, n in raw["statuses"].items() if not 200 <= int(code) < 400)
    duration = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "requests_per_second": round(raw["requests"] / duration, 2) if duration else None,
        "latency_ms": {
            "p50": round(lat["50"] / 1000, 1),
            "p90": round(lat["90"] / 1000, 1),
            "p95": round(lat["95"] / 1000, 1),
            "p99": round(lat["99"] / 1000, 1),
            "max": round(raw["latency_us"]["max"] / 1000, 1),
            "mean": round(raw["latency_us"]["mean"] / 1000, 1),
        },
        "errors": {
            "socket": socket_errors,
            "non_2xx_3xx": non_2xx_3xx,
            "total": socket_errors + non_2xx_3xx,
            "detail": e,
        },
        "statuses": raw["statuses"],
        "sent_by_kind": raw["sent"],
        "duration_s": round(duration, 1),
        "wall_s": round(secs_run, 1),
    }


def serve_and_measure(app_dir: Path, cfg, urls: Path, tmp: Path, label: str, wrk: str) -> dict:
    static_root = tmp / f"static_{label}"
    server = Server(app_dir, cfg.db, cfg.workers, static_root, tmp)
    if not static_root.exists():
        server.collectstatic()
    result: dict = {
        "app_dir": str(app_dir),
        "commit": git_commit(app_dir),
        "workers": cfg.workers,
        "levels": {},
    }
    with server:
        log(
            f"  [{label}] gunicorn {cfg.workers} sync workers on 127.0.0.1:{server.port} "
            f"({app_dir}, {result['commit']}); warm-up {cfg.warmup} s"
        )
        if cfg.warmup:
            run_wrk(wrk, server.port, urls, max(cfg.connections), cfg.warmup, cfg)
        offset = server.access_log.stat().st_size if server.access_log.exists() else 0
        for conns in cfg.connections:
            before = loadavg()
            sampler = RssSampler(server.proc.pid)
            sampler.start()
            spy = None
            if cfg.py_spy:
                workers = children(server.proc.pid)
                if workers:
                    spy_out = cfg.py_spy / f"{label}_c{conns}_worker{workers[0]}.txt"
                    spy = py_spy_record(workers[0], cfg.duration, spy_out)
            started = time.monotonic()
            raw = run_wrk(wrk, server.port, urls, conns, cfg.duration, cfg)
            wall = time.monotonic() - started
            memory = sampler.stop()
            if spy is not None:
                try:
                    spy.wait(30)
                except subprocess.TimeoutExpired:
                    spy.kill()
            level = level_result(raw, wall)
            level["memory"] = memory
            level["server_ms_by_kind"], offset = server_times(server.access_log, offset)
            level["loadavg_before"], level["loadavg_after"] = before, loadavg()
            result["levels"][str(conns)] = level
            log(
                f"  [{label}] {conns} connections: {level['requests_per_second']} req/s, "
                f"p50 {level['latency_ms']['p50']} ms, p95 {level['latency_ms']['p95']} ms, "
                f"p99 {level['latency_ms']['p99']} ms, errors {level['errors']['total']}, "
                f"worker RSS max {memory['max_mb']} MB; load {before} -> {loadavg()}"
            )
    return result


# ------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def table(result: dict, cfg) -> str:
    lines = [
        f"\n== Load bench: {result['commit']} ({result['app_dir']}), {cfg.workers} gunicorn sync "
        f"workers, {cfg.duration} s per level, {os.cpu_count()} CPU",
        f"{'conns':>5} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'errors':>11} {'RSS max':>8} {'RSS med':>8}  load avg",
    ]
    for conns, lv in result["levels"].items():
        m = lv["memory"]
        e = lv["errors"]
        lines.append(
            f"{conns:>5} {lv['requests_per_second']:>7} {lv['latency_ms']['p50']:>8} "
            f"{lv['latency_ms']['p95']:>8} {lv['latency_ms']['p99']:>8} "
            f"{lv['latency_ms']['max']:>8} "
            f"{e['total']:>4} ({e['socket']}+{e['non_2xx_3xx']}) {m['max_mb']:>8} "
            f"{m['median_mb']:>8}  {lv['loadavg_before']} -> {lv['loadavg_after']}"
        )
    lines.append("   errors = socket errors (connect/read/write/timeout) + non-2xx/3xx responses")
    lines.append("   server-side time per kind (gunicorn access log), median / p95 ms, requests:")
    for conns, lv in result["levels"].items():
        parts = [
            f"{k} {v['median_ms']}/{v['p95_ms']} ({v['n']})"
            for k, v in lv["server_ms_by_kind"].items()
        ]
        lines.append(f"   {conns:>3}: " + "; ".join(parts))
    levels = result["levels"]
    errors = sum(lv["errors"]["total"] for lv in levels.values())
    rss = max((lv["memory"]["max_mb"] or 0) for lv in levels.values())
    lines.append("   targets:")
    lines.append(f"     errors 0: {errors} -> {verdict(errors == 0)}")
    if "16" in levels:
        p95 = levels["16"]["latency_ms"]["p95"]
        ok = levels["16"]["requests"] > 0 and p95 < 250
        lines.append(f"     p95 < 250 ms at 16 connections: {p95} ms -> {verdict(ok)}")
    lines.append(f"     memory per worker < 250 MB: max {rss} MB -> {verdict(rss < 250)}")
    return "\n".join(lines)


METRICS = (
    ("requests_per_second", lambda lv: lv["requests_per_second"]),
    ("p50_ms", lambda lv: lv["latency_ms"]["p50"]),
    ("p95_ms", lambda lv: lv["latency_ms"]["p95"]),
    ("p99_ms", lambda lv: lv["latency_ms"]["p99"]),
    ("errors", lambda lv: lv["errors"]["total"]),
    ("rss_max_mb", lambda lv: lv["memory"]["max_mb"]),
)


def compare(runs: dict[str, list[dict]], cfg) -> dict:
    """Medians over the rounds per app and level, and head/base ratios."""
    out: dict = {}
    for conns in map(str, cfg.connections):
        row = {}
        for name, extract in METRICS:
            base = [extract(r["levels"][conns]) for r in runs["base"]]
            head = [extract(r["levels"][conns]) for r in runs["head"]]
            b, h = statistics.median(base), statistics.median(head)
            row[name] = {
                "base": round(b, 1),
                "head": round(h, 1),
                "ratio": round(h / b, 2) if b else None,
                "base_rounds": base,
                "head_rounds": head,
            }
        kinds = sorted(
            set().union(*(r["levels"][conns]["server_ms_by_kind"] for r in runs["head"]))
        )
        by_kind = {}
        for kind in kinds:
            b = [
                r["levels"][conns]["server_ms_by_kind"].get(kind, {}).get("median_ms")
                for r in runs["base"]
            ]
            h = [
                r["levels"][conns]["server_ms_by_kind"].get(kind, {}).get("median_ms")
                for r in runs["head"]
            ]
            b = [x for x in b if x is not None]
            h = [x for x in h if x is not None]
            if b and h:
                bm, hm = statistics.median(b), statistics.median(h)
                by_kind[kind] = {
                    "base": round(bm, 1),
                    "head": round(hm, 1),
                    "ratio": round(hm / bm, 2) if bm else None,
                }
        row["server_median_ms_by_kind"] = by_kind
        out[conns] = row
    return out


def compare_table(cmp: dict, runs: dict, cfg) -> str:
    base_c = runs["base"][0]["commit"]
    head_c = runs["head"][0]["commit"]
    lines = [
        f"\n== Compare: head {head_c} / base {base_c}, medians of {cfg.rounds} interleaved rounds, "
        f"{cfg.duration} s per level, {cfg.workers} workers",
        f"{'conns':>5} {'metric':<22} {'base':>9} {'head':>9} {'head/base':>10}",
    ]
    for conns, row in cmp.items():
        for name, _ in METRICS:
            r = row[name]
            ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}"
            lines.append(f"{conns:>5} {name:<22} {r['base']:>9} {r['head']:>9} {ratio:>10}")
        for kind, r in row["server_median_ms_by_kind"].items():
            ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}"
            lines.append(
                f"{conns:>5} {'server ' + kind + ' p50':<22} {r['base']:>9} {r['head']:>9} "
                f"{ratio:>10}"
            )
    lines.append("   req/s ratio > 1 and latency ratio < 1 mean head is faster")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------
# Main
# ------------------------------------------------------------------------------------------


def parse_args(argv=None):
    env = os.environ.get
    cpus = os.cpu_count() or 1
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--app-dir", type=Path, default=Path(env("LOAD_APP_DIR") or BASE_DIR))
    p.add_argument(
        "--compare-base",
        type=Path,
        default=env("LOAD_COMPARE_BASE") or None,
        help="serve this checkout and --app-dir alternately and print ratios",
    )
    p.add_argument("--rounds", type=int, default=int(env("LOAD_ROUNDS") or 2))
    p.add_argument("--db", default=env("LOAD_DB") or "batang_bench")
    p.add_argument("--duration", type=seconds, default=seconds(env("LOAD_DURATION") or "60s"))
    p.add_argument("--warmup", type=seconds, default=seconds(env("LOAD_WARMUP") or "5s"))
    p.add_argument(
        "--connections",
        default=env("LOAD_CONNECTIONS") or "16,64",
        help="comma-separated concurrency levels (default 16,64)",
    )
    p.add_argument("--workers", type=int, default=int(env("LOAD_WORKERS") or 2 * cpus + 1))
    p.add_argument("--wrk-threads", type=int, default=int(env("LOAD_WRK_THREADS") or 2))
    p.add_argument("--timeout", type=int, default=int(env("LOAD_TIMEOUT") or 10))
    p.add_argument("--weights", default=env("LOAD_WEIGHTS") or DEFAULT_WEIGHTS)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--py-spy",
        type=Path,
        default=env("LOAD_PY_SPY") or None,
        help="directory: py-spy record (raw collapsed stacks) of one worker per level",
    )
    p.add_argument("--out", type=Path, default=None)
    cfg = p.parse_args(argv)
    cfg.connections = [int(c) for c in str(cfg.connections).split(",") if c.strip()]
    cfg.app_dir = cfg.app_dir.resolve()
    if cfg.compare_base:
        cfg.compare_base = Path(cfg.compare_base).resolve()
    return cfg


def _terminate(signum, frame):
    raise SystemExit(f"stopped by signal {signum}")  # unwinds: the server context stops gunicorn


def main(argv=None) -> int:
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)
    cfg = parse_args(argv)
    weights = parse_weights(cfg.weights)
    for d in [cfg.app_dir, cfg.compare_base]:
        if d is not None and not (d / "manage.py").exists():
            raise SystemExit(f"{d} is not a checkout of the project (no manage.py)")
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = cfg.out or RESULTS_DIR / (f"load_{'compare_' if cfg.compare_base else ''}{stamp}.json")
    if cfg.py_spy:
        cfg.py_spy.mkdir(parents=True, exist_ok=True)
    log(
        f"== load bench: {os.cpu_count()} CPU, load average {loadavg()}, "
        f"{cfg.duration} s at {cfg.connections} connections, {cfg.workers} workers"
    )
    wrk = ensure_wrk()
    report: dict = {
        "started": stamp,
        "environment": {
            "cpu_count": os.cpu_count(),
            "loadavg_start": loadavg(),
            "wrk": subprocess.run([wrk, "--version"], capture_output=True, text=True).stdout[:60],
        },
        "config": {
            "db": cfg.db,
            "duration_s": cfg.duration,
            "warmup_s": cfg.warmup,
            "connections": cfg.connections,
            "workers": cfg.workers,
            "wrk_threads": cfg.wrk_threads,
            "timeout_s": cfg.timeout,
            "weights": weights,
            "settings": "config.settings.production, SECURE_SSL_REDIRECT=False, "
            "API_ANON_THROTTLE=100000000/min, DB_CONN_MAX_AGE="
            + os.environ.get("DB_CONN_MAX_AGE", "(default)"),
        },
        "targets": TARGETS,
    }
    log(f"== database {cfg.db}")
    report["database"] = ensure_database(cfg.db)
    mix = build_mix(cfg.db, weights, cfg.seed)
    report["mix"] = {k: len(v) for k, v in mix.items()}
    with tempfile.TemporaryDirectory(prefix="batang_load_") as tmpdir:
        tmp = Path(tmpdir)
        urls = tmp / "urls.tsv"
        write_mix(mix, weights, urls)
        log(f"  URL mix: {report['mix']} distinct paths, weights {weights}")
        if cfg.compare_base is None:
            result = serve_and_measure(cfg.app_dir, cfg, urls, tmp, "app", wrk)
            report["result"] = result
            text = table(result, cfg)
        else:
            runs: dict[str, list[dict]] = {"base": [], "head": []}
            apps = {"base": cfg.compare_base, "head": cfg.app_dir}
            for r in range(cfg.rounds):
                order = ("base", "head") if r % 2 == 0 else ("head", "base")
                for name in order:
                    log(f"== round {r + 1}/{cfg.rounds}: {name}")
                    runs[name].append(serve_and_measure(apps[name], cfg, urls, tmp, name, wrk))
            report["runs"] = runs
            report["compare"] = compare(runs, cfg)
            text = "\n".join(table(runs[n][-1], cfg) for n in ("base", "head"))
            text += compare_table(report["compare"], runs, cfg)
    report["environment"]["loadavg_end"] = loadavg()
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    log(text)
    log(f"\nload average at the end {loadavg()}; JSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
