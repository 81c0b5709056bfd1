"""The back office (Wagtail admin) for UKPBJ staff: vendors, members, documents, geography."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q

from tests.factories import (
    UserFactory,
    VendorDocumentFactory,
    VendorFactory,
    VendorMemberFactory,
    kecamatan,
)
from vendors.models import Desa, Kecamatan, Vendor, VendorDocument

pytestmark = pytest.mark.django_db

VENDORS = "/admin/penyedia/"
MEMBERS = "/admin/anggota-penyedia/"
DOCUMENTS = "/admin/dokumen-penyedia/"
KECAMATAN = "/admin/kecamatan/"
DESA = "/admin/desa/"

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


def staff_user(*apps, username="staf-ukpbj"):
    """A back-office user with admin access and every model permission of `apps`."""
    user = UserFactory(username=username)
    perms = Permission.objects.filter(
        Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label__in=apps)
    )
    user.user_permissions.add(*perms)
    return user


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user("vendors"))
    return client


def vendor_form_data(**overrides):
    data = {
        "name": "CV Batik Rifaiyah",
        "legal_form": Vendor.LegalForm.CV,
        "scale": Vendor.Scale.KECIL,
        "description": "Batik tulis khas Batang.",
        "nib": "1234567890123",
        "npwp": "01.234.567.8-901.000",
        "kbli_codes": "13134, 47711",
        "pkp_status": Vendor.PKPStatus.NON_PKP,
        "address": "Jl. Ahmad Yani No. 5",
        "kecamatan": str(kecamatan("Batang").pk),
        "desa": "",
        "phone": "0812-3456-7890",
        "whatsapp": "",
        "email": "batik@contoh.id",
        "email_public": "on",
        "website": "",
        "inaproc_url": "",
        "toko_daring_url": "",
        "status": Vendor.Status.DRAFT,
        "status_reason": "",
    }
    data.update(overrides)
    return data


class TestVendorListing:
    def test_lists_vendors_with_their_kecamatan(self, staff_client):
        VendorFactory(name="UD Sumber Rejeki", kecamatan=kecamatan("Subah"))
        VendorFactory(name="CV Karya Mandiri")

        response = staff_client.get(VENDORS)

        assert response.status_code == 200
        html = response.content.decode()
        assert "UD Sumber Rejeki" in html
        assert "CV Karya Mandiri" in html
        assert "Subah" in html
        assert "Terverifikasi" in html

    def test_status_filter_hides_other_statuses(self, staff_client):
        VendorFactory(name="Toko Terverifikasi", status=Vendor.Status.VERIFIED)
        VendorFactory(name="Toko Masih Draf", status=Vendor.Status.DRAFT)

        response = staff_client.get(VENDORS, {"status": "verified"})

        html = response.content.decode()
        assert "Toko Terverifikasi" in html
        assert "Toko Masih Draf" not in html

    def test_kecamatan_filter(self, staff_client):
        VendorFactory(name="Katering Subah", kecamatan=kecamatan("Subah"))
        VendorFactory(name="Katering Batang")

        html = staff_client.get(VENDORS, {"kecamatan": kecamatan("Subah").pk}).content.decode()

        assert "Katering Subah" in html
        assert "Katering Batang" not in html

    def test_search_finds_a_vendor_by_nib(self, staff_client):
        VendorFactory(name="Percetakan Sinar", nib="9876543210123")
        VendorFactory(name="Toko Lain")

        html = staff_client.get(VENDORS, {"q": "9876543210123"}).content.decode()

        assert "Percetakan Sinar" in html
        assert "Toko Lain" not in html

    def test_search_by_name_ignores_case(self, staff_client):
        VendorFactory(name="Percetakan Sinar")
        VendorFactory(name="Toko Lain")

        html = staff_client.get(VENDORS, {"q": "percetakan"}).content.decode()

        assert "Percetakan Sinar" in html
        assert "Toko Lain" not in html

    def test_listing_is_not_n_plus_1(self, staff_client, django_assert_max_num_queries):
        subah = kecamatan("Subah")
        VendorFactory.create_batch(30, kecamatan=subah)
        staff_client.get(VENDORS)  # warm caches (content types, site) like a real session

        # Measured: 11 queries for 30 rows on SQLite and PostgreSQL (session, user,
        # permissions, filter choices, count, one page of rows with their kecamatan joined).
        with django_assert_max_num_queries(15):
            response = staff_client.get(VENDORS)

        assert response.content.decode().count("Toko Maju Jaya") >= 30

    def test_query_count_does_not_grow_with_rows(self, staff_client, django_assert_num_queries):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        VendorFactory.create_batch(3)
        staff_client.get(VENDORS)
        with CaptureQueriesContext(connection) as few:
            staff_client.get(VENDORS)
        VendorFactory.create_batch(27, kecamatan=kecamatan("Bandar"))
        with django_assert_num_queries(len(few.captured_queries)):
            staff_client.get(VENDORS)


class TestVendorForm:
    def test_bad_nib_shows_indonesian_error_and_saves_nothing(self, staff_client):
        response = staff_client.post(VENDORS + "new/", vendor_form_data(nib="12345"))

        assert response.status_code == 200
        assert "NIB harus 13 digit angka." in response.content.decode()
        assert not Vendor.objects.exists()

    def test_create_normalises_what_staff_type(self, staff_client):
        response = staff_client.post(VENDORS + "new/", vendor_form_data())

        assert response.status_code == 302
        vendor = Vendor.objects.get()
        assert vendor.slug == "cv-batik-rifaiyah"
        assert vendor.kbli_codes == ["13134", "47711"]
        assert vendor.npwp == "0012345678901000"
        assert vendor.phone == "+6281234567890"

    def test_bad_kbli_names_the_code(self, staff_client):
        response = staff_client.post(VENDORS + "new/", vendor_form_data(kbli_codes="13134, 4771"))

        assert "Kode KBLI 4771 tidak valid" in response.content.decode()
        assert not Vendor.objects.exists()

    def test_desa_outside_the_kecamatan_is_refused(self, staff_client):
        desa = Desa.objects.filter(kecamatan__name="Subah").first()
        data = vendor_form_data(desa=str(desa.pk))

        response = staff_client.post(VENDORS + "new/", data)

        assert "tidak berada di kecamatan Batang" in response.content.decode()
        assert not Vendor.objects.exists()

    def test_edit_form_shows_kbli_as_text(self, staff_client):
        vendor = VendorFactory(kbli_codes=["47611", "10792"])

        html = staff_client.get(f"{VENDORS}edit/{vendor.pk}/").content.decode()

        assert "47611, 10792" in html
        for heading in ["Identitas usaha", "Legalitas", "Alamat", "Kontak", "Status verifikasi"]:
            assert heading in html

    def test_verifying_records_who_and_when(self, client):
        user = staff_user("vendors")
        client.force_login(user)
        vendor = VendorFactory(status=Vendor.Status.SUBMITTED, name="UD Tunas", nib="3325000000001")
        data = vendor_form_data(
            name="UD Tunas",
            nib="3325000000001",
            legal_form=Vendor.LegalForm.UD,
            status=Vendor.Status.VERIFIED,
        )

        response = client.post(f"{VENDORS}edit/{vendor.pk}/", data)

        assert response.status_code == 302
        vendor.refresh_from_db()
        assert vendor.status == Vendor.Status.VERIFIED
        assert vendor.verified_by == user
        assert vendor.verified_at is not None


class TestPermissions:
    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(VENDORS)

        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_admin_user_without_model_permissions_is_refused(self, client):
        client.force_login(staff_user(username="editor"))  # access_admin only
        VendorFactory(name="Rahasia Dagang")

        for url in (VENDORS, DOCUMENTS, MEMBERS, VENDORS + "new/"):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert "Rahasia Dagang" not in response.content.decode()

    def test_create_needs_the_add_permission(self, client):
        user = staff_user(username="pembaca")
        user.user_permissions.add(Permission.objects.get(codename="change_vendor"))
        client.force_login(user)

        assert client.get(VENDORS).status_code == 200
        response = client.post(VENDORS + "new/", vendor_form_data())

        assert response.status_code in (302, 403)
        assert not Vendor.objects.exists()


class TestVendorDocuments:
    def test_listing_shows_type_and_size_but_no_file_url(self, staff_client):
        document = VendorDocumentFactory(vendor__name="CV Dokumen Lengkap")
        VendorDocument.objects.filter(pk=document.pk).update(size_bytes=2048)

        response = staff_client.get(DOCUMENTS)

        html = response.content.decode()
        assert response.status_code == 200
        assert "CV Dokumen Lengkap" in html
        assert "PDF" in html
        assert "2,0" in html or "2.0" in html  # "2,0 KB"
        assert document.file.name not in html
        assert f"vendors/{document.vendor_id}/documents" not in html
        assert "/media/" not in html

    def test_edit_form_has_no_link_to_the_stored_file(self, staff_client):
        document = VendorDocumentFactory()

        html = staff_client.get(f"{DOCUMENTS}edit/{document.pk}/").content.decode()

        assert "Berkas tersimpan: PDF" in html
        assert document.file.name not in html
        assert "/media/" not in html

    def test_filters_by_kind_and_review_status(self, staff_client):
        VendorDocumentFactory(vendor__name="Penyedia NIB", kind=VendorDocument.Kind.NIB)
        VendorDocumentFactory(
            vendor__name="Penyedia Halal",
            kind=VendorDocument.Kind.HALAL,
            review_status=VendorDocument.ReviewStatus.ACCEPTED,
        )

        by_kind = staff_client.get(DOCUMENTS, {"kind": "halal"}).content.decode()
        by_review = staff_client.get(DOCUMENTS, {"review_status": "pending"}).content.decode()

        assert "Penyedia Halal" in by_kind and "Penyedia NIB" not in by_kind
        assert "Penyedia NIB" in by_review and "Penyedia Halal" not in by_review

    def test_upload_through_the_admin_is_sniffed_and_attributed(self, client):
        user = staff_user("vendors")
        client.force_login(user)
        vendor = VendorFactory()
        data = {
            "vendor": vendor.pk,
            "kind": VendorDocument.Kind.NIB,
            "number": "NIB-1",
            "review_status": VendorDocument.ReviewStatus.PENDING,
            "file": SimpleUploadedFile("nib.pdf", PDF, content_type="application/pdf"),
        }

        response = client.post(DOCUMENTS + "new/", data)

        assert response.status_code == 302
        document = VendorDocument.objects.get()
        assert document.content_type == "application/pdf"
        assert document.size_bytes == len(PDF)
        assert document.uploaded_by == user

    def test_upload_of_a_disguised_file_is_refused(self, staff_client):
        vendor = VendorFactory()
        data = {
            "vendor": vendor.pk,
            "kind": VendorDocument.Kind.NIB,
            "review_status": VendorDocument.ReviewStatus.PENDING,
            "file": SimpleUploadedFile("nib.pdf", b"MZ\x90\x00not a pdf at all" * 10),
        }

        response = staff_client.post(DOCUMENTS + "new/", data)

        assert response.status_code == 200
        assert "PDF, JPEG atau PNG" in response.content.decode()
        assert not VendorDocument.objects.exists()


class TestMembers:
    def test_lists_and_searches_members(self, staff_client):
        VendorMemberFactory(user__username="budi", vendor__name="UD Budi Jaya")
        VendorMemberFactory(user__username="sari", vendor__name="CV Sari Rasa")

        listing = staff_client.get(MEMBERS).content.decode()
        found = staff_client.get(MEMBERS, {"q": "sari rasa"}).content.decode()

        assert "UD Budi Jaya" in listing and "CV Sari Rasa" in listing
        assert "CV Sari Rasa" in found and "UD Budi Jaya" not in found


class TestGeography:
    def test_kecamatan_listing_shows_desa_counts(self, staff_client):
        response = staff_client.get(KECAMATAN)

        html = response.content.decode()
        assert response.status_code == 200
        assert Kecamatan.objects.count() == 15
        for name in Kecamatan.objects.values_list("name", flat=True):
            assert name in html
        wonotunggal = Kecamatan.objects.get(name="Wonotunggal")
        assert wonotunggal.desa_count == 15
        assert Desa.objects.filter(kecamatan=wonotunggal).count() == 15

    def test_kecamatan_in_use_cannot_be_deleted(self, staff_client):
        subah = kecamatan("Subah")
        VendorFactory(kecamatan=subah)

        response = staff_client.post(f"{KECAMATAN}delete/{subah.pk}/", follow=True)

        assert response.status_code == 200
        assert "tidak dapat dihapus" in response.content.decode()
        assert Kecamatan.objects.filter(pk=subah.pk).exists()

    def test_desa_filter_by_kecamatan_and_search_by_name(self, staff_client):
        subah = kecamatan("Subah")
        some_desa = Desa.objects.filter(kecamatan=subah).first()
        kecamatan_names = Kecamatan.objects.values_list("name", flat=True)
        other = Desa.objects.exclude(kecamatan=subah).exclude(name__in=kecamatan_names).first()

        filtered = staff_client.get(DESA, {"kecamatan": subah.pk}).content.decode()
        searched = staff_client.get(DESA, {"q": some_desa.name.lower()}).content.decode()

        assert some_desa.name in filtered
        assert other.name not in filtered
        assert some_desa.name in searched


def sidebar_labels(html: str) -> dict[str, list[str]]:
    """Main menu groups of the Wagtail sidebar and the item labels inside each."""
    import json
    import re

    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    modules = json.loads(props.group(1))["modules"]
    menu = next(m for m in modules if m["_type"] == "wagtail.sidebar.MainMenuModule")
    groups = {}
    for item in menu["_args"][0]:
        if item["_type"] == "wagtail.sidebar.SubMenuItem":
            options, children = item["_args"]
            groups[options["label"]] = [child["_args"][0]["label"] for child in children]
    return groups


class TestMenu:
    def test_back_office_menu_groups_in_indonesian(self, client):
        client.force_login(staff_user("vendors", "catalog", "procurement"))

        groups = sidebar_labels(client.get("/admin/").content.decode())

        assert groups["Penyedia"] == [
            "Penyedia",
            "Anggota penyedia",
            "Dokumen penyedia",
            "Kecamatan",
            "Desa/kelurahan",
        ]
        assert groups["Katalog"] == ["Produk", "Kategori"]
        assert groups["OPD"] == ["OPD", "Profil pembeli"]

    def test_menu_shows_only_what_the_user_may_use(self, client):
        client.force_login(staff_user("catalog", username="kurator"))

        groups = sidebar_labels(client.get("/admin/").content.decode())

        assert "Katalog" in groups
        assert "Penyedia" not in groups
        assert "OPD" not in groups


class TestUKPBJGroup:
    """The group vendors/roles.py sets up is enough to run the back office."""

    @pytest.fixture
    def ukpbj_client(self, client):
        from vendors.roles import ensure_ukpbj_group

        user = UserFactory(username="petugas-ukpbj")
        user.groups.add(ensure_ukpbj_group())
        client.force_login(user)
        return client

    def test_every_back_office_listing_opens(self, ukpbj_client):
        VendorFactory(name="UD Lengkap")
        urls = [VENDORS, MEMBERS, DOCUMENTS, KECAMATAN, DESA]
        urls += ["/admin/produk/", "/admin/kategori/", "/admin/opd/", "/admin/profil-pembeli/"]

        for url in urls:
            assert ukpbj_client.get(url).status_code == 200, url

    def test_reference_geography_is_read_only_for_ukpbj(self, ukpbj_client):
        subah = kecamatan("Subah")

        listing = ukpbj_client.get(KECAMATAN).content.decode()
        edit = ukpbj_client.get(f"{KECAMATAN}edit/{subah.pk}/")

        assert f"{KECAMATAN}inspect/{subah.pk}/" in listing
        assert edit.status_code in (302, 403)
        assert ukpbj_client.get(f"{KECAMATAN}inspect/{subah.pk}/").status_code == 200

    def test_documents_download_through_the_checked_view(self, ukpbj_client):
        document = VendorDocumentFactory()

        html = ukpbj_client.get(DOCUMENTS).content.decode()
        link = f"/usaha/dokumen/{document.pk}/unduh/"

        assert link in html
        assert document.file.name not in html
        response = ukpbj_client.get(link)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_vendor_export_uses_indonesian_labels(staff_client):
    VendorFactory(name="UD Ekspor", nib="3325000000077", legal_form=Vendor.LegalForm.UD)

    response = staff_client.get(VENDORS, {"export": "csv"})

    body = b"".join(response.streaming_content).decode()
    header, row = body.splitlines()[:2]
    assert header.startswith("Nama usaha,NIB,NPWP,Bentuk usaha,Skala usaha,")
    assert row.startswith("UD Ekspor,3325000000077,")
    assert ",Terverifikasi," in row
