"""Conventions of the whole /api/v1/: the OpenAPI schema validates, one error shape, CORS
closed unless configured, anonymous throttling."""

import io

import pytest
import yaml
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.throttling import AnonRateThrottle

from tests.factories import VendorFactory

pytestmark = pytest.mark.django_db


def test_openapi_schema_validates_without_warnings():
    """The same check CI runs: manage.py spectacular --validate --fail-on-warn."""
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    paths = set(schema["paths"])
    assert {
        "/api/v1/vendors/",
        "/api/v1/vendors/{slug}/",
        "/api/v1/vendors/{slug}/products/",
        "/api/v1/products/",
        "/api/v1/products/{id}/",
        "/api/v1/categories/",
        "/api/v1/kecamatan/",
        "/api/v1/opd/",
        "/api/v1/vendors.csv",
        "/api/v1/products.csv",
    } <= paths
    assert all(p.startswith("/api/v1/") for p in paths)  # no Wagtail API
    params = {p["name"] for p in schema["paths"]["/api/v1/products/"]["get"]["parameters"]}
    assert {"q", "category", "kecamatan", "tkdn_min", "price_min", "price_max", "page",
            "page_size", "ordering", "has_inaproc_link", "updated_since"} <= params  # fmt: skip


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/vendors/" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
    redoc = client.get("/api/v1/redoc/")
    assert redoc.status_code == 200 and b"redoc" in redoc.content.lower()


def test_cors_is_closed_by_default(client):
    vendor = VendorFactory()
    for url in ("/api/v1/vendors/", f"/api/v1/vendors/{vendor.slug}/", "/api/v1/products/"):
        response = client.get(url, HTTP_ORIGIN="https://situs-lain.example")
        assert response.status_code == 200
        assert not [h for h in response.headers if h.lower().startswith("access-control-")]


def test_cors_allows_only_configured_origins(client, settings):
    settings.API_CORS_ALLOWED_ORIGINS = ["https://data.batangkab.go.id"]
    allowed = client.get("/api/v1/vendors/", HTTP_ORIGIN="https://data.batangkab.go.id")
    assert allowed["Access-Control-Allow-Origin"] == "https://data.batangkab.go.id"
    assert "Origin" in allowed["Vary"]
    other = client.get("/api/v1/vendors/", HTTP_ORIGIN="https://situs-lain.example")
    assert "Access-Control-Allow-Origin" not in other


def test_anonymous_clients_are_throttled_with_the_error_shape(client, monkeypatch):
    # Rates are read when the throttle class is imported; set a tiny one for this test.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    cache.clear()
    try:
        codes = [client.get("/api/v1/kecamatan/").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        body = client.get("/api/v1/kecamatan/").json()
        assert set(body) == {"detail", "errors"} and "Coba lagi" in body["detail"]
    finally:
        cache.clear()


def test_unknown_api_path_is_json_404_not_a_wagtail_page(client):
    response = client.get("/api/v1/vendors/tidak-ada/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"] == {}


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/api/v1/search/?page=0", 400, "page"),
        ("/api/v1/search/?sort=murah", 400, "sort"),
        ("/api/v1/products/?page=0", 400, "page"),
        ("/api/v1/vendors/?kecamatan=tidak-ada", 400, "kecamatan"),
        ("/api/v1/products/?price_min=murah", 400, "price_min"),
        ("/api/v1/kecamatan/?page=99", 404, "page"),
        ("/api/v1/products/999999/", 404, None),
    ],
)
def test_every_api_error_has_the_same_shape(client, url, status, field):
    """{"detail": "one sentence", "errors": {field: [messages]}} from every app's endpoints,
    the search API included."""
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    assert all(
        isinstance(messages, list) and all(isinstance(m, str) and m for m in messages)
        for messages in body["errors"].values()
    )
    if field:
        assert field in body["errors"]
        assert field in body["detail"] or status == 404
    else:
        assert body["errors"] == {}


def test_search_error_shape_is_documented_with_detail():
    out = io.StringIO()
    call_command("spectacular", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    bad = schema["paths"]["/api/v1/search/"]["get"]["responses"]["400"]
    ref = bad["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert {"detail", "errors"} <= set(schema["components"]["schemas"][ref]["properties"])


def test_unknown_api_paths_and_methods_answer_in_the_error_shape(client):
    for url in ("/api/v1/tidak-ada/", "/api/v1/vendors/x/y/z/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json"), url
        assert response.json() == {"detail": "Alamat API ini tidak ada.", "errors": {}}
    # APPEND_SLASH still takes a missing slash to the real endpoint.
    assert client.get("/api/v1/vendors").status_code == 301
    response = client.post("/api/v1/vendors/", {})
    assert response.status_code == 405
    assert response.json() == {
        "detail": "Metode POST tidak diizinkan di alamat ini.",
        "errors": {},
    }
