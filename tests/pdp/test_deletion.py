"""'Hapus data saya': the request hides the vendor at once; UKPBJ (or the daily command, once
due) deletes the vendor, its products, photos, documents and files, and its accounts, while
the OPDs' purchases and shortlist items stay with their snapshot names and amounts."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model

from catalog.models import Product, ProductImage
from procurement.models import OutreachRequest, Purchase, ShortlistItem
from search.models import ProductSearchDoc
from tests.factories import BuyerProfileFactory, UserFactory, VendorMemberFactory
from tests.pdp.helpers import media_path, private_path, stored_files
from vendors.models import (
    AuditEvent,
    DeletionRequest,
    Vendor,
    VendorDocument,
    VendorInvitation,
    VendorMember,
)

pytestmark = pytest.mark.django_db
User = get_user_model()


def ask(client, user, confirm=True):
    client.force_login(user)
    return client.post("/usaha/data-saya/hapus/", {"confirm": "on"} if confirm else {})


def carry_out(client, user, deletion):
    client.force_login(user)
    return client.post(f"/admin/ukpbj/hapus-data/{deletion.pk}/laksanakan/")


def test_the_confirmation_page_says_what_happens(client, held):
    client.force_login(held["owner"].user)
    body = client.get("/usaha/data-saya/hapus/").content.decode()
    assert "langsung hilang dari direktori publik" in body
    assert "Yang tetap disimpan: catatan pembelian OPD" in body
    assert "tidak dapat dibatalkan" in body


def test_without_the_tick_nothing_happens(client, held):
    response = ask(client, held["owner"].user, confirm=False)
    assert response.status_code == 200
    assert "Centang pernyataan ini" in response.content.decode()
    assert not DeletionRequest.objects.exists()
    held["vendor"].refresh_from_db()
    assert held["vendor"].status == Vendor.Status.VERIFIED


def test_request_hides_the_vendor_from_search_pages_and_api_at_once(client, held):
    vendor, product = held["vendor"], held["product"]
    assert ProductSearchDoc.objects.filter(product_id=product.pk).exists()
    link = f'href="{product.get_absolute_url()}"'
    assert link in client.get("/cari/?q=nasi+kotak").content.decode()
    api = client.get("/api/v1/search/", {"q": "nasi kotak"}).json()
    assert [hit["id"] for hit in api["results"]] == [product.pk]
    assert client.get(f"/penyedia/{vendor.slug}/").status_code == 200
    assert client.get(f"/api/v1/vendors/{vendor.slug}/").status_code == 200

    response = ask(client, held["owner"].user)
    assert response.status_code == 302 and response["Location"] == "/usaha/data-saya/"
    client.logout()

    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.WITHDRAWN
    deletion = DeletionRequest.objects.get()
    assert deletion.vendor == vendor and deletion.previous_status == "verified"
    assert deletion.due_at > timezone.now() + timedelta(days=2)
    assert not ProductSearchDoc.objects.filter(product_id=product.pk).exists()
    assert link not in client.get("/cari/?q=nasi+kotak").content.decode()
    assert client.get(f"/penyedia/{vendor.slug}/").status_code == 404
    assert client.get(product.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/vendors/{vendor.slug}/").status_code == 404
    api = client.get("/api/v1/search/", {"q": "nasi kotak"}).json()
    assert all(hit["id"] != product.pk for hit in api["results"])
    # Asking twice does not open a second request; the page says it is in progress.
    ask(client, held["owner"].user)
    assert DeletionRequest.objects.count() == 1
    assert "Penghapusan data sedang diproses" in client.get("/usaha/data-saya/").content.decode()


def test_ukpbj_carries_it_out(client, held, ukpbj_user, django_capture_on_commit_callbacks):
    vendor, owner, staff = held["vendor"], held["owner"], held["staff"]
    doc_paths = [private_path(d.file.name) for d in held["documents"]]
    image_path = media_path(held["photo"].image.file.name)
    image_id = held["photo"].image_id
    assert all(p.is_file() for p in doc_paths) and image_path.is_file()
    ask(client, owner.user)
    deletion = DeletionRequest.objects.get()

    client.force_login(ukpbj_user)
    listing = client.get("/admin/ukpbj/hapus-data/")
    assert listing.status_code == 200 and "Katering Bu Siti" in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = carry_out(client, ukpbj_user, deletion)
    assert response.status_code == 302

    # Rows gone: vendor, products, photos, documents, members, invitations, audit trail.
    assert not Vendor.objects.filter(pk=vendor.pk).exists()
    assert not Product.objects.exists() and not ProductImage.objects.exists()
    assert not get_image_model().objects.filter(pk=image_id).exists()
    assert not VendorDocument.objects.exists() and not VendorInvitation.objects.exists()
    assert not VendorMember.objects.exists()
    assert not OutreachRequest.objects.exists()
    assert not User.objects.filter(pk__in=[owner.user_id, staff.user_id]).exists()
    assert not AuditEvent.objects.filter(object_repr__icontains="Katering").exists()
    assert not ProductSearchDoc.objects.exists()

    # Files gone from the private storage (and the photo from media).
    assert not any(p.exists() for p in doc_paths) and not image_path.exists()
    assert stored_files(private_path("")) == []
    assert not private_path(f"vendors/{vendor.pk}").exists()

    # The OPDs' records stay, detached, with the business name and amounts.
    purchase = Purchase.objects.get(pk=held["purchase"].pk)
    assert purchase.vendor_id is None and purchase.product_id is None
    assert purchase.vendor_name == "Katering Bu Siti" and purchase.amount == 1_000_000
    assert purchase.is_umk_or_koperasi and purchase.order_reference == "SPK-001/2026"
    item = ShortlistItem.objects.get(pk=held["item"].pk)
    assert item.vendor_id is None and item.product_id is None
    assert item.snap_vendor_name == "Katering Bu Siti"
    assert item.snap_product_name == "Nasi kotak ayam bakar" and item.snap_unit_price == 25_000
    listing = client.get("/admin/ukpbj/hapus-data/").content.decode()
    assert "Sudah dilaksanakan" in listing and "Katering Bu Siti" in listing

    deletion.refresh_from_db()
    assert deletion.status == "done" and deletion.carried_out_by == ukpbj_user
    assert deletion.vendor is None and deletion.vendor_name == "Katering Bu Siti"
    assert deletion.summary["documents"] == 2 and deletion.summary["purchases_kept"] == 1
    assert deletion.summary["accounts"] == {"deleted": 2}
    trace = AuditEvent.objects.get(action="delete", object_type="vendor")
    assert trace.vendor is None and trace.actor == ukpbj_user and str(vendor.pk) in trace.note

    # The export and the account are no longer available.
    assert client.get(f"/usaha/data-saya/{vendor.pk}/unduh/").status_code == 404
    assert not client.login(username="pemilik-a", password="kata-sandi-uji-123")
    # Carrying it out twice is refused, not a 500.
    assert carry_out(client, ukpbj_user, deletion).status_code == 302


def test_the_shortlist_and_purchase_pages_still_open_after_the_deletion(client, held):
    from vendors import personal_data

    deletion = personal_data.request_deletion(vendor=held["vendor"], user=held["owner"].user)
    personal_data.carry_out_deletion(request=deletion)
    client.force_login(held["shortlist"].owner)
    response = client.get(f"/belanja/daftar/{held['shortlist'].pk}/")
    assert response.status_code == 200 and "Katering Bu Siti" in response.content.decode()
    response = client.get(f"/belanja/pembelian/{held['purchase'].pk}/")
    assert response.status_code == 200 and "Katering Bu Siti" in response.content.decode()


def test_wrong_users_cannot_request_or_carry_out(client, held):
    vendor = held["vendor"]
    # A staff member of the vendor cannot ask for its deletion.
    assert ask(client, held["staff"].user).status_code == 404
    # Vendor B's owner asking deletes only B, never A.
    other = VendorMemberFactory()
    ask(client, other.user)
    assert DeletionRequest.objects.get().vendor == other.vendor
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.VERIFIED

    ask(client, held["owner"].user)
    deletion = DeletionRequest.objects.get(vendor=vendor)
    # Neither a vendor nor an OPD buyer nor an admin user outside UKPBJ can carry it out.
    for user in (held["owner"].user, other.user, BuyerProfileFactory().user):
        response = carry_out(client, user, deletion)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    # Wagtail answers a refused admin page with a redirect to the dashboard and a message.
    admin_user = UserFactory(is_staff=True)
    admin_user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = carry_out(client, admin_user, deletion)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/ukpbj/hapus-data/")["Location"] == "/admin/"
    deletion.refresh_from_db()
    assert deletion.status == "pending" and Vendor.objects.filter(pk=vendor.pk).exists()
    # A GET never carries anything out.
    assert client.get(f"/admin/ukpbj/hapus-data/{deletion.pk}/laksanakan/").status_code == 405


def test_due_requests_are_carried_out_by_the_daily_command(client, held):
    ask(client, held["owner"].user)
    out = StringIO()
    call_command("carry_out_deletions", stdout=out)
    assert "0 permintaan" in out.getvalue()
    assert Vendor.objects.filter(pk=held["vendor"].pk).exists()

    DeletionRequest.objects.update(due_at=timezone.now() - timedelta(minutes=1))
    call_command("carry_out_deletions", stdout=out)
    assert "1 permintaan" in out.getvalue()
    assert not Vendor.objects.filter(pk=held["vendor"].pk).exists()
    deletion = DeletionRequest.objects.get()
    assert deletion.status == "done" and deletion.carried_out_by is None


def test_an_account_that_other_records_protect_is_anonymised(client, held):
    """A vendor member who also owns a shortlist (PROTECT) keeps a row without personal data."""
    from tests.factories import ShortlistFactory

    owner = held["owner"].user
    ShortlistFactory(owner=owner, opd=held["shortlist"].opd)
    ask(client, owner)
    from vendors import personal_data

    personal_data.carry_out_deletion(request=DeletionRequest.objects.get())
    owner.refresh_from_db()
    assert owner.email == "" and owner.first_name == "" and owner.last_name == ""
    assert owner.username == f"dihapus-{owner.pk}" and not owner.is_active
    assert not owner.has_usable_password()
    assert not owner.emailaddress_set.exists()
