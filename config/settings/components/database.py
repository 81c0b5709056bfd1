"""Database: a SQLite file by default; DATABASE_URL (postgres://...) for PostgreSQL."""

from pathlib import Path

from .env import BASE_DIR, env

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
    )
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a seed or an index rebuild writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
