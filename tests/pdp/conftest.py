import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from procurement import services as procurement_services
from search.backends import get_backend
from tests.factories import (
    ProductFactory,
    ShortlistFactory,
    UserFactory,
    VendorMemberFactory,
)
from tests.pdp.helpers import add_photo, upload_document
from vendors import services as vendor_services
from vendors.models import VendorMember
from vendors.roles import ensure_ukpbj_group

NPWP = "0123456789120003"


@pytest.fixture
def ukpbj_user():
    user = UserFactory(email="petugas@ukpbj.id")
    user.groups.add(ensure_ukpbj_group())
    return user


@pytest.fixture
def held(db, django_capture_on_commit_callbacks):
    """Vendor A with something of every kind the directory holds about a vendor (indexed for
    search: the commit hooks run as they would in production)."""
    with django_capture_on_commit_callbacks(execute=True):
        held = _build_held()
    get_backend().rebuild()  # the search index as production builds it
    return held


def _build_held():
    owner = VendorMemberFactory(
        user__username="pemilik-a",
        user__email="pemilik@usaha-a.id",
        user__first_name="Siti",
        user__last_name="Aminah",
        vendor__name="Katering Bu Siti",
        vendor__npwp=NPWP,
        vendor__phone="+6281211112222",
        vendor__whatsapp="+6281233334444",
    )
    EmailAddress.objects.create(
        user=owner.user, email=owner.user.email, verified=True, primary=True
    )
    vendor = owner.vendor
    staff = VendorMemberFactory(
        vendor=vendor, user__email="staf@usaha-a.id", role=VendorMember.Role.STAFF
    )
    document = upload_document(vendor, owner.user, marker=b"isi-dokumen-nib-A")
    npwp_doc = upload_document(vendor, owner.user, kind="npwp", marker=b"isi-dokumen-npwp-A")
    product = ProductFactory(vendor=vendor, name="Nasi kotak ayam bakar", price=25_000)
    photo = add_photo(product, owner.user)
    vendor_services.invite_member(vendor=vendor, by=owner.user, email="calon@usaha-a.id")

    shortlist = ShortlistFactory(title="Konsumsi rapat")
    item = procurement_services.add_item(
        shortlist=shortlist, user=shortlist.owner, product=product, quantity=40
    )
    procurement_services.request_outreach(item=item, user=shortlist.owner)
    purchase = procurement_services.record_purchase(
        user=shortlist.owner,
        outcome="bought",
        item=item,
        amount=1_000_000,
        purchased_at=timezone.now(),
        channel="pengadaan_langsung",
        order_reference="SPK-001/2026",
    )
    return {
        "owner": owner,
        "staff": staff,
        "vendor": vendor,
        "documents": [document, npwp_doc],
        "product": product,
        "photo": photo,
        "shortlist": shortlist,
        "item": item,
        "purchase": purchase,
    }
