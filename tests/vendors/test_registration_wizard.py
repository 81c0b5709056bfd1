"""The registration wizard: a draft saved at every step, field errors naming the field,
duplicate NIB refused with how to ask for access, invitations, submission."""

import re

import pytest
from django.core import mail

from tests.factories import (
    UserFactory,
    VendorDocumentFactory,
    VendorFactory,
    VendorMemberFactory,
    kecamatan,
)
from vendors.models import AuditEvent, Vendor, VendorMember, VendorRevision

pytestmark = pytest.mark.django_db

USAHA = {
    "legal_form": "ud",
    "name": "UD Sumber Rejeki Batang",
    "nib": "9120301234567",
    "npwp": "01.234.567.8-901.000",
    "kbli_codes": "47611, 56210",
    "scale": "mikro",
    "pkp_status": "non_pkp",
    "description": "Toko ATK dan katering.",
}


@pytest.fixture
def user(client):
    user = UserFactory(email="pemilik@contoh.id")
    client.force_login(user)
    return user


def step(client, slug, data, **extra):
    return client.post(f"/usaha/daftar/{slug}/", data, **extra)


def alamat():
    kec = kecamatan("Batang")
    return {"address": "Jl. Gajah Mada 5", "kecamatan": kec.pk, "desa": ""}


def test_first_step_creates_a_draft_vendor_with_only_that_steps_fields(client, user):
    response = step(client, "usaha", USAHA)
    assert response.status_code == 302
    assert response["Location"].endswith("/usaha/daftar/alamat/")
    vendor = Vendor.objects.get()
    assert vendor.status == Vendor.Status.DRAFT
    assert vendor.npwp == "0012345678901000"
    assert vendor.kbli_codes == ["47611", "56210"]
    assert vendor.address == "" and vendor.kecamatan is None
    assert VendorMember.objects.get(user=user).role == VendorMember.Role.OWNER
    assert AuditEvent.objects.filter(vendor=vendor, action="create").exists()


def test_leaving_and_coming_back_resumes_at_the_first_unfinished_step(client, user):
    step(client, "usaha", USAHA)
    step(client, "alamat", {**alamat(), "save_exit": "1"})
    client.logout()
    client.force_login(user)
    dashboard = client.get("/usaha/").content.decode()
    assert "Lanjutkan: Kontak" in dashboard
    response = client.get("/usaha/daftar/")
    assert response["Location"].endswith("/usaha/daftar/kontak/")
    # Earlier answers are still in the form.
    html = client.get("/usaha/daftar/usaha/").content.decode()
    assert "UD Sumber Rejeki Batang" in html and "47611, 56210" in html


@pytest.mark.parametrize(
    ("slug", "field", "bad", "good", "message"),
    [
        ("usaha", "nib", "12345", "9120301234567", "NIB harus 13 digit angka."),
        ("usaha", "npwp", "12.345", "0123456789012345", "NPWP harus 16 digit angka"),
        ("usaha", "kbli_codes", "4761", "47611", "KBLI harus 5 digit angka"),
        ("usaha", "name", "", "CV Maju", "Nama usaha wajib diisi."),
        ("kontak", "phone", "12345", "0812-3456-7890", "Nomor telepon harus nomor Indonesia"),
        ("usaha", "legal_form", "pt-asing", "koperasi", "Bentuk usaha: "),
        ("usaha", "scale", "raksasa", "kecil", "Skala usaha: "),
        ("usaha", "pkp_status", "entah", "pkp", "Status PKP: "),
        ("kontak", "email", "bukan-email", "info@contoh.id", "Email"),
        ("kontak", "whatsapp", "0812", "0812 3456 7890", "harus nomor Indonesia"),
        ("kontak", "website", "bukan web", "https://udsumber.id", "harus alamat web lengkap"),
        ("toko", "inaproc_url", "ftp://katalog.inaproc.id/x", "https://katalog.inaproc.id/t",
         "harus alamat web lengkap"),
        ("toko", "toko_daring_url", "javascript:alert(1)", "https://www.tokopedia.com/ud",
         "harus alamat web lengkap"),
    ],
)  # fmt: skip
def test_every_step_field_rejects_a_bad_value_and_accepts_a_good_one(
    client, user, slug, field, bad, good, message
):
    if slug != "usaha":
        step(client, "usaha", USAHA)
        step(client, "alamat", alamat())
    base = {
        "usaha": USAHA,
        "kontak": {"phone": "", "whatsapp": "081234567890", "email": "", "website": ""},
        "toko": {"inaproc_url": "", "toko_daring_url": ""},
    }[slug]
    response = step(client, slug, {**base, field: bad})
    assert response.status_code == 200
    assert message in response.content.decode()
    response = step(client, slug, {**base, field: good})
    assert response.status_code == 302, response.content.decode()[:3000]


def test_address_must_be_in_a_batang_kecamatan_and_desa_must_match(client, user):
    step(client, "usaha", USAHA)
    response = step(client, "alamat", {"address": "Jl. A", "kecamatan": "", "desa": ""})
    assert "Kecamatan wajib diisi" in response.content.decode()
    other = kecamatan("Subah")
    desa = other.desa_set.first()
    if desa is not None:
        response = step(
            client, "alamat", {"address": "Jl. A", "kecamatan": kecamatan("Batang").pk,
                               "desa": desa.pk},
        )  # fmt: skip
        assert "tidak berada di kecamatan Batang" in response.content.decode()
    response = step(client, "alamat", alamat())
    assert response.status_code == 302


def test_contact_step_needs_at_least_one_contact(client, user):
    step(client, "usaha", USAHA)
    response = step(client, "kontak", {"phone": "", "whatsapp": "", "email": ""})
    assert "Isi minimal satu kontak" in response.content.decode()


def test_duplicate_nib_is_refused_with_how_to_ask_the_owner_for_access(client, user):
    VendorFactory(nib="9120301234567")
    response = step(client, "usaha", USAHA)
    html = response.content.decode()
    assert response.status_code == 200
    assert "NIB ini sudah terdaftar untuk penyedia lain" in html
    assert "mengundang email Anda" in html
    assert Vendor.objects.count() == 1


def test_owner_invites_staff_by_email_and_the_invited_person_joins(
    client, django_capture_on_commit_callbacks
):
    owner = VendorMemberFactory(user__email="pemilik@contoh.id")
    client.force_login(owner.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/usaha/anggota/", {"email": "Staf@Contoh.id"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["staf@contoh.id"]
    invite = AuditEvent.objects.get(vendor=owner.vendor, action="invite")
    assert invite.changes["email"]["new"] == "staf@contoh.id" and invite.actor == owner.user
    path = re.search(r"https?://[^/\s]+(/usaha/undangan/\S+/)", mail.outbox[0].body).group(1)

    stranger = UserFactory(email="orang-lain@contoh.id")
    client.force_login(stranger)
    response = client.post(path)
    assert "Undangan ini untuk staf@contoh.id" in response.content.decode()
    assert not VendorMember.objects.filter(user=stranger).exists()

    staff = UserFactory(email="staf@contoh.id")
    client.force_login(staff)
    assert client.post(path).status_code == 302
    member = VendorMember.objects.get(user=staff)
    assert member.vendor == owner.vendor and member.role == VendorMember.Role.STAFF
    assert AuditEvent.objects.filter(vendor=owner.vendor, action="join").exists()
    # Used once only.
    other = UserFactory(email="staf2@contoh.id")
    client.force_login(other)
    assert "sudah dipakai" in client.get(path).content.decode()


def test_staff_cannot_invite(client):
    member = VendorMemberFactory(role=VendorMember.Role.STAFF)
    client.force_login(member.user)
    assert client.post("/usaha/anggota/", {"email": "x@contoh.id"}).status_code == 404
    assert mail.outbox == []


def test_submit_requires_all_steps_and_an_nib_document(client, user):
    step(client, "usaha", USAHA)
    step(client, "alamat", alamat())
    step(client, "kontak", {"whatsapp": "081234567890"})
    response = client.post("/usaha/daftar/ajukan/", {"confirm": "on"})
    assert "Lengkapi dulu langkah: Toko INAPROC dan toko daring" in response.content.decode()
    step(client, "toko", {"inaproc_url": "", "toko_daring_url": ""})
    response = client.post("/usaha/daftar/ajukan/", {"confirm": "on"})
    assert "Unggah dokumen NIB" in response.content.decode()
    vendor = Vendor.objects.get()
    VendorDocumentFactory(vendor=vendor)
    response = client.post("/usaha/daftar/ajukan/", {"confirm": "on"})
    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUBMITTED and vendor.submitted_at
    assert AuditEvent.objects.filter(vendor=vendor, action="submit").exists()


def test_verified_vendor_key_field_edit_goes_to_review_and_public_keeps_old_values(client):
    member = VendorMemberFactory(vendor__name="CV Lama", vendor__status=Vendor.Status.VERIFIED)
    vendor = member.vendor
    client.force_login(member.user)
    data = {
        "legal_form": "cv", "name": "CV Baru", "nib": vendor.nib, "npwp": vendor.npwp,
        "kbli_codes": "47611, 10710", "scale": "kecil", "pkp_status": "pkp", "description": "",
    }  # fmt: skip
    response = step(client, "usaha", data, follow=True)
    assert "menunggu pemeriksaan UKPBJ" in response.content.decode()
    vendor.refresh_from_db()
    assert vendor.name == "CV Lama"  # public value kept
    assert vendor.kbli_codes == ["47611", "10710"]  # non-key field applied
    revision = VendorRevision.objects.get(vendor=vendor)
    assert revision.changes == {"name": "CV Baru"}
    assert AuditEvent.objects.filter(vendor=vendor, action="revision_request").exists()


def test_unknown_store_host_is_accepted_but_flagged(client, user):
    step(client, "usaha", USAHA)
    response = step(
        client, "toko", {"inaproc_url": "https://katalog.inaproc.id/ud-sumber",
                         "toko_daring_url": "https://tokoku.example.com/ud"},
    )  # fmt: skip
    assert response.status_code == 302
    vendor = Vendor.objects.get()
    reviews = list(vendor.link_reviews.values_list("field", "host"))
    assert reviews == [("toko_daring_url", "tokoku.example.com")]


def test_a_user_without_vendor_cannot_skip_to_later_steps(client, user):
    response = client.get("/usaha/daftar/kontak/")
    assert response["Location"].endswith("/usaha/daftar/usaha/")
    assert client.get("/usaha/daftar/tidak-ada/").status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get("/usaha/daftar/usaha/")
    assert response.status_code == 302 and "/akun/login/" in response["Location"]


def test_contacts_are_public_or_private_per_field_on_the_public_profile(client, user):
    step(client, "usaha", USAHA)
    step(client, "alamat", alamat())
    response = step(
        client, "kontak", {"phone": "0285-391234", "whatsapp": "081234567890",
                           "whatsapp_public": "on", "email": "rahasia@contoh.id"},
    )  # fmt: skip
    assert response.status_code == 302
    vendor = Vendor.objects.get()
    assert (vendor.phone_public, vendor.whatsapp_public, vendor.email_public) == (
        False, True, False,
    )  # fmt: skip
    vendor.status = Vendor.Status.VERIFIED
    vendor.save()
    html = client.get(vendor.get_absolute_url()).content.decode()
    assert "6281234567890" in html
    assert "rahasia@contoh.id" not in html and "391234" not in html


def test_koperasi_legal_form_marks_the_vendor_as_koperasi(client, user):
    response = step(client, "usaha", {**USAHA, "legal_form": "koperasi", "name": "KSU Batang"})
    assert response.status_code == 302
    assert Vendor.objects.get().is_koperasi is True
