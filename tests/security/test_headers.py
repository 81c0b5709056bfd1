"""Security headers on real responses, with the values config/settings/production.py sets.

The production module is imported with the environment it needs, and its security settings
are copied onto the test settings; every request then goes through the real middleware stack.
`check --deploy` with those settings is run too (the same command .ci/run runs).
"""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
HOST = "penyedia.batangkab.go.id"
SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "CSP_RELAXED_PATH_PREFIXES",
    "CSP_RELAXED_DIRECTIVES",
]


@pytest.fixture(scope="module")
def production():
    """The production settings module, imported with the environment it insists on."""
    saved = dict(os.environ)
    os.environ.update({"SECRET_KEY": "k3y-" + "abcdefghij" * 6, "ALLOWED_HOSTS": HOST})
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        os.environ.pop(name, None)
    try:
        sys.modules.pop("config.settings.production", None)
        module = importlib.import_module("config.settings.production")
    finally:
        os.environ.clear()
        os.environ.update(saved)
        sys.modules.pop("config.settings.production", None)
    return module


@pytest.fixture
def prod_settings(settings, production):
    for name in SECURITY_SETTINGS:
        setattr(settings, name, getattr(production, name))
    settings.ALLOWED_HOSTS = [HOST, "testserver"]
    return settings


def https_get(client, path, **extra):
    return client.get(path, secure=True, headers={"host": HOST}, **extra)


def test_production_values_are_the_hardened_ones(production):
    assert production.DEBUG is False
    assert production.SECURE_SSL_REDIRECT is True
    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.X_FRAME_OPTIONS == "DENY"
    assert production.SECURE_REFERRER_POLICY == "same-origin"
    directives = production.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_check_deploy_is_clean_with_production_settings():
    dropped = ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="ci-not-a-real-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS=HOST,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, prod_settings):
    response = client.get("/penyedia/", headers={"host": HOST})
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/penyedia/"


@pytest.mark.django_db
def test_behind_the_proxy_x_forwarded_proto_https_is_not_redirected(client, prod_settings):
    response = client.get("/penyedia/", headers={"host": HOST, "x-forwarded-proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/penyedia/", "/cari/?q=batik", "/akun/login/", "/api/v1/"])
def test_security_headers_on_public_responses(client, prod_settings, path):
    response = https_get(client, path)
    assert response.status_code in (200, 404), path
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert_strict_csp(response["Content-Security-Policy"])


def parse_csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict_csp(header):
    csp = parse_csp(header)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header


@pytest.mark.django_db
def test_csp_header_in_test_settings_too(client):
    """Enforced (not report-only) in every environment, so the browser tests see it."""
    response = client.get("/penyedia/")
    assert_strict_csp(response["Content-Security-Policy"])
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.django_db
def test_buyer_and_vendor_pages_get_the_strict_policy(client):
    user = UserFactory()
    client.force_login(user)
    for path in ["/usaha/", "/belanja/masuk/"]:
        response = client.get(path)
        assert_strict_csp(response["Content-Security-Policy"])


@pytest.mark.django_db
def test_only_the_wagtail_admin_gets_the_relaxed_policy(client):
    staff = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = parse_csp(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]
    # The rest stays strict.
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    # A look-alike path outside the admin is not relaxed.
    assert_strict_csp(client.get("/adminx/")["Content-Security-Policy"])


@pytest.mark.django_db
def test_login_cookies_are_secure_and_httponly(client, prod_settings):
    UserFactory(username="petugas", email="petugas@contoh.id")
    page = https_get(client, "/admin/login/")
    assert page.cookies["csrftoken"]["secure"] is True
    response = client.post(
        "/admin/login/",
        {"username": "petugas", "password": "kata-sandi-uji-123"},
        secure=True,
        headers={"host": HOST, "referer": f"https://{HOST}/admin/login/"},
    )
    assert response.status_code == 302, response.content[:500]
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert response.cookies["csrftoken"]["secure"] is True


@pytest.mark.django_db
def test_wagtail_preview_of_a_page_may_be_framed_by_the_admin_only(client):
    from wagtail.models import Page

    staff = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(staff)
    home = Page.objects.filter(depth=2).first().specific
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[home.pk]))
    assert response.status_code == 200
    csp = parse_csp(response["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    # The preview renders the public template, so it keeps the strict script policy.
    assert csp["script-src"] == ["'self'"]
