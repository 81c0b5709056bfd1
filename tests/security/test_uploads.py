"""Uploads through the real views: vendor documents (/usaha/dokumen/) and product photos
(/usaha/produk/baru/). Scripts, markup and SVG under a .pdf/.jpg name are refused with a form
error; polyglots are refused or served inertly; documents have no public URL and reach only
the vendor's members and UKPBJ, as an attachment with nosniff."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model

from catalog.models import Product, ProductImage
from tests.factories import CategoryFactory, UserFactory, VendorMemberFactory
from vendors.models import VendorDocument
from vendors.roles import ensure_ukpbj_group

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PHP = b"<?php system($_GET['c']); ?>\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)
# A JPEG's first bytes followed by a page: sniffers that read only the magic number say JPEG.
JPEG_HTML_POLYGLOT = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + HTML
PNG_HTML_POLYGLOT = b"\x89PNG\r\n\x1a\n" + HTML
# A PDF header with a page after it: a valid-looking PDF to a sniffer.
PDF_HTML_POLYGLOT = b"%PDF-1.4\n" + HTML + b"\n%%EOF\n"


def jpeg_bytes(trailer=b""):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (10, 90, 60)).save(buffer, "JPEG")
    return buffer.getvalue() + trailer


@pytest.fixture
def member(client):
    member = VendorMemberFactory()
    client.force_login(member.user)
    return member


def upload_document(client, name, content, content_type="application/pdf"):
    data = {
        "kind": "nib",
        "number": "9120301234567",
        "issued_on": "",
        "expires_on": "",
        "tkdn_percent": "",
        "file": SimpleUploadedFile(name, content, content_type),
    }
    return client.post("/usaha/dokumen/", data)


def upload_photo(client, name, content, content_type="image/jpeg"):
    category = CategoryFactory(name="Kertas", slug="kertas-unggah")
    data = {
        "name": "Kertas HVS A4", "category": category.pk, "kind": "barang",
        "description": "Putih.", "brand": "", "unit": "rim", "price": "56000",
        "price_valid_until": "", "min_order": "1", "lead_time_days": "2", "capacity": "",
        "tkdn_percent": "", "tkdn_bmp_percent": "", "tkdn_certificate_number": "",
        "ekatalog_url": "", "toko_daring_url": "", "keywords": "", "status": "published",
        "photo_alt": "", "photo": SimpleUploadedFile(name, content, content_type),
    }  # fmt: skip
    return client.post("/usaha/produk/baru/", data)


DISGUISED = [
    ("nib.pdf", PHP, "application/pdf"),
    ("nib.pdf", HTML, "application/pdf"),
    ("nib.pdf", SVG, "application/pdf"),
    ("scan.jpg", PHP, "image/jpeg"),
    ("scan.jpg", HTML, "image/jpeg"),
    ("scan.jpg", SVG, "image/jpeg"),
    ("scan.svg", SVG, "image/svg+xml"),
    ("scan.jpg", JPEG_HTML_POLYGLOT, "image/jpeg"),
    ("scan.png", PNG_HTML_POLYGLOT, "image/png"),
]


@pytest.mark.parametrize("name,content,content_type", DISGUISED)
def test_disguised_document_is_refused_with_a_form_error(
    client, member, name, content, content_type
):
    response = upload_document(client, name, content, content_type)
    assert response.status_code == 200
    assert "Isi berkas bukan PDF, JPEG atau PNG" in response.content.decode()
    assert not VendorDocument.objects.exists()
    assert not any(settings.PRIVATE_MEDIA_ROOT.rglob("*.*"))


@pytest.mark.parametrize("name,content,content_type", DISGUISED)
def test_disguised_product_photo_is_refused_with_a_form_error(
    client, member, name, content, content_type
):
    response = upload_photo(client, name, content, content_type)
    assert response.status_code == 200
    assert "Foto produk: " in response.content.decode()
    assert not Product.objects.exists()
    assert not get_image_model().objects.exists()


def test_oversize_document_is_refused_with_a_form_error(client, member):
    big = PDF + b"0" * (settings.VENDOR_DOCUMENT_MAX_BYTES + 1)
    response = upload_document(client, "nib.pdf", big)
    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.content.decode()
    assert not VendorDocument.objects.exists()


def test_oversize_product_photo_is_refused_with_a_form_error(client, member):
    padding = b"\x00" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = upload_photo(client, "foto.jpg", jpeg_bytes(padding))
    assert response.status_code == 200
    assert "Foto produk: " in response.content.decode()
    assert not Product.objects.exists()


def test_image_that_decodes_to_too_many_pixels_is_refused(client, member):
    """A few kilobytes of PNG that would take gigabytes to decode."""
    buffer = io.BytesIO()
    PILImage.new("1", (10_000, 6_000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000
    response = upload_document(client, "scan.png", buffer.getvalue(), "image/png")
    assert response.status_code == 200
    assert "Isi berkas bukan PDF, JPEG atau PNG" in response.content.decode()
    assert not VendorDocument.objects.exists()


def test_pdf_polyglot_is_stored_but_only_ever_served_as_an_inert_pdf(client, member):
    """A file that is a PDF to every sniffer is accepted; it is never served as HTML."""
    assert upload_document(client, "nib.pdf", PDF_HTML_POLYGLOT).status_code == 302
    document = VendorDocument.objects.get()
    assert document.content_type == "application/pdf"
    for query in ("", "?inline=1"):
        response = client.get(f"/usaha/dokumen/{document.pk}/unduh/{query}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        assert "script-src 'self'" in response["Content-Security-Policy"]
    download = client.get(f"/usaha/dokumen/{document.pk}/unduh/")
    assert download["Content-Disposition"].startswith("attachment;")


def test_document_is_private_owner_and_ukpbj_only(client, member):
    assert upload_document(client, "nib.pdf", PDF).status_code == 302
    document = VendorDocument.objects.get()
    url = f"/usaha/dokumen/{document.pk}/unduh/"

    # Stored outside MEDIA_ROOT, under a random name; no URL at all.
    path = settings.PRIVATE_MEDIA_ROOT / document.file.name
    assert path.is_file()
    assert settings.MEDIA_ROOT not in path.parents
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018

    # The owner gets it as an attachment with nosniff.
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    # Framed only by our own pages (UKPBJ's review page previews ?inline=1).
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]

    # UKPBJ too.
    officer = UserFactory()
    officer.groups.add(ensure_ukpbj_group())
    ukpbj = Client()
    ukpbj.force_login(officer)
    assert ukpbj.get(url).status_code == 200

    # Anyone else: anonymous is sent to log in, another vendor and a buyer get 404.
    assert Client().get(url).status_code == 302
    stranger = Client()
    stranger.force_login(VendorMemberFactory().user)
    assert stranger.get(url).status_code == 404

    # Nothing under MEDIA_URL or any other public path serves it.
    anonymous = Client()
    for public in [
        settings.MEDIA_URL + document.file.name,
        settings.MEDIA_URL + "private/" + document.file.name,
        "/" + document.file.name,
        "/dokumen/" + document.file.name,
        "/static/" + document.file.name,
    ]:
        assert anonymous.get(public).status_code == 404, public


def test_product_photo_shown_publicly_is_a_re_encoded_rendition(client, member):
    """The public page shows a rendition Pillow re-encoded, not the uploaded bytes (a JPEG
    with a page appended is an image to Pillow; the appended page is gone from the rendition)."""
    marker = b"<script>alert(1)</script>"
    response = upload_photo(client, "foto.jpg", jpeg_bytes(marker))
    assert response.status_code == 302
    product = Product.objects.get()
    item = ProductImage.objects.get(product=product)
    page = Client().get(product.get_absolute_url())
    assert page.status_code == 200
    rendition = item.image.get_rendition("max-800x600")
    assert f'<img src="{rendition.url}"' in page.content.decode()
    with rendition.file.open("rb") as handle:
        assert marker not in handle.read()
