"""Logging: every record is one line on stderr, JSON (production) or text (dev and tests).

LOG_FORMAT=json|text picks the formatter (production.py defaults to json, everything else to
text); LOG_LEVEL the root level. Every record carries `request_id`: the X-Request-ID of the
current request (django-guid takes a valid one from the proxy, else makes one, and returns it
in the response header), or None outside a request. ops.middleware.RequestLogMiddleware writes
one line per request with method, path, status, duration_ms and user_id.

To add a filter, add an entry to LOG_FILTERS: every handler runs all of them, in order.
"""

from django.core.exceptions import ImproperlyConfigured
from pythonjsonlogger.core import RESERVED_ATTRS

from .env import env

DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,  # a proxy's id is kept only if it is a UUID, else replaced
    "RETURN_HEADER": True,
    # No Access-Control-Expose-Headers on every response: CORS stays closed unless configured
    # (API_CORS_ALLOWED_ORIGINS; tests/test_api_conventions.py).
    "EXPOSE_HEADER": False,
    "UUID_FORMAT": "hex",  # 32 hex digits, like nginx's $request_id
}

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")

# Run by every handler, in this order.
LOG_FILTERS = {
    # No NPWP/NIK in any log line (UU PDP): config/logging.py.
    "redact_personal_data": {"()": "config.logging.RedactPersonalDataFilter"},
    # After the redaction, so a request id that happens to hold 15-16 digits stays whole.
    "request_id": {
        "()": "django_guid.log_filters.CorrelationId",
        "correlation_id_field": "request_id",
    },
}

LOG_FORMATTERS = {
    "text": {
        "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
    },
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
        "rename_fields": {"levelname": "level", "name": "logger"},
        "timestamp": "time",  # ISO 8601, UTC
        # Django's request loggers attach the request object; its repr holds the query string.
        "reserved_attrs": [*RESERVED_ATTRS, "request"],
    },
}


def logging_config(log_format: str, level: str = LOG_LEVEL) -> dict:
    if log_format not in LOG_FORMATTERS:
        raise ImproperlyConfigured(
            f"LOG_FORMAT harus salah satu dari {', '.join(LOG_FORMATTERS)} (bukan {log_format!r})."
        )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": LOG_FILTERS,
        "formatters": {log_format: LOG_FORMATTERS[log_format]},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": list(LOG_FILTERS),
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # django-guid logs every generated id at INFO; the request line already has it.
            "django_guid": {"level": "WARNING"},
            # runserver's own access line: ours (batang.request) replaces it.
            "django.server": {"level": "WARNING"},
        },
    }


LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = logging_config(LOG_FORMAT)
