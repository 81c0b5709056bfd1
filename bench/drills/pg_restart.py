#!/usr/bin/env python
"""Failure drill: restart PostgreSQL under load and see what visitors get.

    .venv/bin/python bench/drills/pg_restart.py [--before 8] [--after 15] [--threads 6]

gunicorn (production settings: persistent connections, CONN_MAX_AGE 60 s with health checks)
serves a small demo data set (database `batang_fail_drill`, created once) while `--threads`
clients send a mix of search, page and API GETs. After `--before` seconds the machine's
PostgreSQL cluster is restarted with

    pg_ctlcluster --skip-systemctl-redirect <version> main restart

and the load goes on for `--after` seconds. Printed: answers by status before, during (restart
command running) and after the restart; whether every 503 carried Retry-After; the first and
last failed request relative to the restart; and how long until every answer was a 200 again.
Expected (decision 0019): 503s with Retry-After and no 500s while the server is down, 200s
again without any restart of the app. NOTE: it restarts the machine's shared PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Load, Server, counts, ensure_database, log, percentile  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=float, default=8.0)
    parser.add_argument("--after", type=float, default=15.0)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    version = sorted(os.listdir("/etc/postgresql"))[-1]
    log("== PostgreSQL restart drill")
    ensure_database()
    with Server(workers=args.workers) as server:
        log(f"  gunicorn {args.workers} workers on 127.0.0.1:{server.port}; "
            f"{args.threads} clients; restart after {args.before:g} s")  # fmt: skip
        with Load(server.port, threads=args.threads) as load:
            time.sleep(args.before)
            restart_at = time.monotonic()
            proc = subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
                capture_output=True, text=True,
            )  # fmt: skip
            restarted_at = time.monotonic()
            time.sleep(args.after)
        samples = load.samples
    if proc.returncode != 0:
        log(f"  pg_ctlcluster failed: {proc.stderr.strip()}")
    before = [s for s in samples if s.started + s.seconds < restart_at]
    during = [s for s in samples if s not in before and s.started < restarted_at]
    after = [s for s in samples if s.started >= restarted_at]
    failed = [s for s in samples if s.status != 200]
    log(f"  restart command took {restarted_at - restart_at:.1f} s")
    for label, part in (("before", before), ("during", during), ("after", after)):
        ms = [s.seconds * 1000 for s in part]
        log(f"  {label:7} {len(part):5} requests {counts(part)}  "
            f"median {percentile(ms, 50):.0f} ms, max {max(ms, default=0):.0f} ms")  # fmt: skip
    unavailable = [s for s in samples if s.status == 503]
    log(f"  503 with Retry-After: {sum(1 for s in unavailable if s.retry_after)}"
        f"/{len(unavailable)}; 500: {sum(1 for s in samples if s.status == 500)}")  # fmt: skip
    if failed:
        first = min(s.started for s in failed) - restart_at
        last = max(s.started + s.seconds for s in failed) - restart_at
        log(f"  failures from {first:+.1f} s to {last:+.1f} s after the restart began; "
            f"all 200 again {last:.1f} s after it began "
            f"({last - (restarted_at - restart_at):+.1f} s after PostgreSQL was back)")  # fmt: skip
    else:
        log("  no failed request at all")
    tail = [s for s in after if s.started > restarted_at + 2]
    ok = bool(tail) and all(s.status == 200 for s in tail)
    log(f"  recovered by itself: {'yes' if ok else 'NO'}")


if __name__ == "__main__":
    main()
