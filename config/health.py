"""GET /healthz: is the site able to serve, and from what. For load balancers and monitoring.

{"status": "ok" | "degraded" | "down", "database": {...}, "search": {...}, "tasks": {...}}
- ok (200): the database answers, the configured search backend serves, and background tasks
  run (inline, or the queue's oldest due task has waited less than TASKS_MAX_PENDING_SECONDS);
- degraded (200): every page is served, but something needs an operator: Elasticsearch does
  not answer, so catalogue search is served by the database fallback (slower, but correct);
  or the task queue is late, stuck or unreadable (no worker running: search index updates
  wait). Keep the server in the load balancer; alert on it;
- down (503): the database does not answer, or search cannot be served at all. Take the server
  out of the load balancer.
"""

import datetime as dt

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.dummy import DummyBackend
from django_tasks.backends.immediate import ImmediateBackend

from search.backends import get_backend


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            # A real table, not just "SELECT 1": an empty or half-restored schema is down too.
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
            cursor.fetchone()
    except Exception as exc:  # a probe reports, it does not raise
        return {"ok": False, "vendor": connection.vendor, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def _search() -> dict:
    try:
        return get_backend().health()
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}


def _queue(backend) -> dict:
    """The database queue (django-tasks-db): how long its oldest due task has waited."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    limit = settings.TASKS_MAX_PENDING_SECONDS
    now = timezone.now()
    results = DBTaskResult.objects.filter(backend_name=backend.alias)
    ready = results.ready()
    pending = ready.count()
    # A plain task is due when it was enqueued, a deferred one at its run_after.
    date_max = get_date_max()
    plain = ready.filter(run_after=date_max).order_by("enqueued_at")
    deferred = ready.exclude(run_after=date_max).order_by("run_after")
    dues = [
        due
        for due in (
            plain.values_list("enqueued_at", flat=True).first(),
            deferred.values_list("run_after", flat=True).first(),
        )
        if due is not None
    ]
    waited = max(0, int((now - min(dues)).total_seconds())) if dues else 0
    report = {
        "backend": "database",
        "pending": pending,
        "oldest_pending_seconds": waited,
        "max_pending_seconds": limit,
        "running": results.running().count(),
        "failed_last_day": results.failed()
        .filter(finished_at__gte=now - dt.timedelta(days=1))
        .count(),
    }
    if waited > limit:
        return {
            **report,
            "ok": False,
            "degraded": True,
            "error": "queue is late: is `manage.py db_worker` running?",
        }
    return {**report, "ok": True}


def _tasks() -> dict:
    try:
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if isinstance(backend, ImmediateBackend):
            return {"ok": True, "backend": "immediate"}  # runs in the request, nothing queues
        if isinstance(backend, DummyBackend):
            return {
                "ok": False,
                "degraded": True,
                "backend": "dummy",
                "error": "tasks are never run",
            }
        if backend.__class__.__module__.startswith("django_tasks_db"):
            return _queue(backend)
        return {"ok": True, "backend": backend.__class__.__name__, "checked": False}
    except Exception as exc:
        return {"ok": False, "degraded": True, "error": exc.__class__.__name__}


@never_cache
def healthz(request):
    database = _database()
    unavailable = {"ok": False, "error": "database unavailable"}
    search = _search() if database["ok"] else unavailable
    tasks = _tasks() if database["ok"] else unavailable
    searchable = search.get("ok") or search.get("degraded")
    if not database["ok"] or not searchable:
        status = "down"
    elif search.get("ok") and tasks.get("ok"):
        status = "ok"
    else:
        status = "degraded"
    return JsonResponse(
        {"status": status, "database": database, "search": search, "tasks": tasks},
        status=503 if status == "down" else 200,
    )
