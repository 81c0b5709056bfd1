"""A vendor's own products: create/edit/archive with photos and link checks; other vendors'
products are out of reach (404)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from catalog.models import Product
from tests.factories import CategoryFactory, ProductFactory, VendorMemberFactory
from vendors.models import AuditEvent, LinkReview

pytestmark = pytest.mark.django_db


def jpeg(name="foto.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 240), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def member(client):
    member = VendorMemberFactory()
    client.force_login(member.user)
    return member


@pytest.fixture
def category():
    return CategoryFactory(name="Kertas", slug="kertas-uji")


def product_data(cat, **overrides):
    data = {
        "name": "Kertas HVS A4 80 gsm", "category": cat.pk, "kind": "barang",
        "description": "Putih, 500 lembar.", "brand": "", "unit": "rim", "price": "56000",
        "price_valid_until": "", "min_order": "1", "lead_time_days": "2", "capacity": "",
        "tkdn_percent": "", "tkdn_bmp_percent": "", "tkdn_certificate_number": "",
        "ekatalog_url": "", "toko_daring_url": "", "keywords": "", "status": "published",
        "photo_alt": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_create_product_with_photo_uses_wagtail_images_and_is_audited(client, member, category):
    response = client.post(
        "/usaha/produk/baru/", {**product_data(category), "photo": jpeg(), "photo_alt": "Rim"}
    )
    assert response.status_code == 302
    product = Product.objects.get(vendor=member.vendor)
    assert product.price == 56000 and product.status == Product.Status.PUBLISHED
    image = product.images.get()
    assert image.alt_text == "Rim"
    rendition = image.image.get_rendition("fill-160x160")
    assert rendition.width == 160
    assert AuditEvent.objects.filter(vendor=member.vendor, action="create",
                                     object_type="product").exists()  # fmt: skip
    html = client.get(f"/usaha/produk/{product.pk}/").content.decode()
    assert "Ubah produk" in html and "<img" in html


@pytest.mark.parametrize(
    ("field", "bad", "good", "message"),
    [
        ("price", "0", "52000", "Harga harus lebih dari Rp 0."),
        ("price", "52.000,50", "52000", "Harga harus bilangan bulat"),
        ("name", "", "Map Plastik", "Nama produk wajib diisi."),
        ("unit", "", "pcs", "Satuan wajib diisi"),
        ("price", "", "52000", "Harga wajib diisi dalam Rupiah penuh."),
        ("min_order", "0", "10", "Pesanan minimum paling sedikit 1."),
        ("min_order", "abc", "10", "Pesanan minimum harus bilangan bulat."),
        ("lead_time_days", "abc", "3", "Waktu kirim harus jumlah hari (bilangan bulat)."),
        ("lead_time_days", "-1", "0", "Waktu kirim (hari): "),
        ("capacity", "x" * 130, "500 rim/minggu", "Kapasitas: "),
        ("tkdn_percent", "-5", "0", "TKDN tidak boleh kurang dari 0%"),
        ("tkdn_percent", "150", "45", "TKDN tidak boleh lebih dari 100%"),
        ("category", "", None, "Kategori wajib dipilih."),
        ("ekatalog_url", "ftp://katalog.inaproc.id/p/1", "https://katalog.inaproc.id/p/1",
         "harus alamat web lengkap"),
        ("toko_daring_url", "bukan url", "https://shopee.co.id/toko/1", "alamat web lengkap"),
    ],
)  # fmt: skip
def test_product_fields_reject_bad_and_accept_good_values(
    client, member, category, field, bad, good, message
):
    response = client.post("/usaha/produk/baru/", product_data(category, **{field: bad}))
    assert response.status_code == 200
    assert message in response.content.decode()
    good = category.pk if good is None else good
    response = client.post("/usaha/produk/baru/", product_data(category, **{field: good}))
    assert response.status_code == 302


def test_tkdn_bmp_below_tkdn_is_refused(client, member, category):
    response = client.post(
        "/usaha/produk/baru/", product_data(category, tkdn_percent="40", tkdn_bmp_percent="30")
    )
    assert "TKDN + BMP tidak boleh lebih kecil dari TKDN." in response.content.decode()


def test_a_file_that_is_not_an_image_is_refused_as_photo(client, member, category):
    fake = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00" + b"\x00" * 100, "image/jpeg")
    response = client.post("/usaha/produk/baru/", {**product_data(category), "photo": fake})
    assert response.status_code == 200
    assert "Foto produk: " in response.content.decode()
    assert not Product.objects.exists()


def test_link_on_unknown_host_is_saved_but_flagged_known_host_is_not(client, member, category):
    client.post(
        "/usaha/produk/baru/",
        product_data(category, ekatalog_url="https://katalog.inaproc.id/produk/123",
                     toko_daring_url="https://toko-serba-ada.example.net/p/9"),
    )  # fmt: skip
    product = Product.objects.get()
    assert product.toko_daring_url == "https://toko-serba-ada.example.net/p/9"
    flagged = LinkReview.objects.get()
    assert (flagged.object_id, flagged.field) == (product.pk, "toko_daring_url")
    assert (
        "toko-serba-ada.example.net" in client.get(f"/usaha/produk/{product.pk}/").content.decode()
    )


def test_edit_writes_a_json_diff_and_archive_hides_the_product(client, member, category):
    product = ProductFactory(vendor=member.vendor, category=category, price=50000)
    response = client.post(f"/usaha/produk/{product.pk}/", product_data(category, price="61000"))
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="update", object_type="product").get()
    assert event.changes["price"] == {"old": 50000, "new": 61000}
    assert event.actor == member.user
    client.post(f"/usaha/produk/{product.pk}/arsipkan/")
    product.refresh_from_db()
    assert product.status == Product.Status.ARCHIVED
    assert not Product.objects.public().filter(pk=product.pk).exists()
    assert AuditEvent.objects.filter(action="archive").exists()


def test_other_vendors_products_are_404_for_read_edit_and_archive(client, member, category):
    foreign = ProductFactory(category=category, name="Produk Orang Lain")
    assert client.get(f"/usaha/produk/{foreign.pk}/").status_code == 404
    response = client.post(f"/usaha/produk/{foreign.pk}/", product_data(category, price="1"))
    assert response.status_code == 404
    assert client.post(f"/usaha/produk/{foreign.pk}/arsipkan/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.price == 52000 and foreign.status == Product.Status.PUBLISHED
    assert "Produk Orang Lain" not in client.get("/usaha/produk/").content.decode()


def test_user_without_vendor_is_sent_to_the_wizard(client, category):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/usaha/produk/baru/")
    assert response.status_code == 302 and response["Location"].endswith("/usaha/daftar/")


def test_photo_removal_is_own_product_only_and_audited(client, member, category):
    client.post(
        "/usaha/produk/baru/", {**product_data(category), "photo": jpeg(), "photo_alt": "Rim"}
    )
    product = Product.objects.get(vendor=member.vendor)
    item = product.images.get()
    other = ProductFactory(vendor=member.vendor, category=category, name="Map")
    foreign = ProductFactory(category=category)
    url = f"/usaha/produk/{product.pk}/"
    for bad in ("abc", "99999"):
        assert client.post(url, {"remove_image": bad}).status_code == 404
    # The photo id through another product's page (own or foreign) is not found.
    assert client.post(f"/usaha/produk/{other.pk}/", {"remove_image": item.pk}).status_code == 404
    assert client.post(f"/usaha/produk/{foreign.pk}/", {"remove_image": item.pk}).status_code == 404
    assert product.images.exists()
    assert client.post(url, {"remove_image": item.pk}).status_code == 302
    assert not product.images.exists()
    event = AuditEvent.objects.get(
        vendor=member.vendor, action="delete", object_type="productimage"
    )
    assert event.changes["image"]["new"] is None and event.actor == member.user
