"""The public vendor API: /api/v1/vendors/, /vendors/{slug}/, /vendors/{slug}/products/,
/kecamatan/, /opd/ and /vendors.csv. Only verified vendors, only public fields."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import Category, Product
from procurement.models import OPD
from search.backends import get_backend
from tests.factories import (
    OPDFactory,
    ProductFactory,
    VendorDocumentFactory,
    VendorFactory,
    kecamatan,
)
from vendors.filters import VendorFilterSet
from vendors.models import Vendor
from vendors.serializers import VendorDetailSerializer, VendorSerializer

pytestmark = pytest.mark.django_db

VENDOR_FIELDS = {
    "slug", "name", "legal_form", "legal_form_label", "scale", "scale_label", "is_umk",
    "is_koperasi", "kbli_codes", "kecamatan", "desa", "description", "website", "phone",
    "whatsapp", "email", "inaproc_url", "toko_daring_url", "has_inaproc_link", "verified_at",
    "updated_at", "product_count", "url", "products_url",
}  # fmt: skip

# Vendor fields a buyer filters on, and the filter that does it. The test below fails when a
# model field is in neither this map nor NOT_FILTERED, so a new field forces a decision.
FILTERED = {
    "name": "letter",
    "legal_form": "legal_form",
    "kbli_codes": "kbli",
    "scale": "scale",
    "is_koperasi": "koperasi",
    "pkp_status": "pkp",
    "kecamatan": "kecamatan",
    "inaproc_url": "has_inaproc_link",
    "toko_daring_url": "has_inaproc_link",
    "verified_at": "verified_since",
    "updated_at": "updated_since",
}
NOT_FILTERED = {
    "id": "internal key; the API addresses vendors by slug",
    "slug": "the detail URL",
    "nib": "not public",
    "npwp": "private",
    "address": "not public (kecamatan is the public location)",
    "desa": "the directory works per kecamatan; desa is shown, not filtered",
    "phone": "private unless shown; never a filter",
    "phone_public": "privacy flag",
    "whatsapp": "private unless shown; never a filter",
    "whatsapp_public": "privacy flag",
    "email": "private unless shown; never a filter",
    "email_public": "privacy flag",
    "website": "free text",
    "description": "free text: `q` searches it",
    "status": "always verified in public",
    "status_reason": "internal",
    "submitted_at": "internal",
    "verified_by": "internal",
    "created_at": "updated_since covers changes",
}


@pytest.fixture
def api(client):
    def get(path, **params):
        return client.get(f"/api/v1/{path}", params)

    return get


def test_every_vendor_field_users_filter_on_has_a_filter():
    filters = VendorFilterSet.base_filters
    model_fields = {
        f.name for f in Vendor._meta.get_fields() if f.concrete and not f.auto_created
    } | {"id"}
    undecided = model_fields - set(FILTERED) - set(NOT_FILTERED)
    assert not undecided, f"decide whether these Vendor fields get a filter: {undecided}"
    for field, filter_name in FILTERED.items():
        assert filter_name in filters, f"{field} has no filter {filter_name}"
    for name in ("q", "category", "pdn", "tkdn_min", "umk", "ordering"):
        assert name in filters


def test_serializers_expose_exactly_the_public_fields():
    assert set(VendorSerializer.Meta.fields) == VENDOR_FIELDS
    assert set(VendorDetailSerializer.Meta.fields) == VENDOR_FIELDS | {"categories"}


def test_list_shows_verified_vendors_only_with_exact_fields(api):
    shown = VendorFactory(name="Toko Sinar Batang")
    for status in ("draft", "submitted", "rejected", "suspended"):
        VendorFactory(name=f"Usaha {status}", status=status)
    response = api("vendors/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["results"][0]
    assert set(item) == VENDOR_FIELDS
    assert item["slug"] == shown.slug
    assert item["kecamatan"] == {"slug": "batang", "name": "Batang"}
    assert item["url"] == f"http://testserver/penyedia/{shown.slug}/"


def test_private_data_never_leaves(api):
    vendor = VendorFactory(
        phone="+6281200001111",
        phone_public=False,
        whatsapp="+6281200002222",
        whatsapp_public=False,
        email="rahasia@contoh.id",
        email_public=False,
        address="Jl. Rahasia No. 9",
    )
    VendorDocumentFactory(vendor=vendor, number="DOC-RAHASIA")
    bodies = [
        api("vendors/").content.decode(),
        api(f"vendors/{vendor.slug}/").content.decode(),
        b"".join(api("vendors.csv").streaming_content).decode(),
    ]
    for body in bodies:
        for secret in (vendor.npwp, vendor.nib, "+6281200001111", "+6281200002222",
                       "rahasia@contoh.id", "Jl. Rahasia", "DOC-RAHASIA"):  # fmt: skip
            assert secret not in body
    detail = api(f"vendors/{vendor.slug}/").json()
    assert detail["phone"] is None and detail["whatsapp"] is None and detail["email"] is None


def test_contacts_the_vendor_made_public_are_shown(api):
    vendor = VendorFactory(
        phone="+6281200001111",
        phone_public=True,
        whatsapp="+6281200002222",
        whatsapp_public=True,
        email="halo@contoh.id",
        email_public=True,
    )
    detail = api(f"vendors/{vendor.slug}/").json()
    assert detail["phone"] == "+6281200001111"
    assert detail["whatsapp"] == "+6281200002222"
    assert detail["email"] == "halo@contoh.id"


def test_detail_of_unverified_vendor_is_404_in_the_error_shape(api):
    vendor = VendorFactory(status=Vendor.Status.SUSPENDED)
    response = api(f"vendors/{vendor.slug}/")
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "errors"}
    assert api("vendors/tidak-ada/").status_code == 404


def test_detail_lists_categories_served_from_published_products(api):
    vendor = VendorFactory()
    kertas = Category.objects.get(slug="kertas")
    ProductFactory(vendor=vendor, category=kertas)
    ProductFactory(vendor=vendor, category=kertas)
    ProductFactory(vendor=vendor, category=Category.objects.get(slug="alat-tulis"), status="draft")
    detail = api(f"vendors/{vendor.slug}/").json()
    assert [c["slug"] for c in detail["categories"]] == ["kertas"]
    assert detail["product_count"] == 2


def test_detail_has_etag_and_last_modified_and_answers_304(client):
    vendor = VendorFactory()
    url = f"/api/v1/vendors/{vendor.slug}/"
    first = client.get(url)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag and last_modified
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    # A new product changes what the profile shows: the old ETag no longer matches.
    product = ProductFactory(vendor=vendor)
    Product.objects.filter(pk=product.pk).update(updated_at=timezone.now() + timedelta(seconds=2))
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kecamatan": "subah"}, {"Subah Catering"}),
        ({"kecamatan": ["subah", "limpung"]}, {"Subah Catering", "Limpung Koperasi"}),
        ({"scale": "menengah"}, {"Batang Printing"}),
        ({"umk": "true"}, {"Subah Catering", "Limpung Koperasi"}),
        ({"koperasi": "true"}, {"Limpung Koperasi"}),
        ({"koperasi": "false"}, {"Subah Catering", "Batang Printing"}),
        ({"legal_form": "cv"}, {"Batang Printing"}),
        ({"pkp": "pkp"}, {"Batang Printing"}),
        ({"kbli": "56210"}, {"Subah Catering"}),
        ({"has_inaproc_link": "true"}, {"Batang Printing"}),
        ({"has_inaproc_link": "0"}, {"Subah Catering", "Limpung Koperasi"}),
        ({"category": "atk"}, {"Batang Printing"}),  # via a product in atk > kertas
        ({"category": "makanan-minuman"}, {"Subah Catering"}),
        ({"pdn": "true"}, {"Limpung Koperasi"}),
        ({"tkdn_min": "40"}, {"Limpung Koperasi"}),
        ({"letter": "S"}, {"Subah Catering"}),
        ({"letter": "#"}, set()),
    ],
)
def test_vendor_filters(api, params, expected):
    subah = VendorFactory(name="Subah Catering", kecamatan=kecamatan("Subah"), kbli_codes=["56210"])
    printing = VendorFactory(
        name="Batang Printing",
        legal_form="cv",
        scale="menengah",
        pkp_status="pkp",
        inaproc_url="https://katalog.inaproc.id/batang-printing",
    )
    koperasi = VendorFactory(
        name="Limpung Koperasi", legal_form="koperasi", is_koperasi=True,
        kecamatan=kecamatan("Limpung"), scale="kecil",
    )  # fmt: skip
    ProductFactory(vendor=subah, category=Category.objects.get(slug="nasi-kotak"))
    ProductFactory(vendor=printing, category=Category.objects.get(slug="kertas"))
    ProductFactory(vendor=koperasi, is_pdn=True, tkdn_percent=45)
    # A draft product must not make its vendor match product-based filters.
    ProductFactory(vendor=subah, is_pdn=True, tkdn_percent=80, status="draft")
    response = api("vendors/", **params)
    assert response.status_code == 200, response.json()
    assert {v["name"] for v in response.json()["results"]} == expected


def test_updated_since_filter(api):
    old = VendorFactory(name="Lama")
    VendorFactory(name="Baru")
    Vendor.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=30))
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    names = {v["name"] for v in api("vendors/", updated_since=since).json()["results"]}
    assert names == {"Baru"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kecamatan": "jakarta"}, "kecamatan"),
        ({"scale": "raksasa"}, "scale"),
        ({"koperasi": "mungkin"}, "koperasi"),
        ({"kbli": "12"}, "kbli"),
        ({"updated_since": "kemarin"}, "updated_since"),
        ({"tkdn_min": "abc"}, "tkdn_min"),
        ({"ordering": "npwp"}, "ordering"),
        ({"category": "tidak-ada"}, "category"),
        ({"page": "abc"}, "page"),
        ({"page_size": "-1"}, "page_size"),
    ],
)
def test_bad_filter_values_are_400_naming_the_field(api, params, field):
    VendorFactory()
    response = api("vendors/", **params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert field in body["errors"]
    assert body["errors"][field] and all(isinstance(m, str) for m in body["errors"][field])


def test_ordering(api):
    for name in ("Citra", "Abadi", "Bintang"):
        VendorFactory(name=name)
    names = [v["name"] for v in api("vendors/", ordering="-name").json()["results"]]
    assert names == ["Citra", "Bintang", "Abadi"]


def test_pagination_is_bounded(api):
    VendorFactory.create_batch(3)
    data = api("vendors/", page_size=2).json()
    assert data["count"] == 3 and len(data["results"]) == 2 and data["next"]
    assert len(api("vendors/", page_size=1000).json()["results"]) == 3  # capped, not refused
    past = api("vendors/", page=9)
    assert past.status_code == 404 and "page" in past.json()["errors"]


def test_page_size_is_capped_at_100(api):
    VendorFactory.create_batch(101)
    data = api("vendors/", page_size=500).json()
    assert len(data["results"]) == 100 and data["count"] == 101


def _assert_constant_queries(client, url, make, per=50):
    make(5)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    make(per - 5)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url, {"page_size": 100})
        assert response.status_code == 200
    assert len(response.json()["results"]) >= per
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    return len(large)


def test_vendor_list_has_no_n_plus_one(client):
    n = _assert_constant_queries(
        client, "/api/v1/vendors/", lambda k: VendorFactory.create_batch(k)
    )
    assert n <= 3


def test_vendor_products_subresource(api, django_assert_max_num_queries):
    vendor = VendorFactory()
    other = VendorFactory()
    shown = ProductFactory(vendor=vendor, name="Kertas HVS A4", price=52000)
    ProductFactory(vendor=vendor, name="Draf", status="draft")
    ProductFactory(vendor=vendor, name="Arsip", status="archived")
    ProductFactory(vendor=other, name="Punya penyedia lain")
    ProductFactory.create_batch(50, vendor=vendor, price=10)
    data = api(f"vendors/{vendor.slug}/products/", page_size=100).json()
    names = {p["name"] for p in data["results"]}
    assert data["count"] == 51
    assert shown.name in names and not names & {"Draf", "Arsip", "Punya penyedia lain"}
    cheap = api(f"vendors/{vendor.slug}/products/", price_min=50000).json()
    assert [p["name"] for p in cheap["results"]] == ["Kertas HVS A4"]
    with django_assert_max_num_queries(5):
        api(f"vendors/{vendor.slug}/products/", page_size=100)
    hidden = VendorFactory(status="draft")
    assert api(f"vendors/{hidden.slug}/products/").status_code == 404


def test_q_uses_the_catalogue_search(api):
    caterer = VendorFactory(name="Dapur Bu Sri", kecamatan=kecamatan("Subah"))
    printer = VendorFactory(name="Cahaya Printing")
    ProductFactory(
        vendor=caterer, name="Nasi Kotak Ayam Bakar", description="Untuk rapat dinas.",
        category=Category.objects.get(slug="nasi-kotak"),
    )  # fmt: skip
    ProductFactory(vendor=printer, name="Cetak Spanduk Flexi", description="Banner MMT.")
    get_backend().rebuild()
    names = [v["name"] for v in api("vendors/", q="nasi kotak").json()["results"]]
    assert names == ["Dapur Bu Sri"]
    assert api("vendors/", q="spanduk", kecamatan="subah").json()["count"] == 0


def test_kecamatan_list_with_vendor_counts(api, django_assert_max_num_queries):
    VendorFactory.create_batch(2, kecamatan=kecamatan("Subah"))
    VendorFactory(kecamatan=kecamatan("Subah"), status="draft")
    with django_assert_max_num_queries(3):
        data = api("kecamatan/").json()
    assert data["count"] == 15
    subah = next(k for k in data["results"] if k["slug"] == "subah")
    assert set(subah) == {"slug", "name", "code", "desa_count", "vendor_count", "url"}
    assert subah["vendor_count"] == 2
    with_vendors = api("kecamatan/", has_vendors="true").json()["results"]
    assert [k["slug"] for k in with_vendors] == ["subah"]
    ranked = api("kecamatan/", ordering="-vendor_count").json()["results"]
    assert ranked[0]["slug"] == "subah"


def test_opd_list_names_only(api):
    OPDFactory(name="Dinas Kesehatan", short_name="Dinkes", slug="dinkes", kind="dinas")
    OPDFactory(
        name="Kecamatan Subah", short_name="Kec. Subah", slug="kec-subah",
        kind=OPD.Kind.KECAMATAN, kecamatan=kecamatan("Subah"),
    )  # fmt: skip
    data = api("opd/").json()
    assert {o["slug"] for o in data["results"]} >= {"dinkes", "kec-subah"}
    assert set(data["results"][0]) == {"slug", "name", "short_name", "kind", "kind_label"}
    only_kec = api("opd/", kecamatan="subah").json()["results"]
    assert [o["slug"] for o in only_kec] == ["kec-subah"]
    assert api("opd/", kind="bukan").status_code == 400


def test_opd_list_query_count_is_constant(client):
    OPDFactory.create_batch(5)
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/opd/")
    OPDFactory.create_batch(45)
    with CaptureQueriesContext(connection) as large:
        response = client.get("/api/v1/opd/", {"page_size": 100})
    assert response.json()["count"] >= 50
    assert len(large) == len(small) <= 2


def test_vendors_csv_streams_public_fields_with_bom(client):
    VendorFactory(name='Toko, "Koma" Batang', phone_public=True)
    VendorFactory(name='=HYPERLINK("http://jahat")')
    VendorFactory(name="Belum Diverifikasi", status="submitted")
    response = client.get("/api/v1/vendors.csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    names = {r["name"] for r in rows}
    assert 'Toko, "Koma" Batang' in names
    assert '\'=HYPERLINK("http://jahat")' in names  # not a live formula in Excel
    assert "Belum Diverifikasi" not in names
    assert "npwp" not in rows[0] and "nib" not in rows[0]
    koma = next(r for r in rows if r["name"].startswith("Toko"))
    assert koma["phone"] == "+6281234567890"  # a phone number is not mangled


def test_vendors_csv_accepts_the_list_filters(client):
    VendorFactory(name="Subah Catering", kecamatan=kecamatan("Subah"))
    VendorFactory(name="Batang Printing")
    raw = b"".join(client.get("/api/v1/vendors.csv", {"kecamatan": "subah"}).streaming_content)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == ["Subah Catering"]
    bad = client.get("/api/v1/vendors.csv", {"kecamatan": "jakarta"})
    assert bad.status_code == 400


def test_api_is_read_only_for_anonymous(client):
    vendor = VendorFactory()
    response = client.post("/api/v1/vendors/", {"name": "x"})
    assert response.status_code in (401, 403, 405)
    assert set(json.loads(response.content)) == {"detail", "errors"}
    assert client.delete(f"/api/v1/vendors/{vendor.slug}/").status_code in (401, 403, 405)


def test_detail_query_count_does_not_grow_with_products(client, django_assert_max_num_queries):
    vendor = VendorFactory()
    ProductFactory.create_batch(50, vendor=vendor)
    with django_assert_max_num_queries(4):
        assert client.get(f"/api/v1/vendors/{vendor.slug}/").status_code == 200
