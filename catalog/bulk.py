"""Bulk product files (CSV and XLSX) read and written with tablib (openpyxl for XLSX).

Columns have Indonesian headers; the same columns come out of the export, so a vendor can
export, edit in a spreadsheet and import again (rows with an `id` update that product).
"""

from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from vendors.links import check_link_scheme

from .models import Category, Product

# (header, model field, label shown in errors)
COLUMNS = [
    ("id", "pk", "id"),
    ("nama", "name", "nama"),
    ("kategori", "category", "kategori"),
    ("jenis", "kind", "jenis"),
    ("satuan", "unit", "satuan"),
    ("harga", "price", "harga"),
    ("harga_berlaku_sampai", "price_valid_until", "harga berlaku sampai"),
    ("pesanan_minimum", "min_order", "pesanan minimum"),
    ("waktu_kirim_hari", "lead_time_days", "waktu kirim (hari)"),
    ("kapasitas", "capacity", "kapasitas"),
    ("merek", "brand", "merek"),
    ("deskripsi", "description", "deskripsi"),
    ("kata_kunci", "keywords", "kata kunci"),
    ("tkdn", "tkdn_percent", "TKDN"),
    ("tkdn_bmp", "tkdn_bmp_percent", "TKDN + BMP"),
    ("no_sertifikat_tkdn", "tkdn_certificate_number", "nomor sertifikat TKDN"),
    ("pdn", "is_pdn", "PDN"),
    ("sni", "has_sni", "SNI"),
    ("halal", "is_halal", "halal"),
    ("tautan_ekatalog", "ekatalog_url", "tautan e-Katalog"),
    ("tautan_toko_daring", "toko_daring_url", "tautan toko daring"),
    ("status", "status", "status"),
]
HEADERS = [c[0] for c in COLUMNS]
REQUIRED_HEADERS = {"nama", "kategori", "satuan", "harga"}
LABELS = {field: label for _h, field, label in COLUMNS}
MAX_ROWS = 5000
FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)}  # fmt: skip

_TRUE = {"ya", "y", "yes", "true", "1", "benar"}
_FALSE = {"tidak", "t", "no", "n", "false", "0", "salah", ""}
_KINDS = {"barang": Product.Kind.GOODS, "jasa": Product.Kind.SERVICE}
_STATUSES = {
    "draf": Product.Status.DRAFT,
    "draft": Product.Status.DRAFT,
    "tayang": Product.Status.PUBLISHED,
    "published": Product.Status.PUBLISHED,
}


class FileError(Exception):
    pass


def load_dataset(uploaded, filename: str) -> tablib.Dataset:
    """Read an uploaded CSV or XLSX file into a Dataset; FileError with an Indonesian message."""
    name = (filename or "").lower()
    raw = uploaded.read()
    try:
        if name.endswith(".xlsx"):
            if not raw.startswith(b"PK"):
                raise FileError(_("Berkas bukan XLSX yang valid."))
            dataset = tablib.Dataset().load(raw, format="xlsx")
        elif name.endswith(".csv"):
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
            first_line = text.split("\n", 1)[0]
            # Spreadsheets set to Indonesian save CSV with semicolons.
            delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
            dataset = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
        else:
            raise FileError(_("Berkas harus CSV atau XLSX."))
    except FileError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is the file's problem
        raise FileError(_("Berkas tidak bisa dibaca sebagai CSV/XLSX.")) from exc
    return dataset


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _integer(value, label):
    text = _text(value).replace("Rp", "").replace(".", "").replace(" ", "")
    if text.endswith(",00"):
        text = text[:-3]
    if not text:
        return None
    if not text.isdigit():
        raise ValidationError(
            _("%(label)s harus bilangan bulat tanpa titik/koma, mis. 52000.") % {"label": label}
        )
    return int(text)


def _decimal(value, label):
    text = _text(value).replace("%", "").replace(",", ".")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(_("%(label)s harus angka, mis. 45,5.") % {"label": label}) from exc


def _boolean(value, label):
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError(_("%(label)s harus 'ya' atau 'tidak'.") % {"label": label})


def _date(value, label):
    import datetime

    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(
        _("%(label)s harus tanggal, mis. 2026-12-31 atau 31/12/2026.") % {"label": label}
    )


def rows_to_products(*, vendor, dataset):
    """Validate every row; return (unsaved products, ImportResult with per-row errors)."""
    from .services import ImportResult, RowResult

    headers = [(_text(h) or "").lower() for h in (dataset.headers or [])]
    result = ImportResult(rows=[])
    missing = REQUIRED_HEADERS - set(headers)
    if missing:
        result.file_errors.append(
            _("Kolom wajib tidak ada: %(cols)s. Unduh templat dari halaman ekspor.")
            % {"cols": ", ".join(sorted(missing))}
        )
        return [], result
    if dataset.height == 0:
        result.file_errors.append(_("Berkas tidak berisi baris produk."))
        return [], result
    if dataset.height > MAX_ROWS:
        result.file_errors.append(_("Paling banyak %(n)s baris per berkas.") % {"n": MAX_ROWS})
        return [], result

    categories = {c.slug: c for c in Category.objects.all()}
    categories_by_name = {c.name.lower(): c for c in categories.values()}
    existing = {p.pk: p for p in Product.objects.filter(vendor=vendor)}
    products = []
    index = {h: i for i, h in enumerate(headers)}

    for n, row in enumerate(dataset, start=2):
        raw = {h: row[i] for h, i in index.items() if h in HEADERS}
        errors: dict[str, list[str]] = {}

        def fail(label, message, errors=errors):
            errors.setdefault(label, []).append(str(message))

        values = {}
        pk = None
        try:
            pk = _integer(raw.get("id"), "id")
        except ValidationError as exc:
            fail("id", exc.messages[0])
        if pk is not None and pk not in existing:
            fail("id", _("Produk dengan id %(id)s tidak ada di katalog Anda.") % {"id": pk})
        category_key = _text(raw.get("kategori"))
        category = categories.get(category_key.lower()) or categories_by_name.get(
            category_key.lower()
        )
        if not category_key:
            fail("kategori", _("Kategori wajib diisi (slug atau nama kategori)."))
        elif category is None:
            fail("kategori", _("Kategori '%(c)s' tidak dikenal.") % {"c": category_key})
        else:
            values["category"] = category
        kind = _text(raw.get("jenis")).lower() or "barang"
        if kind not in _KINDS:
            fail("jenis", _("Jenis harus 'barang' atau 'jasa'."))
        else:
            values["kind"] = _KINDS[kind]
        status = _text(raw.get("status")).lower() or "draf"
        if status not in _STATUSES:
            fail("status", _("Status harus 'draf' atau 'tayang'."))
        else:
            values["status"] = _STATUSES[status]
        for header, field_name, label in COLUMNS:
            if header not in raw or field_name in ("pk", "category", "kind", "status"):
                continue
            value = raw.get(header)
            try:
                if field_name in ("price", "min_order", "lead_time_days"):
                    parsed = _integer(value, label)
                    if parsed is None and field_name != "price":
                        continue
                    values[field_name] = parsed
                elif field_name in ("tkdn_percent", "tkdn_bmp_percent"):
                    values[field_name] = _decimal(value, label)
                elif field_name in ("is_pdn", "has_sni", "is_halal"):
                    values[field_name] = _boolean(value, label)
                elif field_name == "price_valid_until":
                    values[field_name] = _date(value, label)
                elif field_name in ("ekatalog_url", "toko_daring_url"):
                    values[field_name] = check_link_scheme(_text(value), field_name)
                else:
                    values[field_name] = _text(value)
            except ValidationError as exc:
                fail(label, exc.messages[0])

        product = existing.get(pk) if pk is not None else None
        action = "update" if product is not None else "create"
        if product is None:
            product = Product(vendor=vendor)
        for name, value in values.items():
            setattr(product, name, value)
        if not errors:
            try:
                # Foreign keys were resolved above from one query; skip their per-row lookups.
                product.full_clean(exclude=["vendor", "category"])
            except ValidationError as exc:
                for field_name, messages in exc.message_dict.items():
                    for message in messages:
                        fail(LABELS.get(field_name, field_name), message)
        result.rows.append(RowResult(n, _text(raw.get("nama")), action, errors))
        products.append(product)
    return products, result


def export_dataset(products) -> tablib.Dataset:
    """The vendor's products in the import format."""
    dataset = tablib.Dataset(headers=HEADERS)
    status_out = {Product.Status.DRAFT: "draf", Product.Status.PUBLISHED: "tayang"}
    for p in products:
        dataset.append(
            [
                p.pk, p.name, p.category.slug, p.kind, p.unit, p.price,
                p.price_valid_until.isoformat() if p.price_valid_until else "",
                p.min_order, p.lead_time_days, p.capacity, p.brand, p.description, p.keywords,
                "" if p.tkdn_percent is None else str(p.tkdn_percent),
                "" if p.tkdn_bmp_percent is None else str(p.tkdn_bmp_percent),
                p.tkdn_certificate_number,
                "ya" if p.is_pdn else "tidak", "ya" if p.has_sni else "tidak",
                "ya" if p.is_halal else "tidak",
                p.ekatalog_url, p.toko_daring_url, status_out.get(p.status, "draf"),
            ]
        )  # fmt: skip
    return dataset


def export_bytes(products, fmt: str) -> bytes:
    dataset = export_dataset(products)
    if fmt == "xlsx":
        return dataset.export("xlsx")
    return ("\ufeff" + dataset.export("csv")).encode("utf-8")
