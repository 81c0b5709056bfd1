"""manage.py backup / restore: a round trip into a different database and media folders.

Runs on whichever database the suite runs on (SQLite or PostgreSQL): the backup reads the test
database, the restore writes a fresh one (a new SQLite file, or a new PostgreSQL database),
and the test compares row counts per table and the documents' checksums on its own.
"""

import gzip
import hashlib
import io
import json
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from catalog.models import ProductImage
from ops.backup import connection_for, row_counts
from tests.factories import ProductFactory, VendorDocumentFactory, VendorFactory
from vendors.models import VendorDocument

pytestmark = pytest.mark.django_db(transaction=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): sha256(p) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def target_url(tmp_path):
    """A database that is not the test database: a new SQLite file or PostgreSQL database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    s = connection.settings_dict
    name = f"{s['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    yield f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def catalogue(db):
    """Vendors with private documents, products, and a product photo in public media."""
    vendors = VendorFactory.create_batch(3)
    for vendor in vendors:
        VendorDocumentFactory(vendor=vendor, kind=VendorDocument.Kind.NIB)
        VendorDocumentFactory(
            vendor=vendor,
            kind=VendorDocument.Kind.NPWP,
            file__data=f"%PDF-1.4 npwp {vendor.npwp}".encode(),
        )
        ProductFactory.create_batch(2, vendor=vendor)
    image = get_image_model().objects.create(title="foto", file=get_test_image_file())
    ProductImage.objects.create(product=ProductFactory(vendor=vendors[0]), image=image)
    return vendors


def backup(tmp_path) -> Path:
    call_command("backup", output_dir=tmp_path / "backups", stdout=io.StringIO())
    (archive,) = (tmp_path / "backups").glob("batang-backup-*.tar.gz")
    return archive


def test_round_trip_into_another_database_and_media_root(catalogue, tmp_path, target_url):
    source_counts = row_counts(connection)
    source_private = files_under(django_settings.PRIVATE_MEDIA_ROOT)
    source_media = files_under(django_settings.MEDIA_ROOT)
    assert len(source_private) == 6 and source_media  # documents and the photo are on disk

    archive = backup(tmp_path)
    assert archive.stat().st_mode & 0o077 == 0  # private documents inside: owner only
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["tables"] == source_counts
    assert manifest["database"]["tables"]["vendors_vendordocument"] == 6
    assert manifest["app"]["version"] and manifest["created_at"]
    assert {n: m["sha256"] for n, m in manifest["files"].items() if n.startswith("private/")} == {
        f"private/{name}": digest for name, digest in source_private.items()
    }

    media, private = tmp_path / "restored-media", tmp_path / "restored-private"
    out = io.StringIO()
    call_command(
        "restore",
        str(archive),
        database_url=target_url,
        media_root=media,
        private_media_root=private,
        stdout=out,
    )
    assert "cocok dengan manifest" in out.getvalue()

    restored = connection_for(target_url)
    try:
        assert row_counts(restored) == source_counts
        with restored.cursor() as cursor:
            cursor.execute("SELECT file FROM vendors_vendordocument ORDER BY file")
            document_names = [row[0] for row in cursor.fetchall()]
    finally:
        restored.close()
    assert files_under(private) == source_private
    assert files_under(media) == source_media
    # Every document row of the restored database finds its file in the restored folder.
    assert sorted(document_names) == sorted(source_private)


def test_restore_refuses_a_non_empty_target_unless_forced(catalogue, tmp_path, target_url):
    archive = backup(tmp_path)
    roots = {"media_root": tmp_path / "m", "private_media_root": tmp_path / "p"}
    roots["private_media_root"].mkdir()
    (roots["private_media_root"] / "someone-elses.pdf").write_bytes(b"x")
    with pytest.raises(CommandError, match=f"folder {tmp_path / 'p'} sudah berisi berkas"):
        call_command("restore", str(archive), database_url=target_url, **roots)
    target = connection_for(target_url)
    try:
        assert row_counts(target) == {}  # the refusal came before anything was written
    finally:
        target.close()

    (roots["private_media_root"] / "someone-elses.pdf").unlink()
    call_command("restore", str(archive), database_url=target_url, **roots, stdout=io.StringIO())
    with pytest.raises(CommandError, match="Pemulihan dibatalkan: basis data tujuan .* tabel"):
        call_command("restore", str(archive), database_url=target_url, **roots)
    # --force drops what is there, restores and verifies again.
    out = io.StringIO()
    call_command("restore", str(archive), database_url=target_url, force=True, **roots, stdout=out)
    assert "cocok dengan manifest" in out.getvalue()


def test_check_detects_a_tampered_document_and_keep_prunes(catalogue, tmp_path, settings):
    archive = backup(tmp_path)
    out = io.StringIO()
    call_command("restore", str(archive), check=True, stdout=out)
    assert "Arsip utuh" in out.getvalue()

    # Rewrite the archive with one document's bytes changed and the manifest kept.
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()
            if member.name.startswith("private/") and member.name.endswith(".pdf"):
                data = data.replace(b"%PDF", b"%PDX")
                victim = member.name
            dst.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match=f"checksum berbeda: {victim}"):
        call_command("restore", str(tampered), check=True)
    with pytest.raises(CommandError, match="Arsip rusak"):
        call_command("restore", str(tampered), database_url="sqlite:///unused.sqlite3")

    # --keep 1 leaves only the newest archive in the folder (BACKUP_DIR by default).
    old = archive.rename(archive.with_name("batang-backup-20200101T000000Z.tar.gz"))
    settings.BACKUP_DIR = archive.parent
    out = io.StringIO()
    call_command("backup", keep=1, stdout=out)
    archives = list(archive.parent.glob("batang-backup-*.tar.gz"))
    assert len(archives) == 1 and archives[0] != old
    assert f"arsip lama dihapus: {old.name}" in out.getvalue()


@pytest.mark.django_db(transaction=False)
def test_restore_rejects_a_file_that_is_not_an_archive(tmp_path):
    bogus = tmp_path / "bukan.tar.gz"
    bogus.write_bytes(gzip.compress(b"hello"))
    with pytest.raises(CommandError, match="bukan arsip cadangan yang utuh"):
        call_command("restore", str(bogus), check=True)
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("restore", str(tmp_path / "tidak-ada.tar.gz"), check=True)
