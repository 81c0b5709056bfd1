"""Shared by the failure drills: a small PostgreSQL data set, gunicorn with production settings,
and a load of concurrent GETs whose every answer is recorded with its time.

The drills never import Django; they run manage.py and gunicorn as child processes, bind to
127.0.0.1 only and stop everything they started (by process group) whatever happens.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PY = os.environ.get("PY") or str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(Path(PY).parent / "gunicorn")
PG = os.environ.get("DRILL_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("DRILL_DB", "batang_fail_drill")

# The mix: catalogue search (API and page), product list, product pages, health.
PATHS = [
    "/api/v1/search/?q=kertas",
    "/api/v1/search/?q=snack+box&kecamatan=batang",
    "/cari/?q=kertas+hvs",
    "/cari/?q=servis+ac",
    "/api/v1/products/?page_size=20",
    "/api/v1/vendors/?page_size=20",
    "/penyedia/",
]


def log(msg: str = "") -> None:
    print(msg, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(args: list[str], env: dict) -> None:
    proc = subprocess.run(
        [PY, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{proc.stderr[-3000:]}")


def ensure_database(vendors: int = 150, products: int = 1500) -> None:
    """A small demo data set in DB (created once, then reused)."""
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB}"')
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev",
           "DATABASE_URL": f"{PG}/{DB}", "DEBUG": "False"}  # fmt: skip
    manage(["migrate", "--no-input", "-v", "0"], env)
    manage(["seed_demo", "--vendors", str(vendors), "--products", str(products), "--seed", "1",
            "--if-empty", "--allow-without-debug"], env)  # fmt: skip


class Server:
    """gunicorn (sync workers) with config.settings.production on a free local port."""

    def __init__(self, workers: int = 3, extra_env: dict | None = None):
        self.port = free_port()
        self.workers = workers
        self.static = Path(f"/tmp/drill_static_{os.getpid()}")
        self.output = Path(f"/tmp/drill_gunicorn_{os.getpid()}.log")
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "DATABASE_URL": f"{PG}/{DB}",
            "STATIC_ROOT": str(self.static),
            "API_ANON_THROTTLE": "100000000/min",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.env.pop("VAR_DIR", None)
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        manage(["collectstatic", "--no-input", "-v", "0"], self.env)
        self.proc = subprocess.Popen(
            [GUNICORN, "config.wsgi:application", "--workers", str(self.workers),
             "--bind", f"127.0.0.1:{self.port}", "--timeout", "30", "--graceful-timeout", "5"],
            cwd=BASE_DIR, env=self.env, start_new_session=True,
            stdout=self.output.open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 90
        while get(self.port, "/healthz")[0] not in (200,):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise SystemExit(f"gunicorn did not start; see {self.output}")
            time.sleep(0.5)
        return self

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def get(port: int, path: str, timeout: float = 30.0) -> tuple[int | str, dict, bytes]:
    """(status or "error:<kind>", headers, body) of one GET on a fresh connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    except (OSError, http.client.HTTPException) as exc:
        return f"error:{type(exc).__name__}", {}, b""
    finally:
        conn.close()


@dataclass
class Sample:
    started: float
    seconds: float
    path: str
    status: int | str
    retry_after: str | None


@dataclass
class Load:
    """`threads` clients sending the PATHS mix back to back until stopped."""

    port: int
    threads: int = 6
    paths: list[str] = field(default_factory=lambda: list(PATHS))
    samples: list[Sample] = field(default_factory=list)

    def __post_init__(self):
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._workers = [
            threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(self.threads)
        ]

    def _run(self, n: int) -> None:
        i = n
        while not self._stop.is_set():
            path = self.paths[i % len(self.paths)]
            i += 1
            started = time.monotonic()
            status, headers, _body = get(self.port, path)
            with self._lock:
                self.samples.append(
                    Sample(started, time.monotonic() - started, path, status,
                           headers.get("Retry-After"))
                )  # fmt: skip

    def __enter__(self) -> Load:
        for worker in self._workers:
            worker.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for worker in self._workers:
            worker.join(35)


def counts(samples: list[Sample]) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in samples:
        key = str(s.status)
        out[key] = out.get(key, 0) + 1
    return dict(sorted(out.items()))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
