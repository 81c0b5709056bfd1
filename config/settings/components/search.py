"""Catalogue search: which backend runs (views never know), and where Elasticsearch lives."""

from .env import env

SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="database")
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
ES_INDEX_PREFIX = env.str("ES_INDEX_PREFIX", default="dev_")
ES_TIMEOUT_SECONDS = env.float("ES_TIMEOUT_SECONDS", default=2.0)

# Wagtail's own search (guidance pages) stays on the database.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "indonesian",
    }
}

# django-tasks: immediate in dev and tests; production may switch to a database-backed queue.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}
