"""A buyer walks the public catalogue: directory -> vendor profile -> product page.

Screenshots land in tests/browser/artifacts/ (git-ignored; CI keeps them as artefacts).
"""

import re

import pytest
from playwright.sync_api import expect

from catalog.models import Category
from catalog.reference import load_categories
from tests.browser.conftest import ARTIFACTS
from tests.factories import ProductFactory, VendorFactory, kecamatan
from vendors.models import Desa, Kecamatan
from vendors.reference import load_reference_data

pytestmark = pytest.mark.django_db(transaction=True)


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"public_{name}.png"), full_page=True)


@pytest.fixture
def catalogue():
    # A transactional test empties the tables when it ends, reference data included; load the
    # kecamatan and the category tree again the way their migrations do.
    if not Kecamatan.objects.exists():
        load_reference_data(Kecamatan, Desa)
    if not Category.objects.exists():
        load_categories(Category)
    vendor = VendorFactory(
        name="Koperasi Batik Sejahtera",
        legal_form="koperasi",
        is_koperasi=True,
        scale="kecil",
        kecamatan=kecamatan("Subah"),
        description="Batik tulis khas Batang untuk seragam dinas.",
        phone="+6281234500001",
        phone_public=True,
        inaproc_url="https://katalog.inaproc.id/koperasi-batik",
    )
    ProductFactory(
        vendor=vendor,
        name="Kain Batik Tulis Motif Tiga Negeri",
        category=Category.objects.get(slug="batik"),
        price=1250000,
        unit="lembar",
        min_order=2,
        tkdn_percent=60,
        is_pdn=True,
        ekatalog_url="https://katalog.inaproc.id/produk/batik-1",
    )
    ProductFactory(
        vendor=vendor,
        name="Seragam Batik Dinas",
        category=Category.objects.get(slug="seragam"),
        price=185000,
        unit="stel",
    )
    VendorFactory(name="Aneka Snack Bu Tin", kecamatan=kecamatan("Batang"))
    VendorFactory(name="Usaha Belum Diverifikasi", status="submitted")
    return vendor


def test_directory_to_vendor_to_product(live_server, page, catalogue):
    page.goto(live_server.url + "/penyedia/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Direktori penyedia")
    expect(page.get_by_text("Usaha Belum Diverifikasi")).to_have_count(0)
    shot(page, "1_direktori")

    # Narrow by letter, then open the vendor.
    page.get_by_role("link", name=re.compile(r"^Huruf K, 1 penyedia")).click()
    expect(page).to_have_url(re.compile(r"letter=K"))
    expect(page.get_by_text("Aneka Snack Bu Tin")).to_have_count(0)
    page.get_by_role("link", name="Koperasi Batik Sejahtera").click()

    expect(page).to_have_url(re.compile(rf"/penyedia/{catalogue.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Koperasi Batik Sejahtera")
    expect(page.get_by_text("Terverifikasi UKPBJ")).to_be_visible()
    expect(page.get_by_text("+6281234500001")).to_be_visible()
    expect(page.get_by_role("link", name="Toko di e-Katalog INAPROC")).to_be_visible()
    shot(page, "2_profil_penyedia")

    page.get_by_role("link", name="Kain Batik Tulis Motif Tiga Negeri").click()
    expect(page).to_have_url(re.compile(r"/produk/\d+/kain-batik-tulis-motif-tiga-negeri/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kain Batik Tulis Motif Tiga Negeri")
    expect(page.locator(".price").first).to_contain_text("Rp 1.250.000")
    expect(page.locator(".price").first).to_contain_text("/ lembar")
    buy = page.get_by_role("link", name="Beli lewat e-Katalog")
    expect(buy).to_have_attribute("href", "https://katalog.inaproc.id/produk/batik-1")
    expect(page.get_by_text("TKDN 60%")).to_be_visible()
    shot(page, "3_produk")


def test_product_not_on_inaproc_shows_the_notice(live_server, page, catalogue):
    page.goto(live_server.url + catalogue.get_absolute_url())
    page.get_by_role("link", name="Seragam Batik Dinas").click()
    expect(page.get_by_text("Produk ini belum tayang di INAPROC.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Beli lewat"))).to_have_count(0)
    shot(page, "4_produk_belum_inaproc")


def test_directory_filter_by_kecamatan_with_keyboard(live_server, page, catalogue):
    page.goto(live_server.url + "/penyedia/")
    page.get_by_label("Kecamatan").select_option(label="Subah")
    page.get_by_role("button", name="Terapkan").press("Enter")
    expect(page).to_have_url(re.compile(r"kecamatan=subah"))
    expect(page.get_by_role("link", name="Koperasi Batik Sejahtera")).to_be_visible()
    expect(page.get_by_text("Aneka Snack Bu Tin")).to_have_count(0)
