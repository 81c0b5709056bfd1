"""End to end in Chromium: a vendor signs up, verifies the email (link from the locmem
outbox), fills the wizard, uploads a document, adds a product and submits; UKPBJ verifies in
the Wagtail admin; the product then appears in the public search."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from catalog.models import Category, Product
from tests.factories import UserFactory
from vendors.models import Kecamatan, Vendor
from vendors.roles import ensure_ukpbj_group

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Batang-Maju-2026!"
PRODUCT = "Nasi Kotak Mangut Manyung Khas Batang"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def reference_data():
    """Transactional tests flush the tables the migrations filled: load them again."""
    from catalog.reference import load_categories
    from vendors.models import Desa
    from vendors.reference import load_reference_data

    load_reference_data(Kecamatan, Desa)
    load_categories(Category)


def test_vendor_registers_and_gets_verified_and_listed(
    live_server, page, browser, tmp_path, reference_data
):
    url = live_server.url
    mail.outbox.clear()

    # 1. Sign up and verify the email address.
    page.goto(url + "/akun/signup/")
    page.locator("[name=email]").fill("warung.mangut@contoh.id")
    page.locator("[name=password1]").fill(PASSWORD)
    page.locator("[name=password2]").fill(PASSWORD)
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_role("heading", name="Periksa email Anda")).to_be_visible()
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/akun/confirm-email/\S+)", mail.outbox[0].body).group(1)
    page.goto(url + path)
    page.get_by_role("button", name="Konfirmasi").click()

    # 2. The wizard, step by step.
    page.goto(url + "/usaha/")
    page.get_by_role("link", name="Mulai pendaftaran usaha").click()
    page.locator("[name=legal_form]").select_option("ud")
    page.locator("[name=name]").fill("UD Mangut Manyung Bu Sri")
    page.locator("[name=nib]").fill("9120 3099 8877 6")
    page.locator("[name=npwp]").fill("01.234.567.8-901.000")
    page.locator("[name=kbli_codes]").fill("56210")
    page.locator("[name=pkp_status]").select_option("non_pkp")
    page.get_by_role("button", name="Simpan dan lanjut").click()
    expect(page.get_by_role("heading", name=re.compile("Langkah 2 dari 4"))).to_be_visible()
    page.locator("[name=address]").fill("Jl. Yos Sudarso 21")
    page.locator("[name=kecamatan]").select_option(str(Kecamatan.objects.get(name="Batang").pk))
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.locator("[name=whatsapp]").fill("0812-2233-4455")
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.get_by_role("button", name="Simpan dan lanjut").click()  # no store links yet
    expect(page.get_by_role("heading", name="Periksa dan ajukan verifikasi")).to_be_visible()

    # 3. Upload the NIB document.
    pdf = tmp_path / "nib.pdf"
    pdf.write_bytes(PDF)
    page.goto(url + "/usaha/dokumen/")
    page.locator("[name=kind]").select_option("nib")
    page.locator("[name=number]").fill("9120309988776")
    page.locator("[name=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="Unggah").click()
    expect(page.get_by_text("Dokumen diunggah")).to_be_visible()

    # 4. Add a product.
    category = Category.objects.get(slug="nasi-kotak")
    page.goto(url + "/usaha/produk/baru/")
    page.locator("[name=name]").fill(PRODUCT)
    page.locator("[name=category]").select_option(str(category.pk))
    page.locator("[name=unit]").fill("kotak")
    page.locator("[name=price]").fill("35000")
    page.locator("[name=status]").select_option("published")
    page.get_by_role("button", name="Simpan produk").click()
    expect(page.get_by_text(f"Produk {PRODUCT} disimpan.")).to_be_visible()

    # 5. Submit.
    page.goto(url + "/usaha/daftar/ajukan/")
    page.locator("[name=confirm]").check()
    page.get_by_role("button", name="Ajukan verifikasi").click()
    expect(page.get_by_text("Pendaftaran diajukan")).to_be_visible()
    vendor = Vendor.objects.get(nib="9120309988776")
    assert vendor.status == Vendor.Status.SUBMITTED
    assert not Product.objects.public().filter(name=PRODUCT).exists()

    # 6. UKPBJ verifies in the Wagtail admin.
    officer = UserFactory(username="petugas-ukpbj")
    officer.groups.add(ensure_ukpbj_group())  # the group as deployments set it up
    context = browser.new_context(locale="id-ID")
    admin = context.new_page()
    admin.goto(url + "/admin/login/")
    admin.locator("input[name=username]").fill("petugas-ukpbj")
    admin.locator("input[name=password]").fill("kata-sandi-uji-123")
    admin.locator("input[name=password]").press("Enter")
    admin.wait_for_url(re.compile(r"/admin/$"))
    admin.goto(url + "/admin/ukpbj/verifikasi/")
    admin.get_by_role("link", name="UD Mangut Manyung Bu Sri").first.click()
    expect(admin.get_by_text("9120309988776").first).to_be_visible()
    admin.get_by_role("button", name="Verifikasi").click()
    expect(admin.get_by_text("diverifikasi.")).to_be_visible()
    context.close()
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.VERIFIED
    assert any("terverifikasi" in m.subject for m in mail.outbox)

    # 7. The product is public and found by the public search.
    assert Product.objects.public().filter(name=PRODUCT).exists()
    page.goto(url + "/cari/?q=mangut+manyung")
    expect(page.get_by_text(PRODUCT).first).to_be_visible()
