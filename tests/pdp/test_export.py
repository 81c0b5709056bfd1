"""'Data saya': the ZIP of everything held about a vendor, through real HTTP."""

import hashlib
import io
import json
import tempfile
import zipfile

import pytest

from tests.factories import BuyerProfileFactory, VendorMemberFactory
from tests.pdp.conftest import NPWP
from tests.pdp.helpers import private_path

pytestmark = pytest.mark.django_db


def url(vendor):
    return f"/usaha/data-saya/{vendor.pk}/unduh/"


def download(client, vendor):
    response = client.get(url(vendor))
    assert response.status_code == 200, response.status_code
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_page_lists_what_is_held_and_links_the_download(client, held):
    client.force_login(held["owner"].user)
    response = client.get("/usaha/data-saya/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Data yang kami simpan" in body
    assert url(held["vendor"]) in body
    assert "/usaha/data-saya/hapus/" in body


def test_owner_downloads_everything_held(client, held, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    vendor, owner = held["vendor"], held["owner"]
    client.force_login(owner.user)

    archive = download(client, vendor)
    names = archive.namelist()
    assert names[0] == "data.json" and names[-1] == "manifest.json"
    data = json.loads(archive.read("data.json"))

    profile = data["vendor"]
    assert profile["name"] == "Katering Bu Siti"
    assert profile["npwp"] == NPWP and profile["nib"] == vendor.nib
    assert profile["phone"] == "+6281211112222" and profile["whatsapp"] == "+6281233334444"
    assert profile["address"] == vendor.address and profile["kecamatan"] == "Batang"

    accounts = {a["email"]: a for a in data["accounts"]}
    mine = accounts["pemilik@usaha-a.id"]
    assert mine["username"] == "pemilik-a" and mine["role"] == "owner"
    assert (mine["first_name"], mine["last_name"]) == ("Siti", "Aminah")
    assert mine["date_joined"]
    assert mine["login_emails"] == [
        {"email": "pemilik@usaha-a.id", "verified": True, "primary": True}
    ]
    assert accounts["staf@usaha-a.id"]["role"] == "staff"

    [product] = data["products"]
    assert product["name"] == "Nasi kotak ayam bakar" and product["price"] == 25_000
    [photo] = product["images"]
    assert photo["file"] == held["photo"].image.file.name and photo["width"] == 64

    # Document metadata, and the files themselves, byte for byte.
    assert len(data["documents"]) == 2
    for row, document in zip(data["documents"], held["documents"], strict=True):
        assert row["kind"] == document.kind and row["number"] == "DOC-1"
        assert row["uploaded_by"] == "pemilik@usaha-a.id"
        assert archive.read(row["file_in_archive"]) == private_path(document.file.name).read_bytes()
    assert b"isi-dokumen-npwp-A" in archive.read(data["documents"][1]["file_in_archive"])

    actions = [(e["action"], e["object_type"]) for e in data["audit_events"]]
    assert ("create", "vendordocument") in actions and ("invite", "vendorinvitation") in actions
    assert data["invitations"][0]["email"] == "calon@usaha-a.id"

    [purchase] = data["purchases"]
    assert purchase["amount"] == 1_000_000 and purchase["order_reference"] == "SPK-001/2026"
    assert purchase["vendor_name"] == "Katering Bu Siti"
    assert purchase["opd"] == held["shortlist"].opd.name
    assert data["outreach_requests"][0]["status"] == "open"
    assert data["shortlist_appearances"] == {"items": 1, "shortlists": 1, "opds": 1}

    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["complete"] is True
    assert [f["name"] for f in manifest["files"]] == names[:-1]
    for entry in manifest["files"]:
        content = archive.read(entry["name"])
        assert entry["bytes"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    assert archive.testzip() is None
    assert list((tmp_path / "tmp").iterdir()) == []  # no temporary files left over


def test_ukpbj_downloads_a_vendor_for_a_formal_request(client, held, ukpbj_user):
    client.force_login(ukpbj_user)
    data = json.loads(download(client, held["vendor"]).read("data.json"))
    assert data["vendor"]["npwp"] == NPWP


def test_only_the_owner_and_ukpbj_get_the_export(client, held):
    vendor = held["vendor"]
    response = client.get(url(vendor))  # anonymous: to the login page, then back here
    assert response.status_code == 302
    assert response["Location"] == f"/akun/login/?next={url(vendor)}"

    other_owner = VendorMemberFactory()  # vendor B
    client.force_login(other_owner.user)
    assert client.get(url(vendor)).status_code == 404
    assert client.get(url(other_owner.vendor)).status_code == 200  # B's own data

    client.force_login(held["staff"].user)  # a staff member of A, not its owner
    assert client.get(url(vendor)).status_code == 404
    assert "Hanya pemilik" in client.get("/usaha/data-saya/").content.decode()

    client.force_login(BuyerProfileFactory().user)  # an OPD buyer
    assert client.get(url(vendor)).status_code == 404
    assert client.get("/usaha/data-saya/999999/unduh/").status_code == 404


def test_a_missing_document_file_stops_the_export_before_any_byte(client, held):
    private_path(held["documents"][1].file.name).unlink()
    client.force_login(held["owner"].user)
    response = client.get(url(held["vendor"]))
    assert response.status_code == 500
    assert not response.streaming
    assert "Berkas salah satu dokumen tidak ditemukan" in response.content.decode()
