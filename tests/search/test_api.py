"""The HTTP side: /api/v1/search/, suggest, the /cari/ page, hydration cost, the schema."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import selectors
from search.api import search_payload
from search.query import SearchQuery
from search.service import search


@pytest.fixture
def stocked(catalogue):
    vendor = catalogue.vendor(name="CV Kertas Jaya", kecamatan="Subah")
    other = catalogue.vendor(name="UD Alat Tulis", kecamatan="Batang")
    products = [
        catalogue.product(f"Kertas HVS A4 nomor {i}", "kertas", vendor=vendor, price=50_000 + i)
        for i in range(30)
    ] + [
        catalogue.product(f"Pulpen <b>tebal</b> {i}", "alat-tulis", vendor=other, price=3_000 + i)
        for i in range(30)
    ]
    catalogue.index()
    return products


def test_search_returns_hydrated_results_and_facets(client, stocked):
    response = client.get("/api/v1/search/", {"q": "kertas", "kecamatan": "subah"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 30
    assert data["page"] == 1 and data["page_size"] == 20 and len(data["results"]) == 20
    assert data["backend"].startswith("database")
    first = data["results"][0]
    assert first["vendor"] == {"name": "CV Kertas Jaya", "slug": first["vendor"]["slug"],
                               "kecamatan": "Subah"}  # fmt: skip
    assert first["category"]["slug"] == "kertas"
    assert "<mark>Kertas</mark>" in first["name_highlight"]
    kecamatan = {v["value"]: v for v in data["facets"]["kecamatan"]}
    assert kecamatan["subah"]["count"] == 30 and kecamatan["subah"]["selected"] is True
    assert kecamatan["subah"]["label"] == "Subah"
    assert {"total", "results", "facets", "backend", "took_ms", "did_you_mean",
            "related_categories", "no_good_match"} <= data.keys()  # fmt: skip


def test_user_text_in_product_names_is_escaped_in_highlights(client, stocked):
    data = client.get("/api/v1/search/", {"q": "pulpen"}).json()
    assert "&lt;b&gt;" in data["results"][0]["name_highlight"]
    assert "<b>" not in data["results"][0]["name_highlight"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"page": "0"}, "page"),
        ({"page_size": "100000"}, "page_size"),
        ({"page": "1.5"}, "page"),
        ({"sort": "murah"}, "sort"),
        ({"warna": "merah"}, "warna"),
        ({"tkdn": "banyak"}, "tkdn"),
        ({"facets": "warna"}, "facets"),
        ({"page": "9999"}, "page"),
    ],
)
def test_malformed_input_is_a_400_naming_the_field(client, db, params, field):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.parametrize(
    "text", ['"kertas', "kertas*", "a:b", "((kertas", "kertas\x00hvs", "x" * 10_000, "'--"]
)
def test_odd_text_is_plain_text_never_a_500(client, stocked, text):
    response = client.get("/api/v1/search/", {"q": text})
    assert response.status_code == 200


def test_suggest_returns_at_most_eight_completions(client, stocked):
    data = client.get("/api/v1/search/suggest/", {"q": "ker"}).json()
    assert "kertas" in data["suggestions"]
    assert len(data["suggestions"]) <= 8
    assert client.get("/api/v1/search/suggest/").json()["suggestions"] == []


def test_hydration_takes_one_query_whatever_the_page_size(stocked, django_assert_num_queries):
    small = search(SearchQuery.from_params({"page_size": "10"}))
    large = search(SearchQuery.from_params({"page_size": "50"}))
    assert len(small.hits) == 10 and len(large.hits) == 50
    with django_assert_num_queries(1):
        rows = selectors.hydrate(small)
    assert len(rows) == 10
    with django_assert_num_queries(1):
        rows = selectors.hydrate(large)
    assert len(rows) == 50


def test_whole_request_statement_count_does_not_grow_with_page_size(stocked):
    search_payload(SearchQuery.from_params({"q": "pulpen"}))  # warm the synonym cache
    counts = []
    for size in ("10", "50"):
        with CaptureQueriesContext(connection) as ctx:
            search_payload(SearchQuery.from_params({"q": "kertas", "page_size": size}))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    # vocabulary, facets+total, hits, hydration (+ BEGIN, SET LOCAL, COMMIT on PostgreSQL)
    assert counts[0] <= 7


def test_schema_documents_the_search_endpoints():
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    patterns = [path("api/v1/", include("search.urls"))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    search_op = schema["paths"]["/api/v1/search/"]["get"]
    assert {"200", "400"} <= set(search_op["responses"])
    assert {"q", "kecamatan", "category", "page_size"} <= {
        p["name"] for p in search_op["parameters"]
    }
    assert "/api/v1/search/suggest/" in schema["paths"]


def test_search_page_renders_results_facets_and_keeps_filters(client, stocked):
    response = client.get("/cari/", {"q": "kertas", "kecamatan": "subah", "page": "2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert '<ol class="result-list" start="21">' in html
    assert "<mark>Kertas</mark>" in html
    assert 'name="kecamatan" value="subah" id="f-kecamatan-subah" checked' in html
    assert "30 hasil" in html
    # Pagination links keep the text and the filters.
    assert "?q=kertas&amp;kecamatan=subah" in html


def test_search_page_escapes_the_query_and_reports_bad_input(client, stocked):
    response = client.get("/cari/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    bad = client.get("/cari/", {"page": "0"})
    assert bad.status_code == 400
    assert "Halaman harus bilangan bulat" in bad.content.decode()


def test_search_page_says_when_nothing_matches(client, stocked):
    html = client.get("/cari/", {"q": "kertas origami"}).content.decode()
    assert "Tidak ada produk atau jasa yang cocok" in html
    assert "?category=kertas" in html
