"""What a visitor gets when the database fails under a request (decision 0019).

- **Unavailable** (PostgreSQL restarting or unreachable, a connection dropped, SQLite locked
  or unreadable, too many connections, a statement cancelled): 503 with `Retry-After`, a short
  Indonesian page (templates/503.html) or, under /api/, the API error shape
  {"detail": ..., "errors": {}}. Logged once as one line, without a traceback.
- **Conflict** (a constraint the database enforced that validation did not foresee, e.g. two
  people saving at once): 409 with the same shapes (templates/409.html). Logged once with the
  traceback, since it can also mean validation is missing.

Every write service runs in `transaction.atomic`, so either failure leaves nothing half
saved; the page says so, and a form POST comes back with a "Kirim ulang" button carrying the
visitor's input (not passwords, not files). Any other database error stays a 500.

Connections recover by themselves: Django closes a connection that failed as unusable at the
end of the request (and checks persistent ones before reuse, CONN_HEALTH_CHECKS); we also
close it at once here, so the rest of this request and the next one reconnect.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("config.failures")

RETRY_AFTER_SECONDS = 10

# SQLite primary result codes that mean "not now", not "your SQL is wrong".
_SQLITE_TRANSIENT = {
    5,  # SQLITE_BUSY: another writer holds the lock
    6,  # SQLITE_LOCKED
    7,  # SQLITE_NOMEM
    8,  # SQLITE_READONLY
    10,  # SQLITE_IOERR
    13,  # SQLITE_FULL
    14,  # SQLITE_CANTOPEN
    15,  # SQLITE_PROTOCOL
}
# PostgreSQL SQLSTATE classes/codes that mean the server cannot serve right now.
_PG_TRANSIENT_CLASSES = {"08", "53", "57", "58"}  # connection, resources, operator, system
_PG_TRANSIENT_CODES = {"40001", "40P01", "55P03"}  # serialization, deadlock, lock timeout
_SECRET_WORDS = ("password", "sandi", "secret", "token")


def database_unavailable(exc: BaseException) -> bool:
    """Is `exc` the database being unavailable (retry later) rather than a bug?"""
    if isinstance(exc, InterfaceError):
        return True  # the connection is closed or broken
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    code = getattr(cause, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _SQLITE_TRANSIENT
    if type(cause).__module__.startswith("psycopg"):
        state = getattr(cause, "sqlstate", None)
        if state is None:
            return True  # no answer from the server at all: refused, reset, closed
        return state[:2] in _PG_TRANSIENT_CLASSES or state in _PG_TRANSIENT_CODES
    return False


def _drop_broken_connections() -> None:
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None and not conn.in_atomic_block:
            try:
                conn.close_if_unusable_or_obsolete()
            except Exception:  # noqa: BLE001 - closing a dead connection may fail too
                conn.connection = None


def _secret(name: str) -> bool:
    name = name.lower()
    return any(word in name for word in _SECRET_WORDS) or name == "key" or name.endswith("_key")


def _resubmit_fields(request) -> list[tuple[str, str]]:
    if request.method != "POST" or request.content_type not in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return []
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if not _secret(name)
        for value in values
    ]
    # A CSRF token for the re-submit (cookie-based: it does not touch the database).
    return [("csrfmiddlewaretoken", get_token(request)), *fields] if fields else []


def failure_response(request, exc: BaseException, *, status: int) -> HttpResponse:
    """The 503/409 answer: API error shape under /api/, a standalone page elsewhere. Neither
    touches the database (no context processors, no session, no user)."""
    if status == 503:
        detail = _(
            "Layanan sedang tidak dapat mengakses basis data. Tidak ada data yang tersimpan; "
            "coba lagi dalam %(s)s detik."
        ) % {"s": RETRY_AFTER_SECONDS}
    else:
        detail = _(
            "Data tidak tersimpan karena bentrok dengan perubahan lain. Tidak ada yang "
            "tersimpan; periksa lalu kirim lagi."
        )
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": detail, "errors": {}}, status=status)
    else:
        html = render_to_string(
            f"{status}.html",
            {
                "detail": detail,
                "path": request.path,
                "fields": _resubmit_fields(request),
                "had_files": request.method == "POST" and bool(request.FILES),
                "retry_after": RETRY_AFTER_SECONDS,
                "LANGUAGE_CODE": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            },
        )
        response = HttpResponse(html, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged here once; Django's request logger would add a second line.
    response._has_been_logged = True
    return response


class DatabaseFailureMiddleware:
    """Turn a database that fails under a view into a 503 (unavailable) or 409 (conflict)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_unavailable(exception):
            _drop_broken_connections()
            logger.error(
                "Database unavailable: %s %s answered 503 (%s: %s)",
                request.method, request.path, type(exception).__name__,
                str(exception).strip().splitlines()[0][:300] if str(exception) else "",
            )  # fmt: skip
            return failure_response(request, exception, status=503)
        if isinstance(exception, IntegrityError):
            logger.error(
                "Database constraint refused %s %s: answered 409",
                request.method, request.path, exc_info=exception,
            )  # fmt: skip
            return failure_response(request, exception, status=409)
        return None
