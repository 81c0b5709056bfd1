#!/usr/bin/env python
"""Failure drill: Elasticsearch configured but dead or hanging; what do visitors wait for?

    .venv/bin/python bench/drills/es_outage.py [--seconds 20] [--threads 4]

gunicorn (production settings, SEARCH_BACKEND=elasticsearch, ES_TIMEOUT_SECONDS 2, the
default circuit breaker: 3 failures, 30 s cool-down) is pointed in turn at
- "black hole": a local port that accepts connections and never answers (a hung node), and
- "refused": a closed port (a dead node),
while `--threads` clients send catalogue searches (API and /cari/) and /healthz. Printed per
case and path: answers by status, the `backend` that served the API searches, and latency
median / p95 / max. Expected (decision 0019): every answer a 200 served by the database
fallback, /healthz "degraded"; no request longer than the timeout plus the database search,
and after the breaker opens, no wait at all. A third case keeps the breaker closed (every
request waits for the hung node) to show the per-request bound.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Load, Server, counts, ensure_database, free_port, get, log, percentile  # noqa: E402

PATHS = ["/api/v1/search/?q=kertas", "/cari/?q=kertas+hvs", "/healthz"]


class BlackHole:
    """Accepts connections and never answers (until closed)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        self.stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stop.is_set():
            try:
                self.held.append(self.sock.accept()[0])
            except OSError:
                continue

    def close(self):
        self.stop.set()
        for conn in self.held:
            conn.close()
        self.sock.close()


def run_case(label: str, url: str, seconds: float, threads: int, failures: int = 3) -> None:
    env = {"SEARCH_BACKEND": "elasticsearch", "ELASTICSEARCH_URL": url,
           "ES_TIMEOUT_SECONDS": "2", "ES_CIRCUIT_FAILURES": str(failures)}  # fmt: skip
    with Server(workers=3, extra_env=env) as server:
        status, _h, body = get(server.port, "/api/v1/search/?q=kertas")
        first_backend = json.loads(body).get("backend") if status == 200 else status
        with Load(server.port, threads=threads, paths=PATHS) as load:
            started = time.monotonic()
            time.sleep(seconds)
        samples = load.samples
        health = json.loads(get(server.port, "/healthz")[2] or b"{}")
    log(f"  [{label}] first search served by: {first_backend}; /healthz status "
        f"{health.get('status')}, circuit {health.get('search', {}).get('circuit')}")  # fmt: skip
    for path in PATHS:
        part = [s for s in samples if s.path == path]
        ms = [s.seconds * 1000 for s in part]
        log(f"  [{label}] {path:28} {len(part):5} {counts(part)}  median "
            f"{percentile(ms, 50):6.0f} ms  p95 {percentile(ms, 95):6.0f} ms  "
            f"max {max(ms, default=0):6.0f} ms")  # fmt: skip
    slow = [s for s in samples if s.seconds > 2.0 + 1.0]
    log(
        f"  [{label}] requests over timeout + 1 s: {len(slow)} of {len(samples)}"
        + "".join(f"; {s.seconds:.1f} s at {s.started - started:+.1f} s" for s in slow)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    log("== Elasticsearch outage drill")
    ensure_database()
    hole = BlackHole()
    try:
        url = f"http://127.0.0.1:{hole.port}"
        run_case("black hole", url, args.seconds, args.threads)
        # The worst case: a breaker that never opens, so every request waits for the cluster.
        run_case("black hole, no breaker", url, args.seconds, args.threads, failures=10**6)
    finally:
        hole.close()
    run_case("refused", f"http://127.0.0.1:{free_port()}", args.seconds, args.threads)


if __name__ == "__main__":
    main()
