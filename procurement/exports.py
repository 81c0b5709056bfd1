"""Shortlist exports for the procurement file: XLSX (openpyxl) and CSV, same columns."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from config.spreadsheets import spreadsheet_text

from .preference import RULE_NOTES, TIERS, item_tier


def columns() -> list[str]:
    return [
        _("No."),
        _("Produk"),
        _("Penyedia"),
        _("Kecamatan"),
        _("Jumlah"),
        _("Satuan"),
        _("Harga satuan (Rp)"),
        _("Total (Rp)"),
        _("TKDN (%)"),
        _("TKDN + BMP (%)"),
        _("PDN"),
        _("UMK/koperasi"),
        _("Waktu kirim (hari)"),
        _("Preferensi"),
        _("Tautan INAPROC/toko daring"),
        _("Catatan"),
    ]


def _cell(value):
    """Vendor- and buyer-typed text is written so a spreadsheet will not run it as a formula."""
    return spreadsheet_text(value)


def _yes_no(value: bool) -> str:
    return _("Ya") if value else _("Tidak")


def item_rows(items) -> list[list]:
    rows = []
    for number, item in enumerate(items, start=1):
        row = [
            number,
            item.snap_product_name or _("(penyedia, tanpa produk)"),
            item.snap_vendor_name,
            item.snap_kecamatan,
            item.quantity,
            item.snap_unit,
            item.snap_unit_price,
            item.total_price,
            float(item.snap_tkdn_percent) if item.snap_tkdn_percent is not None else None,
            float(item.snap_tkdn_bmp_percent) if item.snap_tkdn_bmp_percent is not None else None,
            _yes_no(item.snap_is_pdn),
            _yes_no(item.snap_is_umk or item.snap_is_koperasi),
            item.snap_lead_time_days,
            str(TIERS[item_tier(item)]),
            item.handoff_url,
            item.note,
        ]
        rows.append([_cell(value) for value in row])
    return rows


def header_rows(shortlist, user) -> list[list]:
    now = timezone.localtime()
    return [
        [_("Daftar pendek pengadaan"), shortlist.title],
        [_("OPD"), shortlist.opd.name],
        [_("Pembeli"), shortlist.owner.get_full_name() or shortlist.owner.get_username()],
        [_("Diunduh oleh"), user.get_full_name() or user.get_username()],
        [_("Tanggal"), date_format(now, "j F Y H:i")],
        [_("Uraian kebutuhan"), shortlist.description],
        [_("Kode RUP"), shortlist.rup_code or "-"],
        [_("Pagu (Rp)"), shortlist.pagu],
        [_("Rencana"), shortlist.planned_label],
        [_("Status"), str(shortlist.get_status_display())],
    ]


def to_xlsx(shortlist, items, user) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Daftar pendek")[:31]
    for row in header_rows(shortlist, user):
        ws.append([_cell(value) for value in row])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    ws.append([])
    ws.append(columns())
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in item_rows(items):
        ws.append(row)
        for col in (7, 8):
            ws.cell(row=ws.max_row, column=col).number_format = "#,##0"
    ws.append([])
    ws.append([_("Catatan aturan")])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    for note in RULE_NOTES:
        ws.append([str(note)])
    for letter, width in zip(
        "ABCDEFGHIJKLMNOP",
        (18, 36, 28, 14, 8, 10, 16, 16, 9, 11, 6, 12, 10, 40, 40, 30),
        strict=True,
    ):
        ws.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_csv(items) -> str:
    """Items only, one header row: a table any spreadsheet or script can read."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns())
    for row in item_rows(items):
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()
