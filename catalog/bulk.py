"""Bulk product files (CSV and XLSX) read and written with tablib (openpyxl for XLSX).

Columns have Indonesian headers; the same columns come out of the export, so a vendor can
export, edit in a spreadsheet and import again (rows with an `id` update that product).

Spreadsheet formulas (CSV injection). The export writes a text cell that a spreadsheet would run
as a formula (starting with = + - @, a tab or a carriage return) with a leading apostrophe, the
spreadsheet's own "this is text" mark, and so does a text starting with an apostrophe; the
import removes one leading apostrophe, so export -> import gives back the same text. A cell that
is a formula as written (starting with "=", or with + - @ and a "|" DDE command) is a row error.
Control characters (NUL included) are dropped on import: no database or XLSX file keeps them.
"""

import csv
import re
from decimal import Decimal

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from config.spreadsheets import spreadsheet_text
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


# C0/C1 control characters except tab, line feed and carriage return (kept in descriptions).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WHOLE_NUMBER_RE = re.compile(r"[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+")  # 52000 or 52.000
_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


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
    except csv.Error as exc:
        if "field larger than field limit" not in str(exc):
            raise FileError(_("Berkas tidak bisa dibaca sebagai CSV/XLSX.")) from exc
        raise FileError(
            _("Ada sel yang terlalu panjang: paling banyak %(n)s karakter per sel.")
            % {"n": f"{csv.field_size_limit():,}".replace(",", ".")}
        ) from exc
    except Exception as exc:  # noqa: BLE001 - any parser failure is the file's problem
        raise FileError(_("Berkas tidak bisa dibaca sebagai CSV/XLSX.")) from exc
    return dataset


def _text(value) -> str:
    """A cell as text: control characters dropped, spaces and one leading apostrophe (the
    spreadsheet's text mark, which the export adds) removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _CONTROL_RE.sub("", str(value)).strip()
    return text[1:] if text.startswith("'") else text


def _plain_text(value, label) -> str:
    """A free-text cell; a spreadsheet formula is refused."""
    text = _text(value)
    raw = _CONTROL_RE.sub("", str(value or "")).strip()
    if raw.startswith("=") or (raw.startswith(("+", "-", "@")) and "|" in raw):
        raise ValidationError(
            _(
                "%(label)s berisi rumus spreadsheet. Tulis sebagai teks biasa, atau awali "
                "dengan tanda petik (') bila memang diawali '='."
            )
            % {"label": label}
        )
    return text


def _export_cell(value):
    """Text a spreadsheet would run as a formula (or that starts with the text mark) gets a
    leading apostrophe; `_text` removes it again on import."""
    if isinstance(value, str):
        value = _CONTROL_RE.sub("", value)
    return spreadsheet_text(value)


def _integer(value, label):
    text = _text(value).replace("Rp", "").replace(" ", "")
    if text.endswith(",00"):
        text = text[:-3]
    if not text:
        return None
    # ASCII digits, optionally grouped by thousands with dots (52.000): "52000.5" is not
    # 520005, and "²" is not a digit int() can read.
    if not _WHOLE_NUMBER_RE.fullmatch(text):
        raise ValidationError(
            _("%(label)s harus bilangan bulat tanpa titik/koma, mis. 52000.") % {"label": label}
        )
    return int(text.replace(".", ""))


def _decimal(value, label):
    text = _text(value).replace("%", "").replace(",", ".").strip()
    if not text:
        return None
    # Decimal() also reads "NaN", "Infinity" and "1_0"; only plain numbers are percentages.
    if not _DECIMAL_RE.fullmatch(text):
        raise ValidationError(_("%(label)s harus angka, mis. 45,5.") % {"label": label})
    return Decimal(text)


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
    seen_ids: dict[int, int] = {}

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
        elif pk is not None and pk in seen_ids:
            # Two rows for one product: the second would silently overwrite the first.
            fail(
                "id",
                _("Produk dengan id %(id)s sudah ada di baris %(line)s.")
                % {"id": pk, "line": seen_ids[pk]},
            )
        elif pk is not None:
            seen_ids[pk] = n
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
                    values[field_name] = _plain_text(value, label)
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
            [_export_cell(value) for value in [
                p.pk, p.name, p.category.slug, p.kind, p.unit, p.price,
                p.price_valid_until.isoformat() if p.price_valid_until else "",
                p.min_order, p.lead_time_days, p.capacity, p.brand, p.description, p.keywords,
                "" if p.tkdn_percent is None else str(p.tkdn_percent),
                "" if p.tkdn_bmp_percent is None else str(p.tkdn_bmp_percent),
                p.tkdn_certificate_number,
                "ya" if p.is_pdn else "tidak", "ya" if p.has_sni else "tidak",
                "ya" if p.is_halal else "tidak",
                p.ekatalog_url, p.toko_daring_url, status_out.get(p.status, "draf"),
            ]]
        )  # fmt: skip
    return dataset


def export_bytes(products, fmt: str) -> bytes:
    dataset = export_dataset(products)
    if fmt == "xlsx":
        return dataset.export("xlsx")
    return ("\ufeff" + dataset.export("csv")).encode("utf-8")
