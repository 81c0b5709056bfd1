"""docs/deploy.md and docs/deploy/ stay true to the code: every environment variable the
settings read is documented (and nothing else is), nginx accepts the largest upload, and a
plain-HTTP probe of /healthz under production settings is answered, not redirected."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "docs" / "deploy.md"
# Read by Django itself (manage.py, wsgi.py), not through `env`.
READ_OUTSIDE_SETTINGS = {"DJANGO_SETTINGS_MODULE"}
BULK_IMPORT_MAX_BYTES = 10 * 1024 * 1024  # catalog/forms.py, the CSV/XLSX import


def variables_read_by_settings() -> set[str]:
    """Names passed to env(...), env.str(...), env.db_url(...) etc. anywhere in the settings."""
    names = set()
    for path in (ROOT / "config" / "settings").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func, first = node.func, node.args[0]
            called_on_env = (isinstance(func, ast.Name) and func.id == "env") or (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "env"
            )
            if called_on_env and isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
    return names


def documented_variables() -> set[str]:
    text = DEPLOY.read_text()
    section = text.split("\n## Environment variables\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", section, flags=re.MULTILINE))


def test_every_variable_the_settings_read_is_in_the_deploy_guide():
    read = variables_read_by_settings()
    # The scan itself works: multi-line calls and every env method are found.
    assert {"DATABASE_URL", "TASKS_BACKEND", "CACHE_URL", "SECRET_KEY", "BACKUP_DIR"} <= read
    missing = read - documented_variables()
    assert not missing, f"add to docs/deploy.md, 'Environment variables': {sorted(missing)}"


def test_the_deploy_guide_lists_no_variable_the_settings_do_not_read():
    stale = documented_variables() - variables_read_by_settings() - READ_OUTSIDE_SETTINGS
    assert not stale, f"docs/deploy.md documents variables nothing reads: {sorted(stale)}"


def _nginx_bytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def test_nginx_accepts_the_largest_upload_and_never_serves_private_documents():
    conf = (ROOT / "docs" / "deploy" / "nginx.conf").read_text()
    (limit,) = re.findall(r"^\s*client_max_body_size\s+(\S+);", conf, flags=re.MULTILINE)
    largest = max(
        BULK_IMPORT_MAX_BYTES,
        settings.VENDOR_DOCUMENT_MAX_BYTES,
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
    )
    assert _nginx_bytes(limit) > largest  # the file plus the multipart form around it
    for header in ("X-Forwarded-Proto", "X-Forwarded-For", "X-Request-ID"):
        assert f"proxy_set_header {header} " in conf
    served = re.findall(r"^\s*(?:alias|root)\s+(\S+);", conf, flags=re.MULTILINE)
    assert served == ["/var/lib/batang/media/"]
    assert not any("private" in folder for folder in served)


def test_production_answers_a_plain_http_healthz_probe_and_redirects_the_rest(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "LOG_FORMAT")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="penyedia.batangkab.go.id",
        VAR_DIR=str(tmp_path),  # an empty SQLite file: the probe answers "down", not a redirect
        LOG_FORMAT="text",
    )
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "c = Client(HTTP_HOST='penyedia.batangkab.go.id');"
        "print(c.get('/healthz').status_code, c.get('/cari/').status_code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["503", "301"]
