"""The "siap Katalog v6?" checklist on the vendor dashboard."""

import pytest

from tests.factories import (
    CategoryFactory,
    ProductFactory,
    VendorDocumentFactory,
    VendorMemberFactory,
)
from vendors.readiness import readiness_checklist

pytestmark = pytest.mark.django_db


def items(vendor):
    return {item.key: item for item in readiness_checklist(vendor)}


def test_new_vendor_is_told_what_is_missing_with_guidance_links(client):
    member = VendorMemberFactory(
        vendor__npwp="", vendor__kbli_codes=[], vendor__pkp_status="unknown"
    )
    client.force_login(member.user)
    html = client.get("/usaha/").content.decode()
    assert "Siap Katalog v6?" in html
    assert "NPWP 16 digit" in html and "Status PKP diketahui" in html
    assert "Baca panduannya" in html
    checks = items(member.vendor)
    missing = {key for key, item in checks.items() if not item.ok}
    # Nothing claims TKDN/SNI/halal yet, so no certificate is missing.
    assert missing == {"nib", "npwp", "pkp", "kbli", "products", "inaproc"}
    # No guidance page in this test database: links fall back to the guidance index.
    assert checks["npwp"].guidance_url == "/panduan/"


def test_complete_vendor_passes_every_item():
    category = CategoryFactory(slug="kertas-siap", kbli_hints=["47611"])
    member = VendorMemberFactory(
        vendor__kbli_codes=["47611"], vendor__pkp_status="pkp",
        vendor__inaproc_url="https://katalog.inaproc.id/toko/1",
    )  # fmt: skip
    vendor = member.vendor
    VendorDocumentFactory(vendor=vendor, kind="nib")
    product = ProductFactory(vendor=vendor, category=category, has_sni=True)
    VendorDocumentFactory(vendor=vendor, kind="sni")
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from catalog.models import ProductImage

    image = get_image_model().objects.create(title="foto", file=get_test_image_file())
    ProductImage.objects.create(product=product, image=image)
    checks = items(vendor)
    assert {k: v.ok for k, v in checks.items()} == {k: True for k in checks}


def test_kbli_mismatch_and_missing_certificates_name_the_products():
    category = CategoryFactory(slug="katering-siap", kbli_hints=["56210"])
    member = VendorMemberFactory(vendor__kbli_codes=["47611"])
    ProductFactory(vendor=member.vendor, category=category, name="Nasi Kotak Ayam",
                   is_halal=True, tkdn_percent=30)  # fmt: skip
    checks = items(member.vendor)
    assert not checks["kbli"].ok and checks["kbli"].problems == ["Nasi Kotak Ayam"]
    assert not checks["certificates"].ok
    assert "Nasi Kotak Ayam: sertifikat halal" in checks["certificates"].problems
    assert "Nasi Kotak Ayam: sertifikat TKDN" in checks["certificates"].problems
    assert not checks["products"].ok  # no photo


def test_expired_nib_document_does_not_count():
    import datetime

    member = VendorMemberFactory()
    VendorDocumentFactory(vendor=member.vendor, kind="nib", expires_on=datetime.date(2020, 1, 1))
    assert not items(member.vendor)["nib"].ok


def test_items_link_to_the_live_guidance_page_that_explains_them(client):
    import io

    from django.core.management import call_command

    call_command("load_initial_content", verbosity=0, stdout=io.StringIO())
    member = VendorMemberFactory(vendor__npwp="", vendor__pkp_status="unknown")
    checks = items(member.vendor)
    assert checks["npwp"].guidance_url.rstrip("/").endswith("/usaha-lokal-masuk-katalog-v6")
    assert checks["certificates"].guidance_url.rstrip("/").endswith("/preferensi-tkdn-pdn")
    client.force_login(member.user)
    html = client.get("/usaha/").content.decode()
    assert f'href="{checks["npwp"].guidance_url}"' in html
    assert client.get(checks["npwp"].guidance_url).status_code == 200
