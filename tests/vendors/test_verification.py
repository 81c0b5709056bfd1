"""UKPBJ side in the Wagtail admin: verification queue, decisions with reasons and emails,
key-field revisions, audit page with acknowledgements, outreach list."""

import csv
import io

import pytest
from django.core import mail

from catalog.models import Product
from tests.factories import (
    CategoryFactory,
    ProductFactory,
    UserFactory,
    VendorDocumentFactory,
    VendorFactory,
    VendorMemberFactory,
    kecamatan,
)
from vendors import services
from vendors.models import AuditEvent, Vendor, VendorRevision
from vendors.roles import ensure_ukpbj_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def ukpbj(client):
    # The group exactly as vendors/roles.py sets it up for deployments and the demo.
    user = UserFactory(email="petugas@ukpbj.id")
    user.groups.add(ensure_ukpbj_group())
    client.force_login(user)
    return user


@pytest.fixture
def submitted():
    member = VendorMemberFactory(
        user__email="pemilik@contoh.id", vendor__status=Vendor.Status.SUBMITTED
    )
    VendorDocumentFactory(vendor=member.vendor, kind="nib", number="NIB-DOC-1")
    return member.vendor


def test_queue_lists_submitted_vendors_and_review_shows_documents_side_by_side(
    client, ukpbj, submitted
):
    html = client.get("/admin/ukpbj/verifikasi/").content.decode()
    assert submitted.name in html
    html = client.get(f"/admin/ukpbj/penyedia/{submitted.pk}/").content.decode()
    assert submitted.nib in html and "NIB-DOC-1" in html
    document = submitted.documents.get()
    assert f"/usaha/dokumen/{document.pk}/unduh/?inline=1" in html
    assert client.get(f"/usaha/dokumen/{document.pk}/unduh/?inline=1").status_code == 200


def test_verify_makes_vendor_and_its_published_products_public_and_emails_it(
    client, ukpbj, submitted, django_capture_on_commit_callbacks
):
    product = ProductFactory(vendor=submitted, status=Product.Status.PUBLISHED)
    assert not Product.objects.public().filter(pk=product.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/ukpbj/penyedia/{submitted.pk}/", {"action": "verify"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Vendor.Status.VERIFIED
    assert submitted.verified_by == ukpbj and submitted.verified_at
    assert Product.objects.public().filter(pk=product.pk).exists()
    assert mail.outbox[0].to == ["pemilik@contoh.id", submitted.email]
    assert "terverifikasi" in mail.outbox[0].subject
    event = AuditEvent.objects.get(vendor=submitted, action="verify")
    assert event.by_staff and event.actor == ukpbj
    assert event.changes["status"] == {"old": "submitted", "new": "verified"}


def test_reject_needs_a_reason_which_the_vendor_sees_and_receives(
    client, ukpbj, submitted, django_capture_on_commit_callbacks
):
    response = client.post(f"/admin/ukpbj/penyedia/{submitted.pk}/", {"action": "reject"})
    assert "Alasan wajib diisi" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Vendor.Status.SUBMITTED
    reason = "Dokumen NIB tidak terbaca, unggah ulang hasil pindai yang jelas."
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/ukpbj/penyedia/{submitted.pk}/", {"action": "reject", "reason": reason}
        )
    submitted.refresh_from_db()
    assert submitted.status == Vendor.Status.REJECTED and submitted.status_reason == reason
    assert reason in mail.outbox[0].body
    owner = submitted.members.get().user
    client.force_login(owner)
    assert reason in client.get("/usaha/").content.decode()


def test_suspend_hides_a_verified_vendor(client, ukpbj, django_capture_on_commit_callbacks):
    member = VendorMemberFactory(
        user__email="pemilik@contoh.id", vendor__status=Vendor.Status.VERIFIED
    )
    vendor = member.vendor
    product = ProductFactory(vendor=vendor)
    response = client.post(f"/admin/ukpbj/penyedia/{vendor.pk}/", {"action": "suspend"})
    assert "Alasan wajib diisi" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/ukpbj/penyedia/{vendor.pk}/", {"action": "suspend", "reason": "Aduan OPD"}
        )
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUSPENDED and vendor.status_reason == "Aduan OPD"
    assert not Product.objects.public().filter(pk=product.pk).exists()
    assert client.get(vendor.get_absolute_url()).status_code == 404
    assert "pemilik@contoh.id" in mail.outbox[0].to and "Aduan OPD" in mail.outbox[0].body
    event = AuditEvent.objects.get(vendor=vendor, action="suspend")
    assert event.changes["status"] == {"old": "verified", "new": "suspended"}
    client.force_login(member.user)
    assert "Aduan OPD" in client.get("/usaha/").content.decode()


def test_only_verified_vendors_products_are_found_in_search(
    client, ukpbj, submitted, django_capture_on_commit_callbacks
):
    from search.backends import get_backend

    ProductFactory(vendor=submitted, name="Batik Tulis Rifaiyah Asli")
    get_backend().rebuild()

    def found():
        results = client.get("/api/v1/search/", {"q": "batik rifaiyah"}).json()["results"]
        return [hit["name"] for hit in results]

    assert found() == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/ukpbj/penyedia/{submitted.pk}/", {"action": "verify"})
    assert found() == ["Batik Tulis Rifaiyah Asli"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/ukpbj/penyedia/{submitted.pk}/", {"action": "suspend", "reason": "Aduan"}
        )
    assert found() == []


def test_vendors_and_buyers_cannot_use_the_ukpbj_pages(client, submitted):
    member = submitted.members.get()
    client.force_login(member.user)
    for url in ("/admin/ukpbj/verifikasi/", f"/admin/ukpbj/penyedia/{submitted.pk}/",
                "/admin/ukpbj/jangkauan/"):  # fmt: skip
        assert client.get(url).status_code in (302, 403)
    response = client.post(f"/admin/ukpbj/penyedia/{submitted.pk}/", {"action": "verify"})
    assert response.status_code in (302, 403)
    submitted.refresh_from_db()
    assert submitted.status == Vendor.Status.SUBMITTED


def test_approved_revision_changes_the_public_values(
    client, ukpbj, django_capture_on_commit_callbacks
):
    member = VendorMemberFactory(vendor__name="CV Lama", vendor__status=Vendor.Status.VERIFIED)
    vendor = member.vendor
    services.propose_key_changes(
        vendor=vendor, user=member.user,
        changes={"name": "CV Baru", "kecamatan": kecamatan("Subah").pk},
    )  # fmt: skip
    revision = VendorRevision.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/ukpbj/penyedia/{vendor.pk}/",
            {"action": "revision_approve", "revision": revision.pk},
        )
    vendor.refresh_from_db()
    assert vendor.name == "CV Baru" and vendor.kecamatan.name == "Subah"
    assert vendor.status == Vendor.Status.VERIFIED
    revision.refresh_from_db()
    assert revision.status == "approved" and revision.decided_by == ukpbj
    assert AuditEvent.objects.filter(action="revision_approve").exists()


def test_rejected_revision_keeps_the_verified_values(client, ukpbj):
    member = VendorMemberFactory(vendor__name="CV Lama", vendor__status=Vendor.Status.VERIFIED)
    services.propose_key_changes(vendor=member.vendor, user=member.user, changes={"name": "X"})
    revision = VendorRevision.objects.get()
    client.post(
        f"/admin/ukpbj/penyedia/{member.vendor.pk}/",
        {"action": "revision_reject", "revision": revision.pk, "reason": "Tidak sesuai akta"},
    )
    member.vendor.refresh_from_db()
    assert member.vendor.name == "CV Lama"
    revision.refresh_from_db()
    assert revision.status == "rejected" and revision.reason == "Tidak sesuai akta"


def test_audit_page_lists_vendor_changes_and_ukpbj_acknowledges_them(client, ukpbj):
    member = VendorMemberFactory()
    vendor = member.vendor
    product = ProductFactory(vendor=vendor, price=1000)
    from catalog import services as catalog_services

    catalog_services.update_product(product=product, user=member.user, price=2000)
    html = client.get(f"/admin/ukpbj/penyedia/{vendor.pk}/audit/").content.decode()
    assert "price: 1000 → 2000" in html
    assert member.user.email in html  # who
    assert "1 perubahan oleh penyedia belum ditinjau" in html
    client.post(f"/admin/ukpbj/penyedia/{vendor.pk}/audit/")
    event = AuditEvent.objects.get(vendor=vendor, action="update")
    assert event.acknowledged_by == ukpbj and event.acknowledged_at


def test_document_review_accept_and_reject_with_note(client, ukpbj, submitted):
    document = submitted.documents.get()
    response = client.post(
        f"/admin/ukpbj/penyedia/{submitted.pk}/",
        {"action": "doc_reject", "document": document.pk, "note": ""},
        follow=True,
    )
    assert "Catatan wajib diisi" in response.content.decode()
    client.post(
        f"/admin/ukpbj/penyedia/{submitted.pk}/",
        {"action": "doc_accept", "document": document.pk, "note": "Sesuai OSS"},
    )
    document.refresh_from_db()
    assert document.review_status == "accepted" and document.review_note == "Sesuai OSS"


def test_outreach_lists_verified_vendors_without_inaproc_link_by_category_and_kecamatan(
    client, ukpbj
):
    atk = CategoryFactory(slug="atk-jangkauan")
    subah = kecamatan("Subah")
    target = VendorFactory(name="UD Belum Online", kecamatan=subah)
    ProductFactory(vendor=target, category=atk)
    VendorFactory(name="UD Sudah Online", inaproc_url="https://katalog.inaproc.id/t/1")
    VendorFactory(name="UD Draf", status=Vendor.Status.DRAFT)
    other_place = VendorFactory(name="UD Di Batang")
    ProductFactory(vendor=other_place, category=atk)

    html = client.get("/admin/ukpbj/jangkauan/").content.decode()
    assert "UD Belum Online" in html and "UD Di Batang" in html
    assert "UD Sudah Online" not in html and "UD Draf" not in html

    response = client.get(
        "/admin/ukpbj/jangkauan/?kategori=atk-jangkauan&kecamatan=subah&format=csv"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "nama"
    assert [r[0] for r in rows[1:]] == ["UD Belum Online"]


def test_ukpbj_group_holds_the_review_models_permissions():
    user = UserFactory()
    user.groups.add(ensure_ukpbj_group())
    for perm in (
        "wagtailadmin.access_admin",
        "vendors.change_vendor",
        "vendors.view_auditevent",
        "vendors.change_auditevent",
        "vendors.change_vendorrevision",
        "vendors.change_linkreview",
        "vendors.view_vendorinvitation",
    ):
        assert user.has_perm(perm), perm


def test_flagged_links_are_approved_or_rejected_and_a_rejected_link_leaves_the_listing(
    client, ukpbj
):
    vendor = VendorFactory(
        status=Vendor.Status.VERIFIED, toko_daring_url="https://toko-baru.example.id/ud"
    )
    product = ProductFactory(vendor=vendor, toko_daring_url="https://pasar-lain.example.id/p/1")
    services.flag_unknown_links(obj=vendor, fields=("toko_daring_url",), vendor=vendor)
    services.flag_unknown_links(obj=product, fields=("toko_daring_url",), vendor=vendor)
    vendor_link, product_link = (
        vendor.link_reviews.get(object_type="vendor"),
        vendor.link_reviews.get(object_type="product"),
    )
    assert "toko-baru.example.id" in client.get("/admin/ukpbj/verifikasi/").content.decode()
    html = client.get(f"/admin/ukpbj/penyedia/{vendor.pk}/").content.decode()
    assert "https://pasar-lain.example.id/p/1" in html

    # A link id of another vendor is a 404 on this vendor's page.
    other = VendorFactory()
    response = client.post(
        f"/admin/ukpbj/penyedia/{other.pk}/", {"action": "link_reject", "link": vendor_link.pk}
    )
    assert response.status_code == 404

    client.post(f"/admin/ukpbj/penyedia/{vendor.pk}/",
                {"action": "link_approve", "link": vendor_link.pk})  # fmt: skip
    client.post(f"/admin/ukpbj/penyedia/{vendor.pk}/",
                {"action": "link_reject", "link": product_link.pk})  # fmt: skip
    vendor_link.refresh_from_db()
    product_link.refresh_from_db()
    assert (vendor_link.status, product_link.status) == ("approved", "rejected")
    assert product_link.reviewed_by == ukpbj
    vendor.refresh_from_db()
    product.refresh_from_db()
    assert vendor.toko_daring_url == "https://toko-baru.example.id/ud"
    assert product.toko_daring_url == ""
    public = client.get(product.get_absolute_url()).content.decode()
    assert "pasar-lain.example.id" not in public
    event = AuditEvent.objects.get(vendor=vendor, object_type="link", action="reject")
    assert event.changes == {
        "toko_daring_url": {"old": "https://pasar-lain.example.id/p/1", "new": ""}
    }
    assert event.by_staff and event.actor == ukpbj


@pytest.mark.parametrize("field", ["document", "revision", "link"])
def test_tampered_ids_on_the_review_page_are_404_not_500(client, ukpbj, submitted, field):
    action = {"document": "doc_accept", "revision": "revision_approve", "link": "link_approve"}
    for value in ("abc", "", "99999"):
        response = client.post(
            f"/admin/ukpbj/penyedia/{submitted.pk}/", {"action": action[field], field: value}
        )
        assert response.status_code == 404


def test_acknowledging_tampered_event_ids_acknowledges_nothing(client, ukpbj):
    member = VendorMemberFactory()
    product = ProductFactory(vendor=member.vendor, price=1000)
    from catalog import services as catalog_services

    catalog_services.update_product(product=product, user=member.user, price=2000)
    url = f"/admin/ukpbj/penyedia/{member.vendor.pk}/audit/"
    assert client.post(url, {"event": "abc"}).status_code == 302
    assert (
        AuditEvent.objects.filter(vendor=member.vendor, acknowledged_at__isnull=False).count() == 0
    )
