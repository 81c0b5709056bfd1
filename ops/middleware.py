"""One log line per request (logger "batang.request"), after the response is made.

Fields (JSON format): method, path (no query string: it may hold personal data), status,
duration_ms, user_id (the id only, never a username or email); request_id comes from the
logging filter (django-guid). Successful load-balancer probes of /healthz are not logged.
"""

import logging
import time

logger = logging.getLogger("batang.request")

QUIET_PATHS = frozenset({"/healthz"})


def _user_id(request):
    user = getattr(request, "user", None)
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except Exception:  # e.g. the database is down: the line is still written
        return None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        status = response.status_code
        if request.path in QUIET_PATHS and status < 400:
            return response
        logger.log(
            logging.WARNING if status >= 500 else logging.INFO,
            "%s %s %s %.1fms",
            request.method,
            request.path,
            status,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": duration_ms,
                "user_id": _user_id(request),
            },
        )
        return response
