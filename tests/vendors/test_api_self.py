"""The vendor self-service API /api/v1/me/vendor/...: same rules as the pages, own data only,
token or session auth, documented in the OpenAPI schema."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

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
from vendors.models import AuditEvent, Vendor, VendorDocument

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100


def errors(response) -> dict:
    """Field errors of a 400, whatever the project's error envelope."""
    body = response.json()
    return body.get("errors", body)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def member(api):
    member = VendorMemberFactory()
    token = Token.objects.create(user=member.user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return member


def test_anonymous_gets_401_or_403(api):
    assert api.get("/api/v1/me/vendor/").status_code in (401, 403)


def test_full_registration_through_the_api(api):
    user = UserFactory()
    api.force_authenticate(user)
    assert api.get("/api/v1/me/vendor/").status_code == 404
    response = api.post(
        "/api/v1/me/vendor/",
        {"legal_form": "cv", "name": "CV Api Batang", "nib": "9120 3012 3456 8",
         "npwp": "0123456789012345", "kbli_codes": ["47611"], "scale": "kecil",
         "pkp_status": "pkp"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    assert response.json()["nib"] == "9120301234568"
    assert response.json()["completed_steps"] == ["usaha"]
    response = api.patch(
        "/api/v1/me/vendor/steps/alamat/",
        {"address": "Jl. Api 1", "kecamatan": kecamatan("Batang").pk},
        format="json",
    )
    assert response.status_code == 200, response.json()
    # PATCH keeps what was not sent.
    assert response.json()["name"] == "CV Api Batang"
    api.patch("/api/v1/me/vendor/steps/kontak/", {"whatsapp": "081234567890"}, format="json")
    api.patch("/api/v1/me/vendor/steps/toko/", {}, format="json")
    response = api.post("/api/v1/me/vendor/submit/")
    assert response.status_code == 400
    assert "Unggah dokumen NIB" in str(response.json())
    upload = SimpleUploadedFile("nib.pdf", PDF, content_type="application/pdf")
    response = api.post("/api/v1/me/vendor/documents/", {"kind": "nib", "file": upload},
                        format="multipart")  # fmt: skip
    assert response.status_code == 201, response.json()
    response = api.post("/api/v1/me/vendor/submit/")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"


@pytest.mark.parametrize(
    ("field", "bad", "good", "message"),
    [
        ("nib", "123", "9120301234999", "NIB harus 13 digit angka."),
        ("npwp", "abc", "0123456789012345", "NPWP harus 16 digit angka"),
        ("kbli_codes", ["123"], ["47611"], "KBLI harus 5 digit angka"),
    ],
)
def test_step_validation_is_a_400_naming_the_field(api, member, field, bad, good, message):
    response = api.patch("/api/v1/me/vendor/steps/usaha/", {field: bad}, format="json")
    assert response.status_code == 400
    assert message in str(errors(response)[field])
    response = api.patch("/api/v1/me/vendor/steps/usaha/", {field: good}, format="json")
    assert response.status_code == 200, response.json()


def test_duplicate_nib_through_the_api_tells_how_to_get_access(api):
    VendorFactory(nib="9120301234500")
    api.force_authenticate(UserFactory())
    response = api.post(
        "/api/v1/me/vendor/",
        {"name": "Toko Dua", "nib": "9120301234500", "legal_form": "ud"},
        format="json",
    )
    assert response.status_code == 400
    assert "mengundang email Anda" in str(errors(response)["nib"])


def test_disguised_upload_is_refused_by_the_api(api, member):
    upload = SimpleUploadedFile("nib.pdf", EXE, content_type="application/pdf")
    response = api.post("/api/v1/me/vendor/documents/", {"kind": "nib", "file": upload},
                        format="multipart")  # fmt: skip
    assert response.status_code == 400
    assert "Isi berkas bukan PDF, JPEG atau PNG" in str(errors(response)["file"])
    assert not VendorDocument.objects.exists()


def test_other_vendors_documents_and_products_are_404(api, member):
    foreign_doc = VendorDocumentFactory()
    foreign_product = ProductFactory()
    assert api.get(f"/api/v1/me/vendor/documents/{foreign_doc.pk}/").status_code == 404
    assert api.get(f"/api/v1/me/vendor/documents/{foreign_doc.pk}/file/").status_code == 404
    assert api.delete(f"/api/v1/me/vendor/documents/{foreign_doc.pk}/").status_code == 404
    assert api.get(f"/api/v1/me/vendor/products/{foreign_product.pk}/").status_code == 404
    response = api.patch(
        f"/api/v1/me/vendor/products/{foreign_product.pk}/", {"price": 1}, format="json"
    )
    assert response.status_code == 404
    assert api.post(f"/api/v1/me/vendor/products/{foreign_product.pk}/archive/").status_code == 404
    foreign_product.refresh_from_db()
    assert foreign_product.price == 52000 and foreign_product.status == "published"
    assert api.get("/api/v1/me/vendor/products/").json() == []


def test_product_create_patch_archive_and_audit(api, member):
    category = CategoryFactory(slug="api-kertas")
    response = api.post(
        "/api/v1/me/vendor/products/",
        {"name": "Kertas HVS", "category": category.pk, "unit": "rim", "price": 50000,
         "status": "published", "is_pdn": True},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["is_pdn"] is True
    response = api.patch(f"/api/v1/me/vendor/products/{pk}/", {"price": 0}, format="json")
    assert response.status_code == 400 and "Harga harus lebih dari Rp 0." in str(response.json())
    response = api.patch(f"/api/v1/me/vendor/products/{pk}/", {"price": 55000}, format="json")
    assert response.status_code == 200 and response.json()["price"] == 55000
    assert response.json()["is_pdn"] is True  # kept
    assert api.post(f"/api/v1/me/vendor/products/{pk}/archive/").json()["status"] == "archived"
    actions = set(AuditEvent.objects.filter(object_type="product").values_list("action", flat=True))
    assert {"create", "update", "archive"} <= actions


def test_import_dry_run_and_all_or_nothing_through_the_api(api, member):
    CategoryFactory(slug="api-kertas")
    bad = b"nama,kategori,satuan,harga\nA,api-kertas,rim,100\nB,api-kertas,rim,nol\n"
    response = api.post("/api/v1/me/vendor/products/import/",
                        {"file": SimpleUploadedFile("p.csv", bad), "dry_run": "false"},
                        format="multipart")  # fmt: skip
    assert response.status_code == 400
    body = response.json()
    assert body["saved"] is False and body["error_rows"][0]["line"] == 3
    assert not Product.objects.exists()
    good = b"nama,kategori,satuan,harga\nA,api-kertas,rim,100\nB,api-kertas,rim,200\n"
    response = api.post("/api/v1/me/vendor/products/import/",
                        {"file": SimpleUploadedFile("p.csv", good), "dry_run": "true"},
                        format="multipart")  # fmt: skip
    assert response.status_code == 200 and response.json()["created"] == 2
    assert not Product.objects.exists()
    response = api.post("/api/v1/me/vendor/products/import/",
                        {"file": SimpleUploadedFile("p.csv", good), "dry_run": "false"},
                        format="multipart")  # fmt: skip
    assert response.json()["saved"] is True
    assert Product.objects.filter(vendor=member.vendor).count() == 2
    export = api.get("/api/v1/me/vendor/products/export/?format=csv")
    assert export.status_code == 200 and b"nama" in export.content


def test_readiness_and_invitation_endpoints(api, member, django_capture_on_commit_callbacks):
    items = api.get("/api/v1/me/vendor/readiness/").json()
    assert {i["key"] for i in items} >= {"nib", "npwp", "kbli", "inaproc"}
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/me/vendor/invitations/", {"email": "x@contoh.id"},
                            format="json")  # fmt: skip
    assert response.status_code == 201
    response = api.post("/api/v1/me/vendor/invitations/", {"email": "bukan"}, format="json")
    assert response.status_code == 400 and "email" in errors(response)


def test_session_auth_works_too(client):
    member = VendorMemberFactory(vendor__status=Vendor.Status.DRAFT)
    client.force_login(member.user)
    assert client.get("/api/v1/me/vendor/").json()["status"] == "draft"


def test_schema_documents_the_me_vendor_endpoints(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    if response.status_code == 404:
        pytest.fail("OpenAPI schema URL /api/v1/schema/ is not mounted")
    text = response.content.decode()
    for path in ("/api/v1/me/vendor/", "/api/v1/me/vendor/documents/",
                 "/api/v1/me/vendor/products/import/"):  # fmt: skip
        assert path in text


def test_staff_member_cannot_invite_through_the_api(api):
    from vendors.models import VendorInvitation, VendorMember

    staff = VendorMemberFactory(role=VendorMember.Role.STAFF)
    api.force_authenticate(staff.user)
    response = api.post("/api/v1/me/vendor/invitations/", {"email": "x@contoh.id"}, format="json")
    assert response.status_code in (403, 404)
    assert not VendorInvitation.objects.exists()


def test_verified_vendor_key_field_patch_goes_to_review(api, member):
    from vendors.models import VendorRevision

    vendor = member.vendor
    vendor.status = Vendor.Status.VERIFIED
    vendor.save()
    old_name = vendor.name
    response = api.patch("/api/v1/me/vendor/steps/usaha/", {"name": "Nama Baru"}, format="json")
    assert response.status_code == 200
    vendor.refresh_from_db()
    assert vendor.name == old_name and vendor.status == Vendor.Status.VERIFIED
    assert VendorRevision.objects.get(vendor=vendor).changes == {"name": "Nama Baru"}


@pytest.mark.parametrize("value", [999999, "abc"])
def test_unknown_kecamatan_is_a_400_naming_the_field(api, member, value):
    response = api.patch("/api/v1/me/vendor/steps/alamat/", {"kecamatan": value}, format="json")
    assert response.status_code == 400
    assert "kecamatan" in errors(response)
