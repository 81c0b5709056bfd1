"""Django REST Framework and the OpenAPI schema."""

from .env import env

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "config.openapi.AutoSchema",  # documents the error responses too
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "config.throttling.UserWriteRateThrottle",  # writes by a signed-in user or token
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_THROTTLE", default="120/min"),
        "user_write": env.str("API_USER_WRITE_THROTTLE", default="60/min"),
    },
    # Client address from X-Forwarded-For behind TRUSTED_PROXY_COUNT proxies (as the login
    # throttle); None would take the whole, client-controlled header as the address.
    "NUM_PROXIES": env.int("TRUSTED_PROXY_COUNT", default=0),
    # One error shape for the whole API: {"detail": "...", "errors": {"field": ["..."]}}.
    "EXCEPTION_HANDLER": "config.api.api_exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "config.negotiation.ContentNegotiation",
}

# CORS stays closed (no Access-Control-* header at all) unless origins are listed here,
# e.g. API_CORS_ALLOWED_ORIGINS=https://data.batangkab.go.id (or * for any origin).
API_CORS_ALLOWED_ORIGINS = env.list("API_CORS_ALLOWED_ORIGINS", default=[])

SPECTACULAR_SETTINGS = {
    "TITLE": "Direktori Penyedia Lokal Batang API",
    "DESCRIPTION": "Katalog penyedia lokal Kabupaten Batang untuk pengadaan OPD.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]",
    "PREPROCESSING_HOOKS": ["config.spectacular.only_public_api"],
}
