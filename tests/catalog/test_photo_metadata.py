"""Product photos lose their EXIF/XMP (GPS location, camera serial) at upload, through the
vendor pages and the vendor API, and every public URL that serves the photo (page JSON-LD,
the public API, the renditions on the page and in the vendor API) serves pixels only, turned
upright by the original's EXIF orientation (catalog/photos.py, docs/decisions/0021)."""

import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import ExifTags
from PIL import Image as PILImage
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalog.models import Product, ProductImage
from tests.factories import CategoryFactory, VendorMemberFactory

pytestmark = pytest.mark.django_db

SERIAL = "SN-RUMAH-4411902"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="6,54.5S"/></rdf:RDF></x:xmpmeta>'
)
RED, BLUE = (220, 20, 20), (20, 20, 220)


@pytest.fixture(autouse=True)
def _no_stale_renditions():
    """Wagtail caches renditions by image id; ids repeat across tests while MEDIA_ROOT moves
    per test (tests/conftest.py), so a cached rendition would name another test's file."""
    caches["default"].clear()


def phone_photo(fmt="JPEG", name="IMG_0001.jpg") -> SimpleUploadedFile:
    """A 60x40 photo stored sideways (left half red, right half blue) with EXIF orientation 6
    (turn 90 degrees clockwise to view: 40x60, red on top), a GPS position in Batang, a camera
    serial and XMP, as a phone writes them."""
    image = PILImage.new("RGB", (60, 40), BLUE)
    image.paste(RED, (0, 0, 30, 40))
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = SERIAL
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "S",
            ExifTags.GPS.GPSLatitude: (6.0, 54.0, 30.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (109.0, 43.0, 12.0),
        }
    )
    buffer = io.BytesIO()
    image.save(buffer, fmt, exif=exif, xmp=XMP, quality=95)
    data = buffer.getvalue()
    # The fixture really carries what we claim to remove.
    with PILImage.open(io.BytesIO(data)) as check:
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert check.getexif()[ExifTags.Base.Orientation] == 6
    assert SERIAL.encode() in data and b"GPSLatitude" in data
    return SimpleUploadedFile(name, data, content_type=f"image/{fmt.lower()}")


def product_form(category, photo) -> dict:
    return {
        "name": "Batik tulis Rifaiyah", "category": category.pk, "kind": "barang",
        "description": "Kain batik tulis.", "brand": "", "unit": "lembar", "price": "750000",
        "price_valid_until": "", "min_order": "1", "lead_time_days": "7", "capacity": "",
        "tkdn_percent": "", "tkdn_bmp_percent": "", "tkdn_certificate_number": "",
        "ekatalog_url": "", "toko_daring_url": "", "keywords": "", "status": "published",
        "photo": photo, "photo_alt": "Batik",
    }  # fmt: skip


def stored_bytes(url: str) -> bytes:
    """The bytes a public /media/ URL serves, read from storage."""
    path = urlsplit(url).path
    assert path.startswith(settings.MEDIA_URL), url
    with default_storage.open(path[len(settings.MEDIA_URL) :], "rb") as handle:
        return handle.read()


def assert_clean_and_upright(data: bytes, url: str) -> None:
    assert SERIAL.encode() not in data, url
    assert b"GPSLatitude" not in data and b"xmpmeta" not in data, url
    with PILImage.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo), url
        assert not exif.get_ifd(ExifTags.IFD.Exif), url
        assert ExifTags.Base.Orientation not in exif, url  # nothing left to turn by
        assert "xmp" not in image.info, url
        image = image.convert("RGB")
        width, height = image.size
        assert height >= width, (url, image.size)  # portrait (or a square crop of it)
        # Upright: the whole top is red and the whole bottom blue (sideways: red left).
        for x in (width // 8, width * 7 // 8):
            top = image.getpixel((x, height // 8))
            bottom = image.getpixel((x, height * 7 // 8))
            assert top[0] > 150 and top[2] < 100, (url, x, top)
            assert bottom[2] > 150 and bottom[0] < 100, (url, x, bottom)


def public_photo_urls(product: Product) -> list[str]:
    """Every public URL serving the product's photos: the page's <img> renditions and
    JSON-LD images, and the public API's image URLs."""
    anonymous = Client()
    page = anonymous.get(product.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    urls = re.findall(r'<img src="([^"]+)"', html)
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ld = [json.loads(b) for b in blocks]
    jsonld_images = [url for b in ld if b.get("@type") == "Product" for url in b["image"]]
    assert jsonld_images
    urls += jsonld_images
    api = anonymous.get(f"/api/v1/products/{product.pk}/")
    assert api.status_code == 200
    api_images = [image["url"] for image in api.json()["images"]]
    assert api_images
    return urls + api_images


def test_photo_uploaded_on_the_vendor_page_is_public_without_gps(client):
    member = VendorMemberFactory()
    client.force_login(member.user)
    response = client.post("/usaha/produk/baru/", product_form(CategoryFactory(), phone_photo()))
    assert response.status_code == 302
    product = Product.objects.get(vendor=member.vendor)
    item = ProductImage.objects.get(product=product)
    assert (item.image.width, item.image.height) == (40, 60)

    urls = public_photo_urls(product)
    assert any("/original_images/" in url for url in urls)  # the stored original itself
    assert any("/images/" in url for url in urls)  # and a rendition
    for url in urls:
        assert_clean_and_upright(stored_bytes(url), url)
    # The vendor's own thumbnails are renditions of the same clean original.
    for spec in ("fill-64x64", "fill-160x160", "max-800x600"):
        rendition = item.image.get_rendition(spec)
        with rendition.file.open("rb") as handle:
            data = handle.read()
        assert SERIAL.encode() not in data and b"GPSLatitude" not in data, spec


@pytest.mark.parametrize(
    ("fmt", "name", "stored_ext"),
    [("JPEG", "IMG_0002.jpg", ".jpg"), ("WEBP", "IMG_0003.webp", ".webp")],
)
def test_photo_uploaded_through_the_vendor_api_is_public_without_gps(fmt, name, stored_ext):
    member = VendorMemberFactory()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member.user).key}")
    category = CategoryFactory()
    data = {k: v for k, v in product_form(category, phone_photo(fmt, name)).items() if v != ""}
    response = api.post("/api/v1/me/vendor/products/", data, format="multipart")
    assert response.status_code == 201, response.json()
    product = Product.objects.get(vendor=member.vendor)
    assert ProductImage.objects.get(product=product).image.file.name.endswith(stored_ext)

    thumbnails = [image["thumbnail_url"] for image in response.json()["images"]]
    assert thumbnails
    for url in public_photo_urls(product) + thumbnails:
        assert_clean_and_upright(stored_bytes(url), url)


def test_png_text_chunks_are_dropped_and_a_broken_photo_is_a_form_error(client):
    member = VendorMemberFactory()
    client.force_login(member.user)
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"Lokasi rumah -6.9, 109.7 {SERIAL}")
    buffer = io.BytesIO()
    PILImage.new("RGB", (30, 50), RED).save(buffer, "PNG", pnginfo=info)
    assert SERIAL.encode() in buffer.getvalue()
    photo = SimpleUploadedFile("catatan.png", buffer.getvalue(), content_type="image/png")
    response = client.post("/usaha/produk/baru/", product_form(CategoryFactory(), photo))
    assert response.status_code == 302
    item = ProductImage.objects.get(product__vendor=member.vendor)
    with item.image.file.open("rb") as handle:
        assert SERIAL.encode() not in handle.read()

    truncated = phone_photo().read()[:200]
    response = client.post(
        "/usaha/produk/baru/",
        product_form(CategoryFactory(), SimpleUploadedFile("rusak.jpg", truncated, "image/jpeg")),
    )
    assert response.status_code == 200
    assert "bukan foto JPEG, PNG atau WebP yang utuh" in response.content.decode()
