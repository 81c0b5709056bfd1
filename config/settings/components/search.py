"""Catalogue search: which backend runs (views never know), and where Elasticsearch lives."""

from .env import env

SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="database")
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
ES_INDEX_PREFIX = env.str("ES_INDEX_PREFIX", default="dev_")
ES_TIMEOUT_SECONDS = env.float("ES_TIMEOUT_SECONDS", default=2.0)
# After this many failures in a row, skip Elasticsearch (database fallback) for the cool-down.
ES_CIRCUIT_FAILURES = env.int("ES_CIRCUIT_FAILURES", default=3)
ES_CIRCUIT_COOLDOWN_SECONDS = env.float("ES_CIRCUIT_COOLDOWN_SECONDS", default=30.0)
ES_SHARDS = env.int("ES_SHARDS", default=1)
ES_REPLICAS = env.int("ES_REPLICAS", default=1)
# "false" (near-real-time, production), "wait_for" or "true" (tests that read their writes).
ES_REFRESH = env.str("ES_REFRESH", default="false")

# Wagtail's own search (guidance pages) stays on the database.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "indonesian",
    }
}

# django-tasks: immediate (in the request, after commit) by default; production may switch to
# the database-backed queue, TASKS_BACKEND=django_tasks_db.DatabaseBackend, run by
# `manage.py db_worker` (docs/deploy.md). /healthz reports degraded when its oldest due task
# has waited longer than TASKS_MAX_PENDING_SECONDS.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}
TASKS_MAX_PENDING_SECONDS = env.int("TASKS_MAX_PENDING_SECONDS", default=300)
