"""Model-layer validation of vendors: every rule with a bad value and a good one.

Errors must name the field and say the fix in Indonesian, because vendors read them on a phone.
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import VendorDocumentFactory, VendorFactory, kecamatan
from vendors.models import Desa, Kecamatan, Vendor, VendorDocument

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as exc:
        instance.full_clean()
    return exc.value.message_dict


def test_all_fifteen_kecamatan_and_their_desa_are_loaded():
    names = set(Kecamatan.objects.values_list("name", flat=True))
    assert len(names) == 15
    assert {"Batang", "Subah", "Limpung", "Gringsing", "Warungasem"} <= names
    assert Desa.objects.count() == 248
    for kec in Kecamatan.objects.all():
        assert kec.desa_set.count() == kec.desa_count, kec.name


@pytest.mark.parametrize("bad", ["123456789012", "12345678901234", "12345678901ab", ""])
def test_nib_must_be_13_digits(bad):
    vendor = VendorFactory.build(nib=bad)
    assert errors_of(vendor)["nib"][0].startswith("NIB ")
    assert "13 digit angka" in errors_of(vendor)["nib"][0]


def test_nib_with_spaces_is_normalised():
    vendor = VendorFactory.build(nib="9120 0000 12345")
    vendor.full_clean()
    assert vendor.nib == "9120000012345"


def test_second_vendor_with_same_nib_is_refused():
    VendorFactory(nib="9120000012345")
    assert "NIB ini sudah terdaftar." in errors_of(VendorFactory.build(nib="9120000012345"))["nib"]


def test_npwp_of_16_digits_is_kept():
    vendor = VendorFactory.build(npwp="0123.4567.8901.2345")
    vendor.full_clean()
    assert vendor.npwp == "0123456789012345"


def test_old_15_digit_npwp_gets_a_leading_zero():
    vendor = VendorFactory.build(npwp="01.234.567.8-901.000")
    vendor.full_clean()
    assert vendor.npwp == "0012345678901000"


@pytest.mark.parametrize("bad", ["12345678901234", "12345678901234567", "01.234.567.8-901.00X"])
def test_npwp_of_wrong_length_is_refused(bad):
    message = errors_of(VendorFactory.build(npwp=bad))["npwp"][0]
    assert message.startswith("NPWP harus 16 digit angka")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("081234567890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("62 812 3456 7890", "+6281234567890"),
        ("+62 285 391234", "+62285391234"),
    ],
)
def test_phone_numbers_are_stored_as_plus_62(typed, stored):
    vendor = VendorFactory.build(phone=typed, whatsapp=typed)
    vendor.full_clean()
    assert vendor.phone == stored
    assert vendor.whatsapp == stored


@pytest.mark.parametrize("bad", ["+6012345678", "12345", "0812-abc-7890", "+62 0812 3456 7890"])
def test_non_indonesian_phone_numbers_are_refused(bad):
    message = errors_of(VendorFactory.build(phone=bad))["phone"][0]
    assert "Nomor telepon harus nomor Indonesia" in message


def test_kbli_codes_must_be_five_digits():
    errors = errors_of(VendorFactory.build(kbli_codes=["47611", "4761"]))
    assert errors["kbli_codes"] == ["Kode KBLI 4761 tidak valid: KBLI harus 5 digit angka."]
    good = VendorFactory.build(kbli_codes=["47611", "56210"])
    good.full_clean()


def test_address_must_be_in_a_batang_kecamatan():
    errors = errors_of(VendorFactory.build(kecamatan=None))
    assert "Kabupaten Batang" in errors["kecamatan"][0]


def test_desa_must_belong_to_the_chosen_kecamatan():
    subah = kecamatan("Subah")
    desa_in_limpung = Desa.objects.filter(kecamatan__name="Limpung").first()
    errors = errors_of(VendorFactory.build(kecamatan=subah, desa=desa_in_limpung))
    assert errors["desa"] == ["Desa/kelurahan yang dipilih tidak berada di kecamatan Subah."]
    good = VendorFactory.build(kecamatan=subah, desa=subah.desa_set.first())
    good.full_clean()


def test_koperasi_legal_form_marks_the_vendor_as_koperasi():
    vendor = VendorFactory.build(legal_form=Vendor.LegalForm.KOPERASI, is_koperasi=False)
    vendor.full_clean()
    assert vendor.is_koperasi is True


def test_slug_is_unique_per_vendor_name():
    a = VendorFactory(name="Toko Sumber Rejeki")
    b = VendorFactory(name="Toko Sumber Rejeki")
    assert a.slug == "toko-sumber-rejeki"
    assert b.slug == "toko-sumber-rejeki-2"


def test_verified_queryset_hides_other_statuses():
    verified = VendorFactory(status=Vendor.Status.VERIFIED)
    VendorFactory(status=Vendor.Status.DRAFT)
    VendorFactory(status=Vendor.Status.SUSPENDED)
    assert list(Vendor.objects.verified()) == [verified]


def _upload(name, data, content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_document_upload_is_checked_by_content_not_extension():
    vendor = VendorFactory()
    disguised = VendorDocument(
        vendor=vendor,
        kind=VendorDocument.Kind.NIB,
        file=_upload("nib.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 300),
    )
    assert "Isi berkas bukan PDF, JPEG atau PNG" in errors_of(disguised)["file"][0]

    real_pdf = VendorDocument(
        vendor=vendor,
        kind=VendorDocument.Kind.NIB,
        file=_upload("scan.exe", b"%PDF-1.7\n" + b"0" * 300),
    )
    real_pdf.full_clean()
    assert real_pdf.content_type == "application/pdf"


def test_document_larger_than_5_mb_is_refused():
    vendor = VendorFactory()
    big = VendorDocument(
        vendor=vendor,
        kind=VendorDocument.Kind.AKTA,
        file=_upload("akta.pdf", b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024)),
    )
    assert "Berkas terlalu besar" in errors_of(big)["file"][0]


def test_document_is_stored_privately_without_a_public_url(settings):
    document = VendorDocumentFactory()
    with pytest.raises(ValueError):
        _ = document.file.url
    stored = document.file.path
    assert stored.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not stored.startswith(str(settings.MEDIA_ROOT))
    assert "nib.pdf" not in stored  # the uploaded name is not reused


def test_tkdn_certificate_needs_a_percentage_and_sane_dates():
    vendor = VendorFactory()
    doc = VendorDocument(
        vendor=vendor,
        kind=VendorDocument.Kind.TKDN,
        issued_on="2026-01-10",
        expires_on="2025-01-10",
        file=_upload("tkdn.png", b"\x89PNG\r\n\x1a\n" + b"0" * 300, "image/png"),
    )
    errors = errors_of(doc)
    assert errors["tkdn_percent"] == ["Persentase TKDN wajib diisi untuk sertifikat TKDN."]
    assert errors["expires_on"] == ["Tanggal berlaku sampai tidak boleh sebelum tanggal terbit."]


def test_forms_accept_identifiers_as_people_type_them():
    from django import forms

    class VendorForm(forms.ModelForm):
        class Meta:
            model = Vendor
            fields = ["name", "nib", "npwp", "phone", "address", "kecamatan"]

    form = VendorForm(
        data={
            "name": "CV Sumber Rejeki",
            "nib": "9120 0000 12345",
            "npwp": "01.234.567.8-901.000",
            "phone": "0812-3456-7890",
            "address": "Jl. Gajah Mada 5",
            "kecamatan": kecamatan("Subah").pk,
        }
    )
    assert form.is_valid(), form.errors
    vendor = form.save()
    assert (vendor.nib, vendor.npwp, vendor.phone) == (
        "9120000012345",
        "0012345678901000",
        "+6281234567890",
    )
