"""Vendor documents: upload through the real form (content-sniffed), private download for
members and UKPBJ only, expiry reminders on the dashboard and by email."""

import io
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image as PILImage

from tests.factories import UserFactory, VendorDocumentFactory, VendorMemberFactory
from vendors.models import AuditEvent, VendorDocument

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _image(fmt: str) -> bytes:
    """A real (decodable) image: uploads are decoded in full, a bare signature is refused."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


PNG = _image("PNG")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture
def member(client):
    member = VendorMemberFactory()
    client.force_login(member.user)
    return member


def upload(client, name, content, content_type="application/pdf", **fields):
    data = {"kind": "nib", "number": "9120301234567", "issued_on": "", "expires_on": "",
            "tkdn_percent": "", **fields}  # fmt: skip
    data["file"] = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post("/usaha/dokumen/", data)


def test_pdf_upload_is_stored_privately_and_audited(client, member):
    response = upload(client, "nib.pdf", PDF)
    assert response.status_code == 302
    document = VendorDocument.objects.get(vendor=member.vendor)
    assert document.content_type == "application/pdf"
    assert document.uploaded_by == member.user
    assert not document.file.name.endswith("nib.pdf")  # random stored name
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - no public URL exists
    event = AuditEvent.objects.get(vendor=member.vendor, object_type="vendordocument")
    assert event.changes["kind"] == {"old": None, "new": "nib"}


def test_png_upload_is_accepted(client, member):
    assert upload(client, "scan.png", PNG, "image/png").status_code == 302


def test_exe_renamed_pdf_is_refused_through_the_real_form(client, member):
    response = upload(client, "nib.pdf", EXE)
    assert response.status_code == 200
    assert "Isi berkas bukan PDF, JPEG atau PNG" in response.content.decode()
    assert not VendorDocument.objects.exists()


def test_file_over_5_mb_is_refused(client, member, settings):
    settings.VENDOR_DOCUMENT_MAX_BYTES = 1024
    response = upload(client, "besar.pdf", PDF + b"0" * 2048)
    assert "Berkas terlalu besar" in response.content.decode()
    assert not VendorDocument.objects.exists()


def test_the_real_limit_is_5_mb(client, member):
    limit = 5 * 1024 * 1024
    response = upload(client, "pas.pdf", PDF + b"0" * (limit - len(PDF)))
    assert response.status_code == 302
    response = upload(client, "lebih.pdf", PDF + b"0" * (limit - len(PDF) + 1))
    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.content.decode()
    assert VendorDocument.objects.count() == 1


def test_jpeg_upload_is_accepted_by_content_whatever_its_name(client, member):
    jpeg = _image("JPEG")
    assert upload(client, "foto-npwp.bin", jpeg, "application/octet-stream").status_code == 302
    assert VendorDocument.objects.get().content_type == "image/jpeg"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "tkdn", "tkdn_percent": ""}, "Persentase TKDN wajib diisi"),
        ({"kind": "tkdn", "tkdn_percent": "120"}, "Persentase TKDN harus antara 0 dan 100"),
        ({"issued_on": "2026-05-01", "expires_on": "2026-01-01"}, "tidak boleh sebelum"),
        ({"kind": ""}, "Jenis dokumen wajib dipilih"),
    ],
)
def test_document_fields_are_validated_with_field_named_messages(client, member, fields, message):
    response = upload(client, "d.pdf", PDF, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_valid_tkdn_certificate_is_accepted(client, member):
    response = upload(
        client, "tkdn.pdf", PDF, kind="tkdn", tkdn_percent="45.5", expires_on="2027-01-01"
    )
    assert response.status_code == 302


def test_members_and_ukpbj_download_others_get_404(client):
    document = VendorDocumentFactory(file__data=PDF)
    url = f"/usaha/dokumen/{document.pk}/unduh/"

    owner = VendorMemberFactory(vendor=document.vendor)
    client.force_login(owner.user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"

    other_vendor_member = VendorMemberFactory()
    client.force_login(other_vendor_member.user)
    assert client.get(url).status_code == 404

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404

    ukpbj = UserFactory()
    ukpbj.groups.add(Group.objects.get_or_create(name="UKPBJ")[0])
    client.force_login(ukpbj)
    assert client.get(url).status_code == 200

    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_another_vendors_document_cannot_be_deleted(client, member):
    document = VendorDocumentFactory()
    assert client.post(f"/usaha/dokumen/{document.pk}/hapus/").status_code == 404
    assert VendorDocument.objects.filter(pk=document.pk).exists()


def test_own_pending_document_can_be_deleted_accepted_cannot(client, member):
    pending = VendorDocumentFactory(vendor=member.vendor)
    accepted = VendorDocumentFactory(vendor=member.vendor, review_status="accepted")
    client.post(f"/usaha/dokumen/{pending.pk}/hapus/")
    client.post(f"/usaha/dokumen/{accepted.pk}/hapus/")
    assert list(VendorDocument.objects.values_list("pk", flat=True)) == [accepted.pk]
    event = AuditEvent.objects.get(vendor=member.vendor, action="delete")
    assert event.object_id == str(pending.pk) and event.actor == member.user
    assert event.changes["kind"]["new"] is None


def test_dashboard_shows_documents_expiring_within_30_days(client, member):
    today = timezone.localdate()
    VendorDocumentFactory(vendor=member.vendor, kind="halal", number="H-1",
                          expires_on=today + timedelta(days=20))  # fmt: skip
    VendorDocumentFactory(vendor=member.vendor, kind="sni", number="S-1",
                          expires_on=today + timedelta(days=200))  # fmt: skip
    html = client.get("/usaha/").content.decode()
    assert "Dokumen akan/sudah kedaluwarsa" in html
    assert "H-1" in html and "S-1" not in html


def test_reminder_command_emails_once_30_days_before_expiry():
    today = timezone.localdate()
    member = VendorMemberFactory(user__email="pemilik@contoh.id")
    VendorDocumentFactory(vendor=member.vendor, kind="tkdn", tkdn_percent=40, number="T-9",
                          expires_on=today + timedelta(days=30))  # fmt: skip
    VendorDocumentFactory(vendor=member.vendor, expires_on=today + timedelta(days=90))
    call_command("send_document_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert "pemilik@contoh.id" in mail.outbox[0].to
    assert "T-9" in mail.outbox[0].body
    call_command("send_document_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1  # not twice


def test_reminder_catches_up_on_missed_runs_but_not_expired_or_rejected_documents():
    today = timezone.localdate()
    member = VendorMemberFactory(user__email="pemilik@contoh.id")
    VendorDocumentFactory(vendor=member.vendor, kind="halal", number="H-10",
                          expires_on=today + timedelta(days=10))  # fmt: skip
    VendorDocumentFactory(vendor=member.vendor, kind="sni", number="S-LAMA",
                          expires_on=today - timedelta(days=1))  # fmt: skip
    VendorDocumentFactory(
        vendor=member.vendor, kind="pkp", number="P-TOLAK", review_status="rejected",
        expires_on=today + timedelta(days=5),
    )  # fmt: skip
    VendorDocumentFactory(vendor=member.vendor, kind="akta", number="A-31",
                          expires_on=today + timedelta(days=31))  # fmt: skip
    call_command("send_document_reminders", stdout=StringIO())
    bodies = " ".join(m.body for m in mail.outbox)
    assert len(mail.outbox) == 1 and "H-10" in bodies
    assert "S-LAMA" not in bodies and "P-TOLAK" not in bodies and "A-31" not in bodies
