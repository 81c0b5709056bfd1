"""Small real servers standing in for an Elasticsearch cluster in trouble (no mocks: the real
client talks HTTP to them over a socket).

- `SlowServer(kind)`: "silent" accepts and never answers; "trickle" sends a valid status
  line and headers, then the body one byte every 0.3 s; "slow-headers" sends its header
  lines one every 0.3 s. Each lives at most 60 s.
- `FakeCluster`: just enough of the Elasticsearch HTTP protocol for the index life cycle the
  drift check uses: `_bulk` (index/delete), `_search` in id order with `search_after` and the
  `updated_us` doc value, `_count`, `_cluster/health`. `stop()` closes the port (connection
  refused, as a dead node), `start()` opens the same port again.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class SlowServer:
    def __init__(self, kind: str):
        self.kind = kind
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(32)
        self.sock.settimeout(0.2)
        self.stopped = threading.Event()
        self.conns: list[socket.socket] = []
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        deadline = time.monotonic() + 60
        while not self.stopped.is_set() and time.monotonic() < deadline:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        try:
            conn.settimeout(5)
            conn.recv(65536)
            if self.kind == "silent":
                self.stopped.wait(60)
                return
            if self.kind == "trickle":
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"X-Elastic-Product: Elasticsearch\r\nContent-Length: 200\r\n\r\n"
                )
                lines = [b" "] * 200
            else:  # slow-headers
                conn.sendall(b"HTTP/1.1 200 OK\r\n")
                lines = [b"X-Slow: yes\r\n"] * 200
            for chunk in lines:
                if self.stopped.wait(0.3):
                    return
                conn.sendall(chunk)
        except OSError:
            pass

    def close(self):
        self.stopped.set()
        for conn in self.conns:
            conn.close()
        self.sock.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    cluster: FakeCluster

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.cluster.conns.append(self.connection)

    def _send(self, status: int, payload: dict):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_HEAD(self):
        self._send(200, {})

    def do_GET(self):
        self.do_POST()

    def do_PUT(self):
        self.do_POST()

    def do_POST(self):
        path = self.path.split("?", 1)[0].strip("/").split("/")
        raw = self._body()
        docs = self.cluster.docs
        if path == ["_cluster", "health"]:
            return self._send(200, {"status": "green", "number_of_nodes": 1})
        if path[-1] == "_bulk":
            return self._send(200, self.cluster.bulk(raw, path[0] if len(path) > 1 else None))
        if len(path) == 2 and path[1] == "_count":
            return self._send(200, {"count": len(docs.get(path[0], {})), "_shards": _SHARDS})
        if len(path) == 2 and path[1] == "_search":
            return self._send(200, self.cluster.search(path[0], json.loads(raw or b"{}")))
        return self._send(400, {"error": {"type": "unsupported", "reason": self.path}})


_SHARDS = {"total": 1, "successful": 1, "failed": 0}


class FakeCluster:
    def __init__(self):
        self.docs: dict[str, dict[int, dict]] = {}
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.conns: list[socket.socket] = []
        self.port = 0
        self.start()
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self):
        handler = type("Handler", (_Handler,), {"cluster": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        for conn in self.conns:  # a dead node drops its kept-alive connections too
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        self.conns.clear()

    def bulk(self, raw: bytes, default_index: str | None) -> dict:
        lines = [json.loads(line) for line in raw.splitlines() if line.strip()]
        items, i = [], 0
        with self.lock:
            while i < len(lines):
                ((op, meta),) = lines[i].items()
                index = self.docs.setdefault(meta.get("_index") or default_index, {})
                doc_id = int(meta["_id"])
                if op == "delete":
                    found = index.pop(doc_id, None) is not None
                    items.append({op: {"_id": str(doc_id), "status": 200 if found else 404}})
                    i += 1
                else:
                    index[doc_id] = lines[i + 1]
                    items.append({op: {"_id": str(doc_id), "status": 201}})
                    i += 2
        return {"took": 1, "errors": False, "items": items}

    def search(self, index: str, body: dict) -> dict:
        after = (body.get("search_after") or [None])[0]
        with self.lock:
            ids = sorted(i for i in self.docs.get(index, {}) if after is None or i > after)
            ids = ids[: body.get("size", 10)]
            hits = [
                {"_id": str(i), "sort": [i],
                 "fields": {"updated_us": [self.docs[index][i]["updated_us"]]}}
                for i in ids
            ]  # fmt: skip
        total = {"value": len(hits), "relation": "eq"}
        return {"took": 1, "timed_out": False, "_shards": _SHARDS,
                "hits": {"total": total, "hits": hits}}  # fmt: skip

    def ids(self, index: str) -> set[int]:
        return set(self.docs.get(index, {}))
