"""The back office (Wagtail admin) for the catalogue: products and the category tree."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from catalog.models import Category, Product
from tests.factories import CategoryFactory, ProductFactory, UserFactory, VendorFactory, kecamatan

pytestmark = pytest.mark.django_db

PRODUCTS = "/admin/produk/"
CATEGORIES = "/admin/kategori/"


def staff_user(*apps, username="staf-katalog"):
    user = UserFactory(username=username)
    perms = Permission.objects.filter(
        Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label__in=apps)
    )
    user.user_permissions.add(*perms)
    return user


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user("catalog"))
    return client


@pytest.fixture
def tree():
    """ATK › Kertas › Kertas HVS, and Mamin beside it."""
    atk = CategoryFactory(name="Alat Tulis Kantor", slug="uji-atk")
    kertas = CategoryFactory(name="Kertas", slug="uji-kertas", parent=atk)
    hvs = CategoryFactory(name="Kertas HVS", slug="uji-kertas-hvs", parent=kertas)
    mamin = CategoryFactory(
        name="Makanan dan Minuman", slug="uji-mamin", keywords="mamin, konsumsi"
    )
    return {"atk": atk, "kertas": kertas, "hvs": hvs, "mamin": mamin}


def product_form_data(vendor, category, **overrides):
    data = {
        "vendor": vendor.pk,
        "category": category.pk,
        "kind": Product.Kind.GOODS,
        "name": "Nasi Kotak Ayam Bakar",
        "brand": "",
        "description": "Nasi, ayam bakar, lalapan, sambal, buah.",
        "keywords": "nasi kotak, konsumsi",
        "price": "27500",
        "unit": "kotak",
        "price_valid_until": "",
        "min_order": "20",
        "lead_time_days": "1",
        "capacity": "500 porsi/hari",
        "tkdn_percent": "",
        "tkdn_bmp_percent": "",
        "tkdn_certificate_number": "",
        "ekatalog_url": "",
        "toko_daring_url": "",
        "status": Product.Status.DRAFT,
    }
    data.update(overrides)
    return data


class TestProductListing:
    def test_lists_products_with_rupiah_prices(self, staff_client, tree):
        ProductFactory(
            name="Kertas HVS A4 80 gsm",
            vendor__name="Toko Buku Pelajar",
            category=tree["hvs"],
            price=1250000,
            unit="box",
            tkdn_percent="40.50",
            is_pdn=True,
        )

        response = staff_client.get(PRODUCTS)

        html = response.content.decode()
        assert response.status_code == 200
        assert "Kertas HVS A4 80 gsm" in html
        assert "Toko Buku Pelajar" in html
        assert "Alat Tulis Kantor › Kertas › Kertas HVS" in html
        assert "Rp 1.250.000" in html
        assert "40,5%" in html
        assert "Tayang" in html

    def test_status_filter(self, staff_client):
        ProductFactory(name="Snack Box Tayang", status=Product.Status.PUBLISHED)
        ProductFactory(name="Snack Box Draf", status=Product.Status.DRAFT)

        html = staff_client.get(PRODUCTS, {"status": "draft"}).content.decode()

        assert "Snack Box Draf" in html
        assert "Snack Box Tayang" not in html

    def test_category_filter_includes_subcategories(self, staff_client, tree):
        ProductFactory(name="Kertas HVS F4", category=tree["hvs"])
        ProductFactory(name="Nasi Kotak Rendang", category=tree["mamin"])

        html = staff_client.get(PRODUCTS, {"category": tree["atk"].pk}).content.decode()

        assert "Kertas HVS F4" in html
        assert "Nasi Kotak Rendang" not in html

    def test_pdn_and_vendor_kecamatan_filters(self, staff_client):
        ProductFactory(name="Batik Tulis Subah", is_pdn=True, vendor__kecamatan=kecamatan("Subah"))
        ProductFactory(name="Batik Cap Batang", is_pdn=True)
        ProductFactory(name="Printer Impor", is_pdn=False, vendor__kecamatan=kecamatan("Subah"))

        by_kecamatan = staff_client.get(
            PRODUCTS, {"kecamatan": kecamatan("Subah").pk, "is_pdn": "true"}
        ).content.decode()

        assert "Batik Tulis Subah" in by_kecamatan
        assert "Batik Cap Batang" not in by_kecamatan
        assert "Printer Impor" not in by_kecamatan

    def test_search_finds_a_product_by_name_or_vendor(self, staff_client):
        ProductFactory(name="Servis AC Split 1 PK", vendor__name="CV Dingin Sejuk")
        ProductFactory(name="Sewa Tenda Dome", vendor__name="UD Tenda Jaya")

        by_name = staff_client.get(PRODUCTS, {"q": "servis ac"}).content.decode()
        by_vendor = staff_client.get(PRODUCTS, {"q": "tenda jaya"}).content.decode()

        assert "Servis AC Split 1 PK" in by_name and "Sewa Tenda Dome" not in by_name
        assert "Sewa Tenda Dome" in by_vendor and "Servis AC Split 1 PK" not in by_vendor

    def test_listing_is_not_n_plus_1(self, staff_client, tree, django_assert_max_num_queries):
        vendors = VendorFactory.create_batch(10)
        for i in range(30):
            ProductFactory(vendor=vendors[i % 10], category=tree["hvs"])
        staff_client.get(PRODUCTS)

        # Measured: 12 queries for 30 rows on SQLite and PostgreSQL (session, user, permissions,
        # filter choices, count, one page of rows with vendor and category path joined).
        with django_assert_max_num_queries(15):
            response = staff_client.get(PRODUCTS)

        assert response.content.decode().count("Rp 52.000") >= 30

    def test_query_count_does_not_grow_with_rows(self, staff_client, tree):
        ProductFactory.create_batch(3, category=tree["hvs"])
        staff_client.get(PRODUCTS)
        with CaptureQueriesContext(connection) as few:
            staff_client.get(PRODUCTS)
        ProductFactory.create_batch(27, category=tree["kertas"])
        with CaptureQueriesContext(connection) as many:
            staff_client.get(PRODUCTS)

        assert len(many.captured_queries) == len(few.captured_queries)


class TestProductForm:
    def test_create_product(self, staff_client, tree):
        vendor = VendorFactory(name="Katering Bu Sri")

        response = staff_client.post(PRODUCTS + "new/", product_form_data(vendor, tree["mamin"]))

        assert response.status_code == 302
        product = Product.objects.get()
        assert product.price == 27500
        assert product.slug == "nasi-kotak-ayam-bakar"
        assert product.vendor == vendor

    def test_zero_price_is_refused_in_indonesian(self, staff_client, tree):
        data = product_form_data(VendorFactory(), tree["mamin"], price="0")

        response = staff_client.post(PRODUCTS + "new/", data)

        assert "Harga harus lebih dari Rp 0." in response.content.decode()
        assert not Product.objects.exists()

    def test_tkdn_over_100_is_refused(self, staff_client, tree):
        data = product_form_data(VendorFactory(), tree["mamin"], tkdn_percent="120")

        response = staff_client.post(PRODUCTS + "new/", data)

        assert "TKDN tidak boleh lebih dari 100%." in response.content.decode()
        assert not Product.objects.exists()

    def test_form_labels_categories_by_full_path(self, staff_client, tree):
        html = staff_client.get(PRODUCTS + "new/").content.decode()

        assert "Alat Tulis Kantor › Kertas › Kertas HVS" in html


class TestProductPermissions:
    def test_without_catalog_permissions_the_listing_is_refused(self, client):
        client.force_login(staff_user(username="editor"))
        ProductFactory(name="Produk Rahasia")

        for url in (PRODUCTS, PRODUCTS + "new/", CATEGORIES):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert "Produk Rahasia" not in response.content.decode()

    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(PRODUCTS)

        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


class TestCategories:
    def test_tree_in_path_order_with_depth(self, staff_client, tree):
        ProductFactory(category=tree["hvs"])

        response = staff_client.get(CATEGORIES, {"q": "kertas"})

        html = response.content.decode()
        assert response.status_code == 200
        assert html.index("Kertas HVS") > html.index("— Kertas")
        assert "— — Kertas HVS" in html
        assert "(Alat Tulis Kantor › Kertas ›)" in html

    def test_lists_the_starting_tree_without_a_query_per_row(self, staff_client):
        assert Category.objects.count() >= 20  # loaded by a migration
        staff_client.get(CATEGORIES)
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(CATEGORIES)

        assert response.status_code == 200
        assert len(queries.captured_queries) < 25

    def test_search_by_keyword(self, staff_client, tree):
        html = staff_client.get(CATEGORIES, {"q": "konsumsi"}).content.decode()

        assert "Makanan dan Minuman" in html
        assert "Kertas HVS" not in html

    def test_depth_filter(self, staff_client, tree):
        html = staff_client.get(CATEGORIES, {"depth": "3", "q": "uji"}).content.decode()

        assert "Kertas HVS" in html
        assert "Makanan dan Minuman" not in html

    def test_create_subcategory_with_automatic_slug_and_kbli(self, staff_client, tree):
        data = {
            "parent": tree["mamin"].pk,
            "name": "Nasi Kotak Uji",
            "slug": "",
            "keywords": "nasi box",
            "kbli_hints": "56210",
            "sort_order": "0",
        }

        response = staff_client.post(CATEGORIES + "new/", data)

        assert response.status_code == 302
        category = Category.objects.get(name="Nasi Kotak Uji")
        assert category.slug == "nasi-kotak-uji"
        assert category.path == "uji-mamin/nasi-kotak-uji/"
        assert category.kbli_hints == ["56210"]

    def test_a_fourth_level_cannot_be_chosen(self, staff_client, tree):
        data = {"parent": tree["hvs"].pk, "name": "Terlalu Dalam", "slug": "", "sort_order": "0"}

        response = staff_client.post(CATEGORIES + "new/", data)

        assert response.status_code == 200
        assert not Category.objects.filter(name="Terlalu Dalam").exists()

    def test_category_in_use_cannot_be_deleted(self, staff_client, tree):
        ProductFactory(category=tree["mamin"])

        response = staff_client.post(f"{CATEGORIES}delete/{tree['mamin'].pk}/", follow=True)

        assert response.status_code == 200
        assert "tidak dapat dihapus" in response.content.decode()
        assert Category.objects.filter(pk=tree["mamin"].pk).exists()


def test_product_export_keeps_whole_rupiah_and_labels(staff_client, tree):
    ProductFactory(name="Snack Box Ekspor", price=1250000, category=tree["mamin"])

    response = staff_client.get(PRODUCTS, {"export": "csv"})

    body = b"".join(response.streaming_content).decode()
    header, row = body.splitlines()[:2]
    assert header.startswith("Nama produk,Penyedia,Kategori,Jenis,Harga (Rp),Satuan,Status")
    assert row.startswith("Snack Box Ekspor,")
    assert ",Barang,1250000,rim,Tayang," in row
