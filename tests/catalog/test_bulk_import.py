"""Bulk product import/export (CSV and XLSX): dry run with per-row errors, all-or-nothing."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import Product
from tests.factories import CategoryFactory, ProductFactory, VendorMemberFactory
from vendors.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADER = "nama,kategori,jenis,satuan,harga,pesanan_minimum,tkdn,pdn,tautan_ekatalog,status\n"


@pytest.fixture
def member(client):
    CategoryFactory(name="Kertas", slug="kertas-uji")
    member = VendorMemberFactory()
    client.force_login(member.user)
    return member


def csv_file(rows: str, name="produk.csv"):
    return SimpleUploadedFile(name, (HEADER + rows).encode("utf-8"), content_type="text/csv")


GOOD = (
    "Kertas HVS A4,kertas-uji,barang,rim,52000,1,,tidak,,tayang\n"
    'Kertas F4,Kertas,barang,rim,"58.000",5,40,ya,https://katalog.inaproc.id/p/2,draf\n'
)
BAD = (
    "Kertas HVS A4,kertas-uji,barang,rim,52000,1,,tidak,,tayang\n"
    ",kertas-uji,barang,rim,abc,0,,mungkin,ftp://x.id/p,tayang\n"
    "Map,tidak-ada,barang,,1000,1,,tidak,,tayang\n"
)


def test_dry_run_shows_per_row_errors_and_saves_nothing(client, member):
    response = client.post("/usaha/produk/impor/", {"file": csv_file(BAD), "dry_run": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 baris bermasalah" in html
    assert "harga: harga harus bilangan bulat" in html
    assert "PDN: PDN harus &#x27;ya&#x27; atau &#x27;tidak&#x27;." in html
    assert "tautan e-Katalog: Tautan e-Katalog harus alamat web lengkap" in html
    assert "kategori: Kategori &#x27;tidak-ada&#x27; tidak dikenal." in html
    assert not Product.objects.exists()


def test_a_file_with_any_error_imports_nothing(client, member):
    response = client.post("/usaha/produk/impor/", {"file": csv_file(BAD), "confirm": "1"})
    assert response.status_code == 200
    assert "Tidak ada yang disimpan" in response.content.decode()
    assert not Product.objects.exists()
    assert not AuditEvent.objects.filter(action="import").exists()


def test_dry_run_of_a_good_file_saves_nothing_then_import_saves_all(client, member):
    response = client.post("/usaha/produk/impor/", {"file": csv_file(GOOD), "dry_run": "1"})
    assert "Tidak ada kesalahan: 2 produk baru" in response.content.decode()
    assert not Product.objects.exists()
    response = client.post("/usaha/produk/impor/", {"file": csv_file(GOOD), "confirm": "1"})
    assert response.status_code == 302
    f4 = Product.objects.get(name="Kertas F4")
    assert (f4.price, f4.min_order, f4.is_pdn, f4.status) == (58000, 5, True, "draft")
    assert f4.vendor == member.vendor
    event = AuditEvent.objects.get(action="import")
    assert event.changes["created"] == 2 and event.actor == member.user


def test_export_then_reimport_updates_by_id_and_never_touches_other_vendors(client, member):
    own = ProductFactory(vendor=member.vendor, name="Map Plastik", price=3000,
                         category=CategoryFactory(slug="kertas-uji"))  # fmt: skip
    foreign = ProductFactory(name="Punya orang lain")
    response = client.get("/usaha/produk/ekspor/?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    data = tablib.Dataset().load(response.content, format="xlsx")
    assert data["nama"] == ["Map Plastik"]
    data_rows = data.dict
    data_rows[0]["harga"] = 3500
    edited = tablib.Dataset(headers=data.headers)
    for row in data_rows:
        edited.append([row[h] for h in data.headers])
    upload = SimpleUploadedFile("produk.xlsx", edited.export("xlsx"))
    response = client.post("/usaha/produk/impor/", {"file": upload, "confirm": "1"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.price == 3500 and Product.objects.filter(vendor=member.vendor).count() == 1

    # An id of another vendor's product is an error, not an update.
    hostile = tablib.Dataset(headers=data.headers)
    row = dict(data_rows[0], id=foreign.pk, harga=1)
    hostile.append([row[h] for h in data.headers])
    upload = SimpleUploadedFile("produk.xlsx", hostile.export("xlsx"))
    response = client.post("/usaha/produk/impor/", {"file": upload, "confirm": "1"})
    assert "tidak ada di katalog Anda" in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.price == 52000


def test_csv_export_has_indonesian_headers(client, member):
    ProductFactory(vendor=member.vendor, category=CategoryFactory(slug="kertas-uji"))
    response = client.get("/usaha/produk/ekspor/?format=csv")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("id,nama,kategori,jenis,satuan,harga")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("produk.txt", b"nama\n", "Berkas harus berekstensi .csv atau .xlsx."),
        ("produk.xlsx", b"bukan zip", "Berkas bukan XLSX yang valid."),
        (
            "produk.csv",
            b"judul,lain\nx,y\n",
            "Kolom wajib tidak ada: harga, kategori, nama, satuan",
        ),
        ("produk.csv", HEADER.encode(), "Berkas tidak berisi baris produk."),
    ],
)
def test_bad_files_get_a_clear_message(client, member, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = client.post("/usaha/produk/impor/", {"file": upload, "dry_run": "1"})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_semicolon_csv_from_indonesian_spreadsheets_is_read(client, member):
    text = HEADER.replace(",", ";") + "Kertas HVS A4;kertas-uji;barang;rim;52000;1;;tidak;;tayang\n"
    upload = SimpleUploadedFile("produk.csv", text.encode())
    assert client.post("/usaha/produk/impor/", {"file": upload, "confirm": "1"}).status_code == 302
    assert Product.objects.count() == 1


def test_two_thousand_rows_import_quickly(client, member):
    import time

    rows = "".join(f"Produk {i},kertas-uji,barang,pcs,{1000 + i},1,,tidak,,tayang\n"
                   for i in range(2000))  # fmt: skip
    start = time.perf_counter()
    response = client.post("/usaha/produk/impor/", {"file": csv_file(rows), "confirm": "1"})
    elapsed = time.perf_counter() - start
    assert response.status_code == 302
    assert Product.objects.filter(vendor=member.vendor).count() == 2000
    assert elapsed < 30, f"2000 baris butuh {elapsed:.1f} detik"


def test_imported_products_are_found_in_catalogue_search(
    client, member, django_capture_on_commit_callbacks
):
    from search.backends import get_backend

    get_backend().rebuild()
    rows = "Kerupuk Udang Roban Super,kertas-uji,barang,bal,35000,1,,ya,,tayang\n"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/usaha/produk/impor/", {"file": csv_file(rows), "confirm": "1"})
    assert Product.objects.filter(name="Kerupuk Udang Roban Super").exists()
    response = client.get("/api/v1/search/", {"q": "kerupuk roban"})
    names = [hit["name"] for hit in response.json()["results"]]
    assert names == ["Kerupuk Udang Roban Super"]
