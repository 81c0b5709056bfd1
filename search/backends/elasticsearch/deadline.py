"""A hard deadline on every Elasticsearch request (decision 0019).

urllib3's timeouts apply to each socket operation, not to the request: a cluster, or a proxy
in front of it, that sends its answer a few bytes at a time or its headers slowly keeps a
request alive far beyond `ES_TIMEOUT_SECONDS` (measured: 30 s and 10 s for a 1 s timeout).
`DeadlineNode` runs each request in a helper thread and gives up on it when the timeout has
passed, raising the transport's own `ConnectionTimeout`, so the database fallback answers in
time. The abandoned request ends by itself (its socket timeout, or the server finishing) in
its own daemon thread.
"""

from __future__ import annotations

import threading

from elastic_transport import ConnectionTimeout, Urllib3HttpNode
from elastic_transport._models import DEFAULT


class DeadlineNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, request_timeout=DEFAULT):
        timeout = self.config.request_timeout if request_timeout is DEFAULT else request_timeout
        if not timeout:
            return super().perform_request(method, target, body, headers, request_timeout)
        outcome: dict = {}
        done = threading.Event()
        parent = super()

        def run():
            try:
                outcome["value"] = parent.perform_request(
                    method, target, body, headers, request_timeout
                )
            except BaseException as exc:  # handed to the caller's thread below
                outcome["error"] = exc
            finally:
                done.set()

        threading.Thread(target=run, name="es-request", daemon=True).start()
        if not done.wait(timeout):
            raise ConnectionTimeout(f"no complete answer within {timeout:g} s")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]
