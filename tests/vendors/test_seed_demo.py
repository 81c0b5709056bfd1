"""`manage.py seed_demo` and `manage.py demo_logins`: what a developer running `make run` sees."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from catalog.models import Category, Product
from procurement.models import OPD, BuyerProfile
from tests.factories import VendorFactory
from vendors.demo import DEMO_LOGINS, DEMO_NIB_PREFIX
from vendors.models import Kecamatan, Vendor, VendorMember
from vendors.roles import UKPBJ_GROUP

pytestmark = pytest.mark.django_db

PASSWORDS = {login.username: login.password for login in DEMO_LOGINS}


def seed(**options) -> str:
    out = StringIO()
    # The search index rebuild that follows a seed belongs to the search app's tests.
    options = {"vendors": 30, "products": 300, "seed": 7, "no_index": True, **options}
    # Tests run with DEBUG=False, where the command wants an explicit go-ahead.
    call_command("seed_demo", allow_without_debug=True, stdout=out, **options)
    return out.getvalue()


def snapshot():
    vendors = set(Vendor.objects.values_list("nib", "name", "kecamatan__name", "desa__name"))
    products = sorted(Product.objects.values_list("name", "price", "vendor__nib"))
    return vendors, products


def test_creates_the_requested_numbers_and_reports_time():
    out = seed()
    assert Vendor.objects.count() == 30
    assert Product.objects.count() == 300
    assert "Selesai: 30 penyedia, 300 produk" in out
    assert "detik" in out


def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    seed(seed=11)
    first = snapshot()
    seed(seed=11, reset=True)
    assert snapshot() == first
    seed(seed=12, reset=True)
    assert snapshot() != first


def test_every_vendor_is_in_a_batang_kecamatan_with_a_desa_of_that_kecamatan():
    seed()
    batang = set(Kecamatan.objects.values_list("pk", flat=True))
    assert len(batang) == 15
    for vendor in Vendor.objects.select_related("desa"):
        assert vendor.kecamatan_id in batang
        assert vendor.desa is not None
        assert vendor.desa.kecamatan_id == vendor.kecamatan_id


def test_generated_rows_pass_full_clean():
    seed()
    for vendor in Vendor.objects.all():
        vendor.full_clean()
        assert vendor.nib.startswith(DEMO_NIB_PREFIX) and len(vendor.nib) == 13
        assert vendor.slug
    for product in Product.objects.order_by("pk")[::3]:
        product.full_clean()
        if product.tkdn_percent is not None:
            assert product.tkdn_bmp_percent >= product.tkdn_percent
            assert product.is_pdn


def test_products_sit_in_leaf_categories_matching_the_vendor_kbli():
    seed()
    parents = set(Category.objects.exclude(parent=None).values_list("parent_id", flat=True))
    for product in Product.objects.select_related("vendor", "category__parent"):
        assert product.category_id not in parents
        hints = product.category.kbli_hints or product.category.parent.kbli_hints
        assert set(hints) & set(product.vendor.kbli_codes), product
        assert product.price > 0


def test_mostly_verified_umk_vendors_with_some_koperasi():
    seed(vendors=200, products=400)
    total = Vendor.objects.count()
    verified = Vendor.objects.filter(status=Vendor.Status.VERIFIED).count()
    umk = Vendor.objects.filter(scale__in=[Vendor.Scale.MIKRO, Vendor.Scale.KECIL]).count()
    koperasi = Vendor.objects.filter(is_koperasi=True).count()
    assert verified / total > 0.6
    assert Vendor.objects.exclude(status=Vendor.Status.VERIFIED).exists()
    assert umk / total > 0.75
    assert 0.03 < koperasi / total < 0.2
    assert Product.objects.filter(status=Product.Status.PUBLISHED).count() > 300
    food = Product.objects.filter(category__slug__in=["nasi-kotak", "snack-box"])
    assert food.filter(is_halal=True).exists()
    assert not Product.objects.filter(category__slug="laptop-komputer", is_halal=True).exists()


def test_if_empty_does_nothing_when_vendors_exist():
    seed()
    before = snapshot()
    out = seed(if_empty=True, seed=99)
    assert "tidak dimuat" in out
    assert snapshot() == before


def test_refuses_a_non_empty_database_without_reset():
    VendorFactory()
    with pytest.raises(CommandError, match="--reset"):
        seed()


def test_reset_replaces_demo_vendors_and_keeps_real_ones():
    real = VendorFactory(name="Toko Asli Batang")
    seed(reset=True)
    seed(reset=True)
    assert Vendor.objects.filter(pk=real.pk).exists()
    assert Vendor.objects.filter(nib__startswith=DEMO_NIB_PREFIX).count() == 30
    assert Product.objects.count() == 300


def test_refuses_to_create_known_passwords_without_debug_unless_told(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", vendors=1, products=1, stdout=StringIO())
    assert not Vendor.objects.exists()


def test_opds_include_the_kabupaten_agencies_and_fifteen_kecamatan_offices():
    seed()
    seed(reset=True)  # idempotent: no duplicates
    names = set(OPD.objects.values_list("name", flat=True))
    assert {"Sekretariat Daerah", "Inspektorat", "RSUD Batang", "Dinas Kesehatan"} <= names
    offices = OPD.objects.filter(kind=OPD.Kind.KECAMATAN)
    assert offices.count() == 15
    assert all(o.kecamatan and o.name == f"Kecamatan {o.kecamatan.name}" for o in offices)


def test_demo_users_have_their_roles():
    seed()
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    ukpbj = User.objects.get(username="ukpbj")
    assert ukpbj.groups.filter(name=UKPBJ_GROUP).exists()
    assert ukpbj.has_perm("wagtailadmin.access_admin")
    for perm in ("vendors.change_vendor", "catalog.add_category", "procurement.view_opd"):
        assert ukpbj.has_perm(perm), perm
    assert not ukpbj.has_perm("vendors.delete_vendor")
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()

    member = VendorMember.objects.get(user__username="penyedia")
    assert member.role == VendorMember.Role.OWNER
    assert member.vendor.status == Vendor.Status.VERIFIED
    assert member.vendor.products.exists()

    buyer = BuyerProfile.objects.get(user__username="pembeli")
    head = BuyerProfile.objects.get(user__username="kepala")
    assert buyer.role == BuyerProfile.Role.BUYER and head.role == BuyerProfile.Role.HEAD
    assert buyer.opd == head.opd
    assert buyer.opd.name == "Dinas Pendidikan dan Kebudayaan"


@pytest.mark.parametrize("username", ["admin", "ukpbj", "editor"])
def test_staff_demo_users_can_open_the_wagtail_admin(client, username):
    seed(vendors=3, products=10)
    assert client.login(username=username, password=PASSWORDS[username])
    assert client.get("/admin/").status_code == 200


def test_existing_users_keep_their_password():
    get_user_model().objects.create_user("admin", password="punya-saya-sendiri-123")
    seed(vendors=2, products=2)
    user = get_user_model().objects.get(username="admin")
    assert user.check_password("punya-saya-sendiri-123")


def test_demo_logins_prints_accounts_and_urls():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "seed_demo" in out.getvalue()  # nothing seeded yet: says what to run

    seed(vendors=2, products=2)
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for login in DEMO_LOGINS:
        assert login.username in text and login.password in text
    assert "http://127.0.0.1:8000/admin/" in text
