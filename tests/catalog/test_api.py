"""The public catalogue API: /api/v1/products/, /products/{id}/, /categories/ and
/products.csv. Only published products of verified vendors."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.filters import ProductFilterSet
from catalog.models import Category, Product
from catalog.serializers import CategorySerializer, ProductSerializer
from search.backends import get_backend
from tests.factories import ProductFactory, VendorFactory, kecamatan

pytestmark = pytest.mark.django_db

PRODUCT_FIELDS = {
    "id", "name", "slug", "kind", "kind_label", "category", "vendor", "description", "brand",
    "unit", "price", "price_valid_until", "min_order", "lead_time_days", "capacity",
    "tkdn_percent", "tkdn_bmp_percent", "tkdn_certificate_number", "is_pdn", "has_sni",
    "is_halal", "ekatalog_url", "toko_daring_url", "has_epurchasing_link", "images",
    "updated_at", "url",
}  # fmt: skip
VENDOR_REF_FIELDS = {"slug", "name", "kecamatan", "is_koperasi", "scale", "url"}
CATEGORY_FIELDS = {"slug", "name", "path", "depth", "parent", "keywords", "product_count", "url"}

# Product fields a buyer filters on, and the filter that does it (see the test below).
FILTERED = {
    "vendor": "vendor",
    "category": "category",
    "kind": "kind",
    "price": "price_min",
    "price_valid_until": "price_valid_on",
    "lead_time_days": "lead_time_max",
    "tkdn_percent": "tkdn_min",
    "tkdn_bmp_percent": "tkdn_bmp_min",
    "is_pdn": "pdn",
    "has_sni": "sni",
    "is_halal": "halal",
    "ekatalog_url": "has_inaproc_link",
    "toko_daring_url": "has_inaproc_link",
    "updated_at": "updated_since",
}
NOT_FILTERED = {
    "id": "the detail URL",
    "slug": "the page URL",
    "name": "free text: `q` searches it",
    "description": "free text: `q` searches it",
    "keywords": "free text: `q` searches it",
    "brand": "free text: `q` searches it",
    "unit": "free text (rim, porsi, orang/hari...)",
    "min_order": "shown on the product; not a buyer's filter",
    "capacity": "free text",
    "tkdn_certificate_number": "an identifier, shown not filtered",
    "status": "always published in public",
    "created_at": "updated_since covers changes",
}
# Vendor attributes buyers narrow products by.
VENDOR_FILTERS = {"kecamatan", "scale", "koperasi"}


@pytest.fixture
def api(client):
    def get(path, **params):
        return client.get(f"/api/v1/{path}", params)

    return get


def test_every_product_field_users_filter_on_has_a_filter():
    filters = ProductFilterSet.base_filters
    model_fields = {
        f.name for f in Product._meta.get_fields() if f.concrete and not f.auto_created
    } | {"id"}
    undecided = model_fields - set(FILTERED) - set(NOT_FILTERED)
    assert not undecided, f"decide whether these Product fields get a filter: {undecided}"
    for field, filter_name in FILTERED.items():
        assert filter_name in filters, f"{field} has no filter {filter_name}"
    assert VENDOR_FILTERS | {"q", "price_max", "ordering"} <= set(filters)


def test_serializers_expose_exactly_the_public_fields():
    assert set(ProductSerializer.Meta.fields) == PRODUCT_FIELDS
    assert set(CategorySerializer.Meta.fields) == CATEGORY_FIELDS


def test_list_shows_published_products_of_verified_vendors_only(api):
    shown = ProductFactory(name="Kertas HVS A4 70 gsm", price=52000, unit="rim")
    ProductFactory(name="Draf", status=Product.Status.DRAFT)
    ProductFactory(name="Diarsipkan", status=Product.Status.ARCHIVED)
    for status in ("draft", "submitted", "rejected", "suspended"):
        ProductFactory(name=f"Produk penyedia {status}", vendor=VendorFactory(status=status))
    data = api("products/").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert set(item) == PRODUCT_FIELDS
    assert set(item["vendor"]) == VENDOR_REF_FIELDS
    assert item["id"] == shown.pk and item["price"] == 52000 and item["unit"] == "rim"
    assert item["url"] == f"http://testserver/produk/{shown.pk}/{shown.slug}/"
    assert "npwp" not in str(item) and shown.vendor.npwp not in str(item)


def test_detail_of_hidden_products_is_404(api):
    draft = ProductFactory(status=Product.Status.DRAFT)
    of_unverified = ProductFactory(vendor=VendorFactory(status="submitted"))
    for product in (draft, of_unverified):
        response = api(f"products/{product.pk}/")
        assert response.status_code == 404
        assert set(response.json()) == {"detail", "errors"}
    assert api("products/999999/").status_code == 404


def test_detail_has_etag_and_last_modified(client):
    product = ProductFactory(tkdn_percent=42.5)
    url = f"/api/v1/products/{product.pk}/"
    first = client.get(url)
    assert first.status_code == 200
    assert first.json()["tkdn_percent"] == 42.5
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    Product.objects.filter(pk=product.pk).update(
        price=60000, updated_at=timezone.now() + timedelta(seconds=2)
    )
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed.json()["price"] == 60000


@pytest.fixture
def catalogue():
    subah = VendorFactory(name="Dapur Subah", kecamatan=kecamatan("Subah"), scale="mikro")
    koperasi = VendorFactory(
        name="Koperasi Limpung", kecamatan=kecamatan("Limpung"), is_koperasi=True,
        legal_form="koperasi", scale="kecil",
    )  # fmt: skip
    besar = VendorFactory(name="PT Batang Jaya", scale="menengah", legal_form="pt")
    cat = Category.objects.get
    ProductFactory(
        vendor=subah, name="Nasi Kotak Ayam", category=cat(slug="nasi-kotak"), price=25000,
        unit="porsi", kind="barang", is_halal=True, lead_time_days=1,
    )  # fmt: skip
    ProductFactory(
        vendor=koperasi, name="Kertas HVS A4", category=cat(slug="kertas"), price=52000,
        tkdn_percent=45, tkdn_bmp_percent=50, is_pdn=True, has_sni=True, lead_time_days=2,
        ekatalog_url="https://katalog.inaproc.id/p/1", price_valid_until=date(2026, 1, 31),
    )  # fmt: skip
    ProductFactory(
        vendor=besar, name="Laptop Kantor", category=cat(slug="laptop-komputer"),
        price=9_500_000, tkdn_percent=20, is_pdn=True, lead_time_days=7,
        toko_daring_url="https://www.tokopedia.com/x/laptop", kind="barang",
    )  # fmt: skip
    ProductFactory(
        vendor=besar, name="Servis AC Split", category=cat(slug="servis-ac"), price=150000,
        unit="unit", kind="jasa", lead_time_days=1,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "atk"}, {"Kertas HVS A4"}),  # the parent includes its descendants
        ({"category": ["nasi-kotak", "servis-ac"]}, {"Nasi Kotak Ayam", "Servis AC Split"}),
        ({"kecamatan": "subah"}, {"Nasi Kotak Ayam"}),
        ({"vendor": "pt-batang-jaya"}, {"Laptop Kantor", "Servis AC Split"}),
        ({"scale": ["mikro", "kecil"]}, {"Nasi Kotak Ayam", "Kertas HVS A4"}),
        ({"koperasi": "ya"}, {"Kertas HVS A4"}),
        ({"kind": "jasa"}, {"Servis AC Split"}),
        ({"pdn": "true"}, {"Kertas HVS A4", "Laptop Kantor"}),
        ({"sni": "1"}, {"Kertas HVS A4"}),
        ({"halal": "true"}, {"Nasi Kotak Ayam"}),
        ({"tkdn_min": "40"}, {"Kertas HVS A4"}),
        ({"tkdn_min": "10"}, {"Kertas HVS A4", "Laptop Kantor"}),
        ({"tkdn_bmp_min": "40"}, {"Kertas HVS A4"}),
        ({"price_min": "50000", "price_max": "200000"}, {"Kertas HVS A4", "Servis AC Split"}),
        ({"lead_time_max": "1"}, {"Nasi Kotak Ayam", "Servis AC Split"}),
        ({"has_inaproc_link": "true"}, {"Kertas HVS A4", "Laptop Kantor"}),
        ({"has_inaproc_link": "false"}, {"Nasi Kotak Ayam", "Servis AC Split"}),
        (
            {"price_valid_on": "2026-03-01"},
            {"Nasi Kotak Ayam", "Laptop Kantor", "Servis AC Split"},
        ),
    ],
)
def test_product_filters(api, catalogue, params, expected):
    response = api("products/", **params)
    assert response.status_code == 200, response.json()
    assert {p["name"] for p in response.json()["results"]} == expected


def test_updated_since(api):
    old = ProductFactory(name="Lama")
    ProductFactory(name="Baru")
    Product.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=10))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert [p["name"] for p in api("products/", updated_since=since).json()["results"]] == ["Baru"]


@pytest.mark.parametrize(
    ("ordering", "first"),
    [("price", "Nasi Kotak Ayam"), ("-price", "Laptop Kantor"), ("-tkdn", "Kertas HVS A4")],
)
def test_ordering(api, catalogue, ordering, first):
    assert api("products/", ordering=ordering).json()["results"][0]["name"] == first


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"price_min": "murah"}, "price_min"),
        ({"price_max": "-5"}, "price_max"),
        ({"tkdn_min": "150"}, "tkdn_min"),
        ({"category": "tidak-ada"}, "category"),
        ({"kecamatan": "bandung"}, "kecamatan"),
        ({"kind": "sewa"}, "kind"),
        ({"pdn": "barangkali"}, "pdn"),
        ({"updated_since": "31-02-2026"}, "updated_since"),
        ({"ordering": "status"}, "ordering"),
        ({"page": "0"}, "page"),
    ],
)
def test_bad_input_is_400_naming_the_field(api, params, field):
    ProductFactory()
    response = api("products/", **params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail", "errors"} and field in body["errors"]


def test_q_delegates_to_the_search_service_and_keeps_its_order(api, catalogue):
    get_backend().rebuild()
    data = api("products/", q="nasi kotak").json()
    assert [p["name"] for p in data["results"]][:1] == ["Nasi Kotak Ayam"]
    # Synonyms and abbreviations come from the search service, not from an icontains scan.
    assert "Kertas HVS A4" in {p["name"] for p in api("products/", q="hvs").json()["results"]}
    # q combines with the other filters.
    assert api("products/", q="nasi kotak", kecamatan="limpung").json()["count"] == 0
    assert api("products/", q="zzzzqqq").json()["count"] == 0


def test_product_list_has_no_n_plus_one(client):
    def make(k):
        for _ in range(k):
            ProductFactory(vendor=VendorFactory(kecamatan=kecamatan("Subah")))

    make(5)
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/products/")
    make(45)
    with CaptureQueriesContext(connection) as large:
        response = client.get("/api/v1/products/", {"page_size": 100})
    assert len(response.json()["results"]) == 50
    assert len(large) == len(small) <= 3, [q["sql"] for q in large.captured_queries]


def test_categories_tree_with_counts(api, django_assert_max_num_queries):
    ProductFactory(category=Category.objects.get(slug="kertas"))
    ProductFactory(category=Category.objects.get(slug="alat-tulis"))
    ProductFactory(category=Category.objects.get(slug="atk"))
    ProductFactory(category=Category.objects.get(slug="kertas"), status="draft")
    with django_assert_max_num_queries(5):
        data = api("categories/", page_size=100).json()
    assert data["count"] == Category.objects.count()
    by_slug = {c["slug"]: c for c in data["results"]}
    assert set(by_slug["atk"]) == CATEGORY_FIELDS
    assert by_slug["atk"]["product_count"] == 3 and by_slug["atk"]["parent"] is None
    assert by_slug["kertas"]["product_count"] == 1 and by_slug["kertas"]["parent"] == "atk"
    paths = [c["path"] for c in data["results"]]
    assert paths == sorted(paths)  # tree (pre-order) order
    children = api("categories/", parent="atk").json()["results"]
    assert {c["slug"] for c in children} == {"kertas", "alat-tulis", "map-dan-arsip", "tinta-toner"}
    roots = api("categories/", depth=1).json()["results"]
    assert all(c["parent"] is None for c in roots)


def test_products_csv(client, catalogue):
    ProductFactory(name="Draf Rahasia", status="draft")
    response = client.get("/api/v1/products.csv", {"category": "atk"})
    assert response.status_code == 200 and response.streaming
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == ["Kertas HVS A4"]
    row = rows[0]
    assert row["price"] == "52000" and row["vendor_name"] == "Koperasi Limpung"
    assert row["category"] == "atk/kertas/" and row["kecamatan"] == "Limpung"
    everything = b"".join(client.get("/api/v1/products.csv").streaming_content).decode()
    assert "Draf Rahasia" not in everything
    assert "status" not in everything.splitlines()[0]


def test_detail_query_count(client, django_assert_max_num_queries):
    product = ProductFactory()
    with django_assert_max_num_queries(3):
        assert client.get(f"/api/v1/products/{product.pk}/").status_code == 200


def test_product_list_with_photos_has_no_n_plus_one(client):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from catalog.models import ProductImage

    image = get_image_model().objects.create(title="foto", file=get_test_image_file())

    def make(k):
        for _ in range(k):
            ProductImage.objects.create(product=ProductFactory(), image=image, alt_text="")

    make(5)
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/products/")
    make(45)
    with CaptureQueriesContext(connection) as large:
        response = client.get("/api/v1/products/", {"page_size": 100})
    results = response.json()["results"]
    assert len(results) == 50 and all(p["images"][0]["alt"] == "foto" for p in results)
    assert len(large) == len(small) <= 4, [q["sql"] for q in large.captured_queries]
