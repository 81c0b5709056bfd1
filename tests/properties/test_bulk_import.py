"""Bulk product files (catalog/bulk.py, services.import_products): round trips and bad files.

- Any products written out (CSV or XLSX) and imported again are the same products.
- Any bytes, any malformed sheet, wrong headers, huge cells and spreadsheet formulas give
  file- or row-level errors in Indonesian, never an exception; and since the import promises
  "all rows or none", a file with any error saves nothing.
- A few of these go through the real upload and export views.
"""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import example, given, settings
from hypothesis import strategies as st

from catalog import bulk, services
from catalog.models import Category, Product
from tests.factories import VendorMemberFactory

from .conftest import DB, rolled_back

DB_FEW = settings(DB, max_examples=15)  # each example: export and import through the views

pytestmark = pytest.mark.django_db

CATEGORY_SLUGS = ["kertas", "alat-tulis", "makanan-minuman"]
FORMULAS = ["=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x.id\",\"klik\")", "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0", "=1+1"]  # fmt: skip
# Text a vendor might type: any printable character, including ones spreadsheets treat
# specially at the start of a cell.
printable = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))


def text(max_size, min_size=0, multiline=False):
    alphabet = st.one_of(printable, st.just("\n")) if multiline else printable
    body = st.text(alphabet, max_size=max_size)
    lead = st.sampled_from(["", "=", "+", "-", "@", "'", "''", '"', "0", " "])
    return (
        st.tuples(lead, body)
        .map(lambda t: (t[0] + t[1]).strip()[:max_size])
        .filter(lambda s: len(s) >= min_size)
    )


urls = st.sampled_from(["", "https://katalog.inaproc.id/p/123", "http://toko.contoh.id/a?b=1&c=2",
                        "https://tokopedia.com/batang/kertas-hvs"])  # fmt: skip


@st.composite
def product_fields(draw):
    tkdn = draw(st.none() | st.decimals(0, 100, places=2))
    bmp = None if tkdn is None else draw(st.none() | st.decimals(tkdn, 100, places=2))
    return {
        "name": draw(text(200, min_size=1)),
        "category_slug": draw(st.sampled_from(CATEGORY_SLUGS)),
        "kind": draw(st.sampled_from(Product.Kind.values)),
        "unit": draw(text(30, min_size=1)),
        "price": draw(st.integers(1, 10**15)),
        "price_valid_until": draw(
            st.none() | st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31))
        ),
        "min_order": draw(st.integers(1, 2**31 - 1)),
        "lead_time_days": draw(st.integers(0, 32767)),
        "capacity": draw(text(120)),
        "brand": draw(text(80)),
        "description": draw(text(600, multiline=True)),
        "keywords": draw(text(255)),
        "tkdn_percent": tkdn,
        "tkdn_bmp_percent": bmp,
        "tkdn_certificate_number": draw(text(80)),
        "is_pdn": draw(st.booleans()) or bool(tkdn),  # certified local content means PDN
        "has_sni": draw(st.booleans()),
        "is_halal": draw(st.booleans()),
        "ekatalog_url": draw(urls),
        "toko_daring_url": draw(urls),
        "status": draw(st.sampled_from([Product.Status.DRAFT, Product.Status.PUBLISHED])),
    }


def as_product(vendor, fields):
    fields = dict(fields)
    category = Category.objects.get(slug=fields.pop("category_slug"))
    return Product(vendor=vendor, category=category, **fields)


def stored(product):
    return {
        **{name: getattr(product, name) for name in product_fields_names()},
        "category_slug": product.category.slug,
    }


def product_fields_names():
    return [n for n in product_fields_example() if n != "category_slug"]


def product_fields_example():
    return {
        "name", "category_slug", "kind", "unit", "price", "price_valid_until", "min_order",
        "lead_time_days", "capacity", "brand", "description", "keywords", "tkdn_percent",
        "tkdn_bmp_percent", "tkdn_certificate_number", "is_pdn", "has_sni", "is_halal",
        "ekatalog_url", "toko_daring_url", "status",
    }  # fmt: skip


def normalised(fields):
    out = dict(fields)
    for name in ("tkdn_percent", "tkdn_bmp_percent"):
        if out[name] is not None:
            out[name] = Decimal(out[name]).quantize(Decimal("0.01"))
    return out


@pytest.fixture
def member():
    return VendorMemberFactory()


def upload(data: bytes, fmt: str):
    return SimpleUploadedFile(f"produk.{fmt}", data)


def import_file(member, data: bytes, fmt: str, dry_run=False):
    dataset = bulk.load_dataset(upload(data, fmt), f"produk.{fmt}")
    return services.import_products(
        vendor=member.vendor, user=member.user, dataset=dataset, dry_run=dry_run
    )


# --- round trip ------------------------------------------------------------------------------


@DB
@given(st.lists(product_fields(), min_size=1, max_size=4), st.sampled_from(["csv", "xlsx"]))
@example([dict(PRODUCT := {
    "name": "=cmd|' /C calc'!A0", "category_slug": "kertas", "kind": "barang", "unit": "'rim",
    "price": 52000, "price_valid_until": None, "min_order": 1, "lead_time_days": 1,
    "capacity": "-", "brand": "@merek", "description": "- katun\n- 100%", "keywords": "+62",
    "tkdn_percent": Decimal("45.50"), "tkdn_bmp_percent": None, "tkdn_certificate_number": "",
    "is_pdn": True, "has_sni": False, "is_halal": False, "ekatalog_url": "", "toko_daring_url": "",
    "status": "draft",
})], "xlsx")  # fmt: skip
@example([PRODUCT], "csv")
def test_written_products_import_as_the_same_products(member, rows, fmt):
    with rolled_back():
        data = bulk.export_bytes([as_product(member.vendor, r) for r in rows], fmt)
        result = import_file(member, data, fmt)
        assert not result.has_errors, (result.file_errors, [r.errors for r in result.error_rows])
        assert result.saved and result.created == len(rows)
        products = Product.objects.filter(vendor=member.vendor).order_by("pk")
        assert [stored(p) for p in products] == [normalised(r) for r in rows]


@DB_FEW
@given(st.lists(product_fields(), min_size=1, max_size=3), st.sampled_from(["csv", "xlsx"]))
def test_exported_products_reimport_unchanged_through_the_views(client, member, rows, fmt):
    client.force_login(member.user)
    with rolled_back():
        for row in rows:
            product = as_product(member.vendor, row)
            product.full_clean()
            product.save()
        before = [stored(p) for p in Product.objects.filter(vendor=member.vendor).order_by("pk")]
        export = client.get("/usaha/produk/ekspor/", {"format": fmt})
        assert export.status_code == 200
        response = client.post(
            "/usaha/produk/impor/", {"file": upload(export.content, fmt), "confirm": "1"}
        )
        assert response.status_code == 302, response.content.decode()[-3000:]
        after = [stored(p) for p in Product.objects.filter(vendor=member.vendor).order_by("pk")]
        assert after == before  # updated in place by id, nothing created


def test_export_never_writes_a_live_formula(member):
    product = as_product(member.vendor, {**PRODUCT, "name": '=HYPERLINK("http://x.id")'})
    csv_text = bulk.export_bytes([product], "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    sheet = openpyxl.load_workbook(io.BytesIO(bulk.export_bytes([product], "xlsx"))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# --- bad files -------------------------------------------------------------------------------

ENGLISH = ("Ensure", "This field", "Enter a", "must", "invalid literal", "Traceback", "value")
cell = st.one_of(
    st.text(printable, max_size=20),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20),
    st.sampled_from(FORMULAS),
    st.sampled_from(
        [
            "",
            "kertas",
            "Kertas",
            "barang",
            "jasa",
            "rim",
            "52000",
            "52.000",
            "Rp 52.000,00",
            "52000.5",
            "²",
            "٣٤",
            "NaN",
            "Infinity",
            "sNaN",
            "1_0",
            "-5",
            "101",
            "45,5",
            "ya",
            "mungkin",
            "tayang",
            "draf",
            "31/12/2026",
            "2026-02-30",
            "http://[",
            "https://[::1",
            "ftp://x.id",
            "javascript:x",
            "9" * 30,
            "\x00",
            "a\x00b",
            "1e999999",
            "0",
            "'",
            "''=1",
        ]
    ),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.just("x" * 70_000),
)
headers = st.one_of(
    st.just(bulk.HEADERS),
    st.lists(st.sampled_from(bulk.HEADERS), min_size=1, max_size=10),
    st.lists(st.sampled_from([*bulk.HEADERS, "NAMA", " harga ", "", "x", "\x00"]), max_size=8),
)


@st.composite
def sheets(draw):
    header = draw(headers)
    width = len(header)
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), max_size=5))
    return header, rows


def write_csv(header, rows, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def write_xlsx(header, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append([openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str)
                      else v for v in row])  # fmt: skip
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def check_import_is_all_or_nothing(member, data, fmt):
    """Import `data`: a FileError or a result; with any error nothing was saved, and every
    message is Indonesian."""
    count = Product.objects.count()
    try:
        result = import_file(member, data, fmt)
    except bulk.FileError as exc:
        messages = [str(exc)]
        result = None
    except ValidationError as exc:  # the service's own refusal (e.g. a suspended vendor)
        pytest.fail(f"import refused the whole vendor: {exc}")
    else:
        messages = result.file_errors + [
            m for row in result.rows for ms in row.errors.values() for m in ms
        ]
    if result is None or result.has_errors:
        assert messages
        assert Product.objects.count() == count
    else:
        assert result.saved
    for message in messages:
        assert message and not any(word in message for word in ENGLISH), message
    return result


@DB
@given(st.binary(max_size=2000), st.sampled_from(["csv", "xlsx"]))
@example(b"PK\x03\x04garbage", "xlsx")
@example(b"\xff\xfe\x00n\x00a", "csv")
@example(b"nama,kategori,satuan,harga\n\x00,\x00,\x00,1\n", "csv")
@example(b"nama,kategori,satuan,harga\nA,kertas,rim,1" + b"0" * 140_000 + b"\n", "csv")
def test_any_bytes_are_a_file_error_or_row_errors(member, data, fmt):
    with rolled_back():
        check_import_is_all_or_nothing(member, data, fmt)


@DB
@given(sheets(), st.sampled_from(["csv", "csv;", "xlsx"]))
@example((["nama", "kategori", "satuan", "harga"], [["A", "kertas", "rim", "52000.5"]]), "xlsx")
@example((["nama", "kategori", "satuan", "harga"], [["A", "kertas", "rim", 52000.5]]), "xlsx")
@example((["nama", "kategori", "satuan", "harga"], [["A", "kertas", "rim", "²"]]), "csv")
@example((["nama", "kategori", "satuan", "harga", "tkdn"], [["A", "kertas", "rim", 1, "NaN"]]),
         "csv")  # fmt: skip
@example((["nama", "kategori", "satuan", "harga", "tautan_ekatalog"],
          [["A", "kertas", "rim", 1, "http://["]]), "csv")  # fmt: skip
@example((["nama", "kategori", "satuan", "harga"], [["A\x00B", "kertas", "rim", 1]]), "csv")
@example((["nama", "kategori", "satuan", "harga"], [[FORMULAS[0], "kertas", "rim", 1]]), "csv")
@example((["nama", "kategori", "satuan", "harga"], [["A", "kertas", "rim", 1]] * 2), "csv")
def test_malformed_sheets_give_indonesian_errors_and_save_all_or_nothing(member, sheet, fmt):
    header, rows = sheet
    if fmt == "xlsx":
        data = write_xlsx(header, rows)
    else:
        data = write_csv(header, rows, ";" if fmt == "csv;" else ",")
    with rolled_back():
        result = check_import_is_all_or_nothing(member, data, fmt[:4].rstrip(";"))
        if result is not None and result.saved:
            assert Product.objects.filter(vendor=member.vendor).count() == len(rows)


@DB_FEW
@given(sheets(), st.sampled_from(["csv", "xlsx"]), st.booleans())
@example((["nama", "kategori", "satuan", "harga"], [["A\x00", "kertas", "rim", "52.000"]]), "csv",
         False)  # fmt: skip
def test_the_api_upload_answers_200_or_400_and_saves_all_or_nothing(client, member, sheet, fmt,
                                                                    dry_run):  # fmt: skip
    client.force_login(member.user)
    header, rows = sheet
    data = write_xlsx(header, rows) if fmt == "xlsx" else write_csv(header, rows)
    with rolled_back():
        response = client.post(
            "/api/v1/me/vendor/products/import/",
            {"file": upload(data, fmt), "dry_run": str(dry_run).lower()},
        )
        assert response.status_code in (200, 400), response.status_code
        body = response.json()
        saved = Product.objects.filter(vendor=member.vendor).count()
        if response.status_code == 400:
            assert saved == 0
            assert body.get("errors", {}).keys() <= {"file"} or body["has_errors"], body
        else:
            assert body["saved"] is (not dry_run) and saved == (0 if dry_run else len(rows))


@pytest.mark.parametrize(
    ("value", "column", "message"),
    [
        ("=cmd|' /C calc'!A0", "nama", "nama berisi rumus spreadsheet"),
        ("+cmd|' /C calc'!A0", "deskripsi", "deskripsi berisi rumus spreadsheet"),
        ("52000.5", "harga", "harga harus bilangan bulat"),
        ("²", "harga", "harga harus bilangan bulat"),
        ("NaN", "tkdn", "TKDN harus angka"),
        ("http://[", "tautan_ekatalog", "Tautan e-Katalog harus alamat web lengkap"),
    ],
)
def test_bad_cells_are_row_errors_in_the_upload_view(client, member, value, column, message):
    Category.objects.get(slug="kertas")
    client.force_login(member.user)
    row = {"nama": "Kertas HVS", "kategori": "kertas", "satuan": "rim", "harga": "52000"}
    row[column] = value
    data = write_csv(list(row), [list(row.values())])
    response = client.post("/usaha/produk/impor/", {"file": upload(data, "csv"), "confirm": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tidak ada yang disimpan" in html and message in html.replace("&#x27;", "'")
    assert not Product.objects.filter(vendor=member.vendor).exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_of_text_with_control_characters(client, member, fmt):
    # The product form accepts "\x01" (only NUL is refused); openpyxl cannot write it and the
    # XLSX export was a 500. Control characters are left out of both formats.
    product = as_product(member.vendor, {**PRODUCT, "name": "Map\x01 plastik\x1f"})
    product.save()
    client.force_login(member.user)
    response = client.get("/usaha/produk/ekspor/", {"format": fmt})
    assert response.status_code == 200
    dataset = bulk.load_dataset(upload(response.content, fmt), f"produk.{fmt}")
    assert dataset["nama"] == ["Map plastik"]


def test_a_cell_too_long_for_the_csv_reader_is_named_as_such(member):
    data = write_csv(["nama", "kategori", "satuan", "harga"], [["x" * 140_000, "kertas", "rim", 1]])
    with pytest.raises(bulk.FileError, match="Ada sel yang terlalu panjang: paling banyak 131.072"):
        import_file(member, data, "csv")


def test_two_rows_for_one_product_are_an_error(member):
    product = as_product(member.vendor, PRODUCT)
    product.save()
    dataset = bulk.export_dataset([product, product])
    result = services.import_products(
        vendor=member.vendor, user=member.user, dataset=dataset, dry_run=False
    )
    assert result.error_rows[0].line == 3
    assert result.error_rows[0].errors["id"] == [
        f"Produk dengan id {product.pk} sudah ada di baris 2."
    ]


def test_tablib_reads_what_the_export_writes():
    # The round trip above relies on tablib reading back both formats the export writes.
    dataset = tablib.Dataset(headers=["a"])
    dataset.append(["'=x"])
    assert tablib.Dataset().load(dataset.export("xlsx"), format="xlsx")["a"] == ["'=x"]
