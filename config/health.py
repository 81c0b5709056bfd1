"""GET /healthz: is the site able to serve, and from what.

{"status": "ok" | "degraded" | "down", "database": {...}, "search": {...}}
- ok (200): the database answers and the configured search backend serves;
- degraded (200): the database answers but Elasticsearch does not, so catalogue search is
  served by the database fallback (slower, but correct);
- down (503): the database does not answer, or search cannot be served at all.
"""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from search.backends import get_backend


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # a probe reports, it does not raise
        return {"ok": False, "vendor": connection.vendor, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def _search() -> dict:
    try:
        return get_backend().health()
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}


@never_cache
def healthz(request):
    database = _database()
    search = _search() if database["ok"] else {"ok": False, "error": "database unavailable"}
    if not database["ok"]:
        status = "down"
    elif search.get("ok"):
        status = "ok"
    elif search.get("degraded"):
        status = "degraded"
    else:
        status = "down"
    return JsonResponse(
        {"status": status, "database": database, "search": search},
        status=503 if status == "down" else 200,
    )
