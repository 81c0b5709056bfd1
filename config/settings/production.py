"""Production: refuses to start without SECRET_KEY and ALLOWED_HOSTS from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .components.env import env
from .components.logging import logging_config


def _required(name: str, value):
    if not value:
        raise ImproperlyConfigured(
            f"Variabel lingkungan {name} wajib diisi untuk production ({name} is required)."
        )
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY", env.str("SECRET_KEY", default=""))
ALLOWED_HOSTS = _required("ALLOWED_HOSTS", env.list("ALLOWED_HOSTS", default=[]))
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DEMO_DATA_NOTICE = env.bool("DEMO_DATA_NOTICE", default=False)
# Each worker keeps its database connection between requests (checked before reuse:
# CONN_HEALTH_CHECKS). Connecting and closing per request took ~15% of a worker's time under
# load (bench/README.md, "Load bench"). DB_CONN_MAX_AGE=0 goes back to one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)  # noqa: F405
# One JSON object per line for the log collector (LOG_FORMAT=text to read them by eye).
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = logging_config(LOG_FORMAT)

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers may probe gunicorn over plain HTTP: answer, do not redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Wagtail sets SAMEORIGIN on its own preview views; everything else may not be framed.
X_FRAME_OPTIONS = "DENY"
