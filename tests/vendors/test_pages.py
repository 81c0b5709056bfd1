"""Public vendor pages: the A-Z directory (/penyedia/) and the profile (/penyedia/<slug>/)."""

import json
import re

import pytest
from django.utils import timezone

from catalog.models import Category
from tests.factories import ProductFactory, VendorFactory, kecamatan
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


def jsonld_of(response) -> dict:
    match = re.search(
        rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S
    )
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_directory_lists_verified_vendors_a_to_z(client):
    VendorFactory(name="Batik Rifa'iyah Kalipucang")
    VendorFactory(name="Aneka Snack Bu Tin")
    VendorFactory(name="Catering Belum Verifikasi", status=Vendor.Status.SUBMITTED)
    response = client.get("/penyedia/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Direktori penyedia" in html
    assert html.index("Aneka Snack Bu Tin") < html.index("Batik Rifa")
    assert "Catering Belum Verifikasi" not in html
    assert '<link rel="canonical" href="http://testserver/penyedia/">' in html
    assert 'href="/penyedia/"' in html  # the nav link


def test_letter_navigation_filters_and_marks_the_letter(client):
    VendorFactory(name="Aneka Snack")
    batik = VendorFactory(name="Batik Pesisir")
    ProductFactory.create_batch(3, vendor=batik)  # products must not inflate the letter count
    VendorFactory(name="99 Fotokopi")
    response = client.get("/penyedia/", {"letter": "B"})
    html = response.content.decode()
    assert "Batik Pesisir" in html and "Aneka Snack" not in html
    assert re.search(r'letter=B"[^>]*aria-current="true"', html)
    # Letters without vendors are not links; letters with vendors are.
    assert 'aria-label="Huruf A, 1 penyedia"' in html
    assert 'aria-label="Huruf B, 1 penyedia"' in html
    assert "letter=Z" not in html
    others = client.get("/penyedia/", {"letter": "#"}).content.decode()
    assert "99 Fotokopi" in others and "Batik Pesisir" not in others


def test_directory_filters_by_kecamatan_and_category(client):
    subah = VendorFactory(name="Dapur Subah", kecamatan=kecamatan("Subah"))
    ProductFactory(vendor=subah, category=Category.objects.get(slug="nasi-kotak"))
    printing = VendorFactory(name="Batang Printing")
    ProductFactory(vendor=printing, category=Category.objects.get(slug="spanduk-banner"))
    html = client.get("/penyedia/", {"kecamatan": "subah"}).content.decode()
    assert "Dapur Subah" in html and "Batang Printing" not in html
    # A parent category includes vendors selling in its subcategories.
    html = client.get("/penyedia/", {"category": "percetakan"}).content.decode()
    assert "Batang Printing" in html and "Dapur Subah" not in html
    assert 'name="robots" content="noindex, follow"' in html


def test_directory_bad_filter_is_a_form_error_not_a_500(client):
    VendorFactory(name="Aneka Snack")
    response = client.get("/penyedia/", {"kecamatan": "jakarta", "letter": "ZZ"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kecamatan ini tidak ada di Kabupaten Batang." in html
    assert "Aneka Snack" in html


def test_directory_paginates(client):
    VendorFactory.create_batch(31)
    first = client.get("/penyedia/").content.decode()
    assert "Halaman 1 dari 2" in first and 'rel="next"' in first
    second = client.get("/penyedia/", {"page": 2})
    assert second.status_code == 200 and "Halaman 2 dari 2" in second.content.decode()
    assert client.get("/penyedia/", {"page": "abc"}).status_code == 200


def test_directory_query_count_does_not_grow_with_vendors(client, django_assert_max_num_queries):
    VendorFactory.create_batch(30)
    with django_assert_max_num_queries(8):
        assert client.get("/penyedia/").status_code == 200


def test_profile_shows_what_buyers_need(client):
    vendor = VendorFactory(
        name="Koperasi Batik Sejahtera",
        legal_form="koperasi",
        is_koperasi=True,
        scale="kecil",
        kecamatan=kecamatan("Subah"),
        description="Batik tulis khas Batang untuk seragam dinas.",
        phone="+6281234500001",
        phone_public=True,
        whatsapp="+6281234500002",
        whatsapp_public=False,
        email="batik@contoh.id",
        email_public=True,
        inaproc_url="https://katalog.inaproc.id/koperasi-batik",
        verified_at=timezone.datetime(2026, 2, 11, 10, tzinfo=timezone.get_current_timezone()),
    )
    ProductFactory(
        vendor=vendor, name="Kain Batik Tulis", price=1250000, unit="lembar",
        category=Category.objects.get(slug="batik"),
    )  # fmt: skip
    ProductFactory(vendor=vendor, name="Draf Rahasia", status="draft")
    response = client.get(f"/penyedia/{vendor.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Koperasi Batik Sejahtera",
        "Koperasi",
        "Subah",
        "Usaha Kecil",
        "Terverifikasi UKPBJ, 11 Februari 2026",
        "Batik tulis khas Batang",
        "+6281234500001",
        "batik@contoh.id",
        "https://katalog.inaproc.id/koperasi-batik",
        "Kain Batik Tulis",
        "Rp 1.250.000",
        "/ lembar",
        "Kategori yang dilayani",
    ):
        assert text in html, text
    assert "+6281234500002" not in html  # WhatsApp not made public
    assert vendor.npwp not in html and vendor.nib not in html
    assert "Draf Rahasia" not in html
    assert f'<link rel="canonical" href="http://testserver/penyedia/{vendor.slug}/">' in html
    data = jsonld_of(response)
    assert data["@type"] == "Organization" and data["name"] == "Koperasi Batik Sejahtera"
    assert data["telephone"] == "+6281234500001"
    assert data["address"]["addressLocality"] == "Subah"


def test_profile_without_inaproc_store_says_so(client):
    vendor = VendorFactory(phone_public=False, email_public=False)
    html = client.get(f"/penyedia/{vendor.slug}/").content.decode()
    assert "belum punya toko di INAPROC" in html
    assert "belum menampilkan kontak" in html


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "suspended"])
def test_profile_of_unverified_vendor_is_404(client, status):
    vendor = VendorFactory(status=status)
    assert client.get(f"/penyedia/{vendor.slug}/").status_code == 404


def test_jsonld_cannot_break_out_of_its_script(client):
    vendor = VendorFactory(description="</script><script>alert(1)</script>")
    html = client.get(f"/penyedia/{vendor.slug}/").content.decode()
    assert "<script>alert(1)</script>" not in html


def test_sitemap_lists_verified_vendors_only(client):
    shown = VendorFactory()
    hidden = VendorFactory(status="draft")
    index = client.get("/sitemap.xml")
    assert b"http://testserver/sitemap-penyedia.xml" in index.content
    xml = client.get("/sitemap-penyedia.xml").content.decode()
    assert f"<loc>http://testserver/penyedia/{shown.slug}/</loc>" in xml
    assert f"/penyedia/{hidden.slug}/" not in xml


def test_profile_shows_legal_form_desa_and_toko_daring(client):
    from vendors.models import Desa

    desa = Desa.objects.get(kecamatan__name="Subah", name="Menjangan")
    vendor = VendorFactory(
        name="Sumber Rejeki",
        legal_form="cv",
        kecamatan=kecamatan("Subah"),
        desa=desa,
        inaproc_url="",
        toko_daring_url="https://www.tokopedia.com/sumber-rejeki",
    )
    html = client.get(f"/penyedia/{vendor.slug}/").content.decode()
    assert "CV · Kecamatan" in html
    assert "Desa Menjangan" in html
    assert 'href="https://www.tokopedia.com/sumber-rejeki"' in html
    assert "belum punya toko di INAPROC" not in html


def test_profile_counts_published_products_without_joining_them_to_the_vendor(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    vendor = VendorFactory(name="UD Maju Jaya")
    ProductFactory.create_batch(3, vendor=vendor)
    ProductFactory(vendor=vendor, status="draft")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/penyedia/{vendor.slug}/")
    assert response.status_code == 200
    assert '<span class="count">(3)</span>' in response.content.decode()
    vendor_rows = [q["sql"] for q in ctx.captured_queries if 'FROM "vendors_vendor"' in q["sql"]]
    assert len(vendor_rows) == 1 and "catalog_product" not in vendor_rows[0]
