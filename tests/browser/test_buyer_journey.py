"""A buyer's whole journey in a real browser: log in, shortlist from the search results and a
product page,
compare, lock, export XLSX (opened with openpyxl), record a purchase and its milestones, and
see the dashboard change."""

import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from procurement.models import Purchase
from tests.factories import (
    BuyerProfileFactory,
    OPDBudgetFactory,
    OPDFactory,
    ProductFactory,
    UserFactory,
    VendorFactory,
)
from vendors.models import Vendor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue():
    opd = OPDFactory(
        name="Dinas Perindustrian, Perdagangan, Koperasi dan UKM", short_name="Disperindagkop"
    )
    OPDBudgetFactory(opd=opd, year=timezone.localdate().year, pagu_goods_services=100_000_000)
    user = UserFactory(username="ppk-disperindagkop", first_name="Sri", last_name="Wahyuni")
    BuyerProfileFactory(user=user, opd=opd)
    bakery = VendorFactory(name="Kue Bu Sri Subah", scale=Vendor.Scale.MIKRO,
                           inaproc_url="https://katalog.inaproc.id/kue-bu-sri")  # fmt: skip
    water = VendorFactory(name="Tirta Roban", scale=Vendor.Scale.KECIL, inaproc_url="")
    products = [
        ProductFactory(name="Snack box rapat isi 4", vendor=bakery, price=15_000, unit="kotak",
                       tkdn_percent=None, is_pdn=True),
        ProductFactory(name="Nasi kotak ayam bakar", vendor=bakery, price=27_500, unit="kotak"),
        ProductFactory(name="Air mineral gelas 220 ml", vendor=water, price=1_000, unit="gelas",
                       tkdn_percent=45, tkdn_bmp_percent=52),
    ]  # fmt: skip
    return user, products


def test_buyer_journey(live_server, page, catalogue, tmp_path):
    user, (snack, rice, water) = catalogue
    base = live_server.url

    # Log in through the buyer login page, coming back to the shortlists.
    page.goto(base + "/belanja/daftar/")
    expect(page).to_have_url(re.compile(r"/belanja/masuk/\?next="))
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill("kata-sandi-uji-123")
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/belanja/daftar/$"))

    # The dashboard before any purchase.
    page.goto(base + "/belanja/")
    expect(page.locator("[data-figure=realised]")).to_have_text("Rp 0")

    # Create the shortlist for a need.
    page.goto(base + "/belanja/daftar/baru/")
    page.get_by_label("Judul kebutuhan").fill("Mamin rapat koordinasi UMKM, 150 orang")
    page.get_by_label("Uraian kebutuhan").fill(
        "Snack dan makan siang rapat koordinasi bulan Maret."
    )
    page.get_by_label("Kode RUP").fill("45123678")
    page.get_by_label("Pagu (Rp)").fill("7500000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mamin rapat koordinasi UMKM, 150 orang"
    )

    # The need starts with a search: two items added straight from the search results...
    for words, product, quantity in [("snack box", snack, "150"), ("air mineral", water, "300")]:
        page.goto(base + "/cari/")
        page.get_by_label("Kata kunci").fill(words)
        page.get_by_role("button", name="Cari", exact=True).click()
        expect(page).to_have_url(re.compile(r"/cari/\?q="))
        result = page.locator("li.result").filter(
            has=page.get_by_role("link", name=product.name, exact=True)
        )
        expect(result).to_have_count(1)
        form = result.locator("form.add-to-shortlist")
        form.get_by_label("Jumlah").fill(quantity)
        form.get_by_role("button", name="Tambah ke daftar pendek").click()
        expect(page.locator(".messages")).to_contain_text("ditambahkan ke daftar pendek")
        expect(page).to_have_url(re.compile(r"/cari/\?q="))  # back on the results

    # ...and one from its public product page.
    page.goto(base + rice.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(rice.name)
    form = page.locator("form.add-to-shortlist")
    form.get_by_label("Jumlah").fill("150")
    form.get_by_role("button", name="Tambah ke daftar pendek").click()
    expect(page.locator(".messages")).to_contain_text("ditambahkan ke daftar pendek")

    page.goto(base + "/belanja/daftar/")
    page.get_by_role("link", name="Mamin rapat koordinasi UMKM, 150 orang").click()
    rows = page.locator("#butir tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator("#butir")).to_contain_text("Belum di INAPROC")  # Tirta Roban

    # Compare, sorted by the domestic-product preference.
    page.get_by_role("link", name="Bandingkan").click()
    page.get_by_role("link", name="Urutkan menurut preferensi TKDN/PDN").click()
    first_row = page.locator("table.compare tbody tr").first
    expect(first_row).to_contain_text("Air mineral gelas 220 ml")
    expect(page.get_by_text("Perpres 46/2025", exact=False).first).to_be_visible()
    page.get_by_role("link", name="Kembali ke daftar pendek").click()

    # Lock, then export XLSX and open it.
    page.get_by_role("button", name="Kunci daftar pendek").click()
    expect(page.locator("[data-status]")).to_have_text("Dikunci")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh XLSX").click()
    path = tmp_path / "daftar-pendek.xlsx"
    download_info.value.save_as(path)
    sheet = load_workbook(path).active
    values = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(values) if row[0] == "No.")
    items = values[header + 1 : header + 4]
    assert [row[1] for row in items] == [
        "Snack box rapat isi 4",
        "Air mineral gelas 220 ml",
        "Nasi kotak ayam bakar",
    ]
    assert [row[7] for row in items] == [2_250_000, 300_000, 4_125_000]
    assert any(
        row[1] == "Disperindagkop" or row[1] == user.buyer_profile.opd.name for row in values
    )

    # Record the purchase of the snack boxes, then its milestones.
    page.get_by_role("link", name="Catat hasil butir ini").first.click()
    page.get_by_label("Dibeli", exact=True).check()
    page.get_by_label("Nilai (Rp)").fill("2250000")
    page.get_by_label("Cara pembelian").select_option("toko_daring")
    page.get_by_label("Nomor pesanan/kontrak").fill("TD-2026-0042")
    page.get_by_role("button", name="Simpan hasil").click()
    expect(page.locator("[data-outcome]")).to_have_text("Dibeli")
    today = timezone.localdate().isoformat()
    page.get_by_label("Barang/jasa diterima").fill(today)
    page.get_by_label("BAST ditandatangani").fill(today)
    page.get_by_role("button", name="Simpan tahapan").click()
    expect(page.locator(".messages")).to_contain_text("Tahapan pembayaran disimpan")
    purchase = Purchase.objects.get()
    assert purchase.amount == 2_250_000 and purchase.bast_signed_on is not None

    page.get_by_role("link", name="Menunggu berkas").first.click()
    expect(page.locator("table.data tbody")).to_contain_text("Kue Bu Sri Subah")

    # The dashboard changed.
    page.get_by_role("link", name="Dasbor").click()
    expect(page.locator("[data-figure=realised]")).to_have_text("Rp 2.250.000")
    expect(page.locator("[data-figure=waiting]")).to_have_text("1")
    expect(page.locator("svg.chart").first).to_be_visible()
