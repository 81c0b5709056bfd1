"""Structured logs: one JSON line per request with the request id of the response header."""

import io
import json
import logging
import logging.config
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.components.logging import logging_config
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def configure(log_format: str) -> io.StringIO:
    """The real LOGGING for log_format, with the console handler writing into a buffer."""
    logging.config.dictConfig(logging_config(log_format, "INFO"))
    buffer = io.StringIO()
    (handler,) = logging.getLogger().handlers
    handler.setStream(buffer)
    return buffer


@pytest.fixture
def json_log(settings):
    buffer = configure("json")
    yield buffer
    logging.config.dictConfig(settings.LOGGING)


def request_lines(buffer: io.StringIO) -> list[dict]:
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    return [line for line in lines if line["logger"] == "batang.request"]


def test_a_request_writes_one_json_line_with_the_response_request_id(client, db, json_log):
    user = UserFactory(username="siti", email="siti@contoh.id")
    client.force_login(user)
    response = client.get("/cari/", {"q": "kertas"})
    assert response.status_code == 200

    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    (line,) = request_lines(json_log)
    assert line["request_id"] == request_id
    assert line["method"] == "GET"
    assert line["path"] == "/cari/"  # no query string
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["user_id"] == user.pk
    assert line["level"] == "INFO" and line["time"]
    assert "siti" not in json_log.getvalue()  # neither username nor email is logged


def test_anonymous_request_and_error_status(client, db, json_log):
    response = client.get("/penyedia/tidak-ada-penyedia-ini/")
    assert response.status_code == 404
    line = next(line for line in request_lines(json_log) if line["status"] == 404)
    assert line["user_id"] is None
    # Other loggers' lines in the same request carry the same id (django.request's "Not Found").
    ids = {json.loads(x)["request_id"] for x in json_log.getvalue().splitlines()}
    assert ids == {response["X-Request-ID"]}


def test_an_incoming_request_id_is_honoured(client, db, json_log):
    incoming = uuid.uuid4().hex
    response = client.get("/cari/", headers={"X-Request-ID": incoming})
    assert response["X-Request-ID"] == incoming
    assert request_lines(json_log)[0]["request_id"] == incoming


@pytest.mark.parametrize(
    "garbage", ["abc", "'; DROP TABLE x; --", "1" * 200, "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"]
)
def test_a_garbage_request_id_is_replaced(client, db, json_log, garbage):
    response = client.get("/cari/", headers={"X-Request-ID": garbage})
    replaced = response["X-Request-ID"]
    assert replaced != garbage and re.fullmatch(r"[0-9a-f]{32}", replaced)
    assert request_lines(json_log)[0]["request_id"] == replaced
    assert garbage not in [line["request_id"] for line in request_lines(json_log)]


def test_redaction_still_applies_but_not_to_the_request_id(client, db, json_log):
    """An NPWP in the path is redacted; a request id made only of digits is not."""
    digits_id = "12345678123412341234123456789012"
    response = client.get("/penyedia/012345678912000/", headers={"X-Request-ID": digits_id})
    assert response["X-Request-ID"] == digits_id
    line = next(line for line in request_lines(json_log))
    assert line["path"] == "/penyedia/[disamarkan]/"
    assert line["request_id"] == digits_id
    assert "012345678912000" not in json_log.getvalue()


def test_healthz_probes_are_quiet_unless_failing(client, db, json_log):
    assert client.get("/healthz").status_code == 200
    assert request_lines(json_log) == []


def test_text_format_carries_the_request_id(client, db, settings):
    buffer = configure("text")
    try:
        response = client.get("/cari/")
    finally:
        logging.config.dictConfig(settings.LOGGING)
    (line,) = [x for x in buffer.getvalue().splitlines() if "batang.request" in x]
    assert f"[{response['X-Request-ID']}] GET /cari/ 200 " in line


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT harus salah satu dari text, json"):
        logging_config("xml")


def _production_log_line(extra_env: dict) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LOG_FORMAT", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="penyedia.batangkab.go.id",
        **extra_env,
    )
    code = "import django, logging; django.setup(); logging.getLogger('uji').warning('halo')"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_production_logs_json_by_default_and_text_on_request():
    line = json.loads(_production_log_line({}))
    assert line["message"] == "halo" and line["level"] == "WARNING" and line["logger"] == "uji"
    assert "request_id" in line
    assert _production_log_line({"LOG_FORMAT": "text"}).endswith("WARNING uji [None] halo")
