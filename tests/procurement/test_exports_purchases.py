"""Exports for the procurement file, purchase outcomes, payment milestones and the dashboard."""

import csv
import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone
from openpyxl import load_workbook

from procurement import services
from procurement.models import Purchase, Shortlist, ShortlistExport
from tests.factories import (
    OPDBudgetFactory,
    ProductFactory,
    ShortlistFactory,
    VendorFactory,
)
from vendors.models import Vendor

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def locked_shortlist():
    shortlist = ShortlistFactory(title="Snack rapat 150 orang", rup_code="45123678")
    vendor = VendorFactory(name="Kue Bu Sri", scale=Vendor.Scale.MIKRO)
    other = VendorFactory(name='=HYPERLINK("http://x")', scale=Vendor.Scale.MENENGAH)
    for name, price, v in [
        ("Snack box isi 3", 12_000, vendor),
        ("Snack box isi 4", 15_000, vendor),
        ("Air mineral 330 ml", 2_500, other),
    ]:
        services.add_item(
            shortlist=shortlist,
            user=shortlist.owner,
            product=ProductFactory(name=name, price=price, vendor=v, unit="kotak"),
            quantity=150,
        )
    services.lock_shortlist(shortlist=shortlist)
    shortlist.refresh_from_db()
    return shortlist


def test_xlsx_export_opens_with_openpyxl_and_has_the_rows(client, locked_shortlist):
    client.force_login(locked_shortlist.owner)
    response = client.get(f"/belanja/daftar/{locked_shortlist.pk}/unduh.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    labels = {row[0]: row[1] for row in rows if row[0]}
    assert labels["OPD"] == locked_shortlist.opd.name
    assert labels["Kode RUP"] == "45123678"
    header_index = next(i for i, row in enumerate(rows) if row[0] == "No.")
    items = rows[header_index + 1 : header_index + 4]
    assert [row[1] for row in items] == ["Snack box isi 3", "Snack box isi 4", "Air mineral 330 ml"]
    assert [row[6] for row in items] == [12_000, 15_000, 2_500]
    assert [row[7] for row in items] == [1_800_000, 2_250_000, 375_000]
    # A vendor name that looks like a formula stays text.
    assert items[2][2] == '\'=HYPERLINK("http://x")'
    assert any("Perpres 46/2025" in str(row[0]) for row in rows[header_index + 4 :])
    assert ShortlistExport.objects.filter(shortlist=locked_shortlist, format="xlsx").count() == 1
    locked_shortlist.refresh_from_db()
    assert locked_shortlist.exported_at is not None


def test_csv_export_and_print_page_are_recorded(client, locked_shortlist):
    client.force_login(locked_shortlist.owner)
    response = client.get(f"/belanja/daftar/{locked_shortlist.pk}/unduh.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["No.", "Produk", "Penyedia"]
    assert [r[1] for r in rows[1:]] == ["Snack box isi 3", "Snack box isi 4", "Air mineral 330 ml"]
    page = client.get(f"/belanja/daftar/{locked_shortlist.pk}/cetak/")
    html = page.content.decode()
    # A4 print styles come from a static file (no inline <style>: docs/decisions/0016).
    assert "/static/css/print.css" in html
    assert "size: A4" in Path(finders.find("css/print.css")).read_text()
    assert locked_shortlist.opd.name in html and "Snack rapat 150 orang" in html
    assert "Catatan aturan" in html
    formats = sorted(locked_shortlist.exports.values_list("format", flat=True))
    assert formats == ["csv", "print"]
    detail = client.get(locked_shortlist.get_absolute_url()).content.decode()
    assert "Riwayat unduhan" in detail


def test_an_open_shortlist_is_not_exported(client):
    shortlist = ShortlistFactory()
    services.add_item(shortlist=shortlist, user=shortlist.owner, product=ProductFactory())
    client.force_login(shortlist.owner)
    response = client.get(f"/belanja/daftar/{shortlist.pk}/unduh.xlsx", follow=True)
    assert "Kunci daftar pendek dulu" in response.content.decode()
    assert not shortlist.exports.exists()


def test_record_a_purchase_for_an_item_and_its_milestones(client, locked_shortlist):
    client.force_login(locked_shortlist.owner)
    item = locked_shortlist.items.order_by("position").first()
    response = client.post(
        f"/belanja/daftar/{locked_shortlist.pk}/butir/{item.pk}/hasil/",
        {"outcome": "bought", "amount": "1800000", "purchased_on": "2026-03-31",
         "channel": "toko_daring", "order_reference": "TD-001"},
    )  # fmt: skip
    assert response.status_code == 302
    purchase = Purchase.objects.get()
    assert purchase.vendor_name == "Kue Bu Sri" and purchase.is_umk_or_koperasi
    assert timezone.localtime(purchase.purchased_at).date() == dt.date(2026, 3, 31)
    url = purchase.get_absolute_url()
    bad = client.post(url, {"delivered_on": "2026-03-01"})
    assert "tidak boleh sebelum tanggal pembelian" in bad.content.decode()
    client.post(url, {"delivered_on": "2026-04-02", "bast_signed_on": "2026-04-03"})
    purchase.refresh_from_db()
    assert purchase.delivered_on == dt.date(2026, 4, 2) and purchase.waiting_for_paperwork
    client.post(url, {"delivered_on": "2026-04-02", "bast_signed_on": "2026-04-03",
                      "invoice_received_on": "2026-04-05", "paid_on": "2026-04-20"})  # fmt: skip
    purchase.refresh_from_db()
    assert purchase.paid_on == dt.date(2026, 4, 20) and not purchase.waiting_for_paperwork


def test_bought_needs_amount_date_and_channel_none_suitable_needs_a_reason(
    client, locked_shortlist
):
    client.force_login(locked_shortlist.owner)
    url = f"/belanja/daftar/{locked_shortlist.pk}/hasil/"
    html = client.post(url, {"outcome": "bought", "purchased_on": ""}).content.decode()
    assert "Nilai pembelian wajib diisi" in html
    assert "Cara pembelian wajib dipilih" in html
    assert "Penyedia wajib diisi" in html
    html = client.post(url, {"outcome": "none_suitable"}).content.decode()
    assert "Alasan wajib diisi" in html
    response = client.post(url, {"outcome": "none_suitable", "reason": "Harga di atas HPS"})
    assert response.status_code == 302
    locked_shortlist.refresh_from_db()
    assert locked_shortlist.status == Shortlist.Status.DONE


def test_waiting_for_paperwork_is_oldest_first_with_days(client, locked_shortlist):
    owner = locked_shortlist.owner
    today = timezone.localdate()
    for days_ago, name in [(3, "Baru"), (40, "Lama"), (10, "Sedang")]:
        services.record_purchase(
            user=owner, outcome="bought", vendor_name=name, amount=100_000,
            purchased_at=timezone.now() - dt.timedelta(days=60), channel="pengadaan_langsung",
            delivered_on=today - dt.timedelta(days=days_ago),
        )  # fmt: skip
    services.record_purchase(
        user=owner, outcome="bought", vendor_name="Lunas", amount=5, channel="lainnya",
        purchased_at=timezone.now() - dt.timedelta(days=60),
        delivered_on=today - dt.timedelta(days=50), paid_on=today,
    )  # fmt: skip
    client.force_login(owner)
    response = client.get("/belanja/pembelian/menunggu-berkas/")
    purchases = response.context["purchases"]
    assert [p.vendor_name for p in purchases] == ["Lama", "Sedang", "Baru"]
    assert [p.days for p in purchases] == [40, 10, 3]
    assert "Lunas" not in response.content.decode()


def test_dashboard_changes_after_a_purchase(client, locked_shortlist):
    OPDBudgetFactory(opd=locked_shortlist.opd, year=2026, pagu_goods_services=10_000_000)
    client.force_login(locked_shortlist.owner)
    before = client.get("/belanja/?tahun=2026").context["figs"]
    assert before["realised"] == 0 and before["absorption_percent"] == 0.0
    services.record_purchase(
        user=locked_shortlist.owner, outcome="bought",
        item=locked_shortlist.items.order_by("position").first(), amount=1_800_000,
        purchased_at=dt.datetime(2026, 3, 31, 23, 59, tzinfo=WIB), channel="katalog_lokal",
        delivered_on=dt.date(2026, 4, 1),
    )  # fmt: skip
    response = client.get("/belanja/?tahun=2026")
    figs = response.context["figs"]
    assert figs["realised"] == 1_800_000
    assert figs["quarters"][0]["percent"] == 18.0 and figs["quarters"][0]["meets_target"]
    assert figs["umk_percent"] == 100.0 and figs["waiting_count"] == 1
    html = response.content.decode()
    assert "Rp 1.800.000" in html and 'role="img"' in html and "<desc" in html


def test_budget_is_set_by_the_head_not_by_a_buyer(client, locked_shortlist):
    from procurement.models import BuyerProfile, OPDBudget
    from tests.factories import BuyerProfileFactory

    client.force_login(locked_shortlist.owner)
    assert client.get("/belanja/anggaran/").status_code == 403
    head = BuyerProfileFactory(opd=locked_shortlist.opd, role=BuyerProfile.Role.HEAD).user
    client.force_login(head)
    response = client.post(
        "/belanja/anggaran/",
        {"opd": locked_shortlist.opd.pk, "year": "2026", "pagu_goods_services": "abc"},
    )
    assert "Pagu harus angka Rupiah penuh" in response.content.decode()
    client.post(
        "/belanja/anggaran/",
        {"opd": locked_shortlist.opd.pk, "year": "2026", "pagu_goods_services": "750000000"},
    )
    assert OPDBudget.objects.get(opd=locked_shortlist.opd, year=2026).pagu_goods_services == (
        750_000_000
    )


def test_ukpbj_sets_the_budget_of_any_opd(client):
    from django.contrib.auth.models import Group

    from procurement.models import OPDBudget
    from tests.factories import OPDFactory, UserFactory
    from vendors.roles import UKPBJ_GROUP

    opd = OPDFactory(name="Dinas Kesehatan (uji)")
    staff = UserFactory(username="staf-ukpbj")
    staff.groups.add(Group.objects.get_or_create(name=UKPBJ_GROUP)[0])
    client.force_login(staff)
    assert client.get("/belanja/anggaran/").status_code == 200
    response = client.post(
        "/belanja/anggaran/",
        {"opd": opd.pk, "year": "2026", "pagu_goods_services": "1250000000"},
    )
    assert response.status_code == 302 and response["Location"] == "/belanja/statistik/opd/"
    assert OPDBudget.objects.get(opd=opd, year=2026).pagu_goods_services == 1_250_000_000
    table = client.get("/belanja/statistik/opd/?tahun=2026").content.decode()
    assert "Dinas Kesehatan (uji)" in table
