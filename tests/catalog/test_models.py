import pytest
from django.core.exceptions import ValidationError

from catalog.models import Category, Product
from tests.factories import CategoryFactory, ProductFactory, VendorFactory
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as exc:
        instance.full_clean()
    return exc.value.message_dict


@pytest.mark.parametrize("bad", [0, -5000])
def test_price_must_be_more_than_zero(bad):
    product = ProductFactory.build(vendor=VendorFactory(), category=CategoryFactory(), price=bad)
    assert "Harga harus lebih dari Rp 0." in errors_of(product)["price"]


def test_price_is_whole_rupiah():
    product = ProductFactory(price=1250000)
    product.refresh_from_db()
    assert product.price == 1250000
    assert isinstance(product.price, int)


def test_tkdn_must_be_a_percentage():
    product = ProductFactory.build(
        vendor=VendorFactory(), category=CategoryFactory(), tkdn_percent=140
    )
    assert errors_of(product)["tkdn_percent"] == ["TKDN tidak boleh lebih dari 100%."]


def test_tkdn_plus_bmp_cannot_be_below_tkdn():
    product = ProductFactory.build(
        vendor=VendorFactory(), category=CategoryFactory(), tkdn_percent=30, tkdn_bmp_percent=20
    )
    assert "tkdn_bmp_percent" in errors_of(product)


def test_product_with_tkdn_is_a_domestic_product():
    product = ProductFactory.build(
        vendor=VendorFactory(), category=CategoryFactory(), tkdn_percent=27, is_pdn=False
    )
    product.full_clean()
    assert product.is_pdn is True


def test_public_products_are_published_and_of_verified_vendors():
    shown = ProductFactory()
    ProductFactory(status=Product.Status.DRAFT)
    ProductFactory(status=Product.Status.ARCHIVED)
    ProductFactory(vendor=VendorFactory(status=Vendor.Status.SUSPENDED))
    assert list(Product.objects.public()) == [shown]


def test_starting_category_tree_is_loaded():
    atk = Category.objects.get(slug="atk")
    assert atk.parent is None
    children = set(atk.children.values_list("slug", flat=True))
    assert {"kertas", "alat-tulis", "tinta-toner"} <= children
    assert Category.objects.get(slug="kertas").path == "atk/kertas/"


def test_descendants_follow_the_path_and_moves_carry_the_subtree():
    root = CategoryFactory(name="Uji Akar", slug="uji-akar")
    child = Category.objects.create(name="Uji Anak", slug="uji-anak", parent=root)
    grandchild = Category.objects.create(name="Uji Cucu", slug="uji-cucu", parent=child)
    assert set(Category.objects.descendants_of(root)) == {root, child, grandchild}

    other = CategoryFactory(name="Uji Lain", slug="uji-lain")
    child.parent = other
    child.save()
    grandchild.refresh_from_db()
    assert grandchild.path == "uji-lain/uji-anak/uji-cucu/"
    assert set(Category.objects.descendants_of(root)) == {root}


def test_category_tree_is_at_most_three_levels():
    level3 = Category.objects.get(slug="kertas")  # depth 2
    level3b = Category.objects.create(name="HVS", slug="hvs-uji", parent=level3)
    too_deep = Category(name="Terlalu dalam", slug="terlalu-dalam", parent=level3b)
    assert "paling banyak 3 tingkat" in errors_of(too_deep)["parent"][0]


def test_category_cannot_be_its_own_parent():
    atk = Category.objects.get(slug="atk")
    atk.parent = Category.objects.get(slug="kertas")
    assert "parent" in errors_of(atk)
