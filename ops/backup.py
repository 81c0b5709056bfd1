"""One-archive backups of the database and both media folders, and their verified restore.

An archive (``batang-backup-<UTC time>.tar.gz``) holds:
- ``database.pgdump`` (``pg_dump -Fc``) or ``database.sqlite3`` (SQLite's online backup API);
- ``media/...``: the public MEDIA_ROOT (Wagtail images and documents, product photos);
- ``private/...``: PRIVATE_MEDIA_ROOT (vendor documents, vendors/storage.py);
- ``manifest.json`` (last): date, app version and git commit, row counts per table taken from
  the same snapshot as the dump, and the sha256 and size of every file in the archive.

A restore refuses a non-empty target unless forced, restores the database and the files, then
checks the result against the manifest (row counts per table, every file's sha256).
See docs/decisions/0020-backups.md and docs/deploy.md ("Backups").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import environ
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import load_backend

FORMAT = 1
MANIFEST = "manifest.json"
DB_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
# Archive folder -> the setting that names where it lives.
MEDIA_FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Indonesian)."""


# ------------------------------------------------------------------------------- helpers
def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader(io.RawIOBase):
    """Reads a file for tarfile while hashing exactly the bytes that go into the archive."""

    def __init__(self, fh):
        self.fh = fh
        self.digest = hashlib.sha256()

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.fh.read(size)
        self.digest.update(data)
        return data


def app_version() -> dict:
    from importlib import metadata

    try:
        version = metadata.version("direktori-penyedia-batang")
    except metadata.PackageNotFoundError:
        version = None
    commit = None
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        result = subprocess.run(
            ["git", "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        if result.returncode == 0:
            commit = result.stdout.strip()
    return {"name": "direktori-penyedia-batang", "version": version, "git_commit": commit}


def connection_for(database_url: str | None) -> BaseDatabaseWrapper:
    """The configured default database, or a separate connection to DATABASE_URL-style url."""
    if not database_url:
        return connections["default"]
    config = environ.Env.db_url_config(database_url)
    config = connections.configure_settings({"default": config})["default"]
    backend = load_backend(config["ENGINE"])
    return backend.DatabaseWrapper(config, alias="ops_restore_target")


def tables(conn: BaseDatabaseWrapper) -> list[str]:
    with conn.cursor() as cursor:
        return sorted(conn.introspection.table_names(cursor, include_views=False))


def row_counts(conn: BaseDatabaseWrapper) -> dict[str, int]:
    counts = {}
    with conn.cursor() as cursor:
        for table in tables(conn):
            cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(conn: BaseDatabaseWrapper) -> dict[str, str]:
    """The last applied migration of each app (names sort in order)."""
    if "django_migrations" not in tables(conn):
        return {}
    last: dict[str, str] = {}
    with conn.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        for app, name in cursor.fetchall():
            last[app] = max(last.get(app, ""), name)
    return dict(sorted(last.items()))


def _vendor_key(conn: BaseDatabaseWrapper) -> str:
    if conn.vendor not in DB_FILES:
        raise BackupError(
            f"Basis data {conn.vendor} tidak didukung; cadangan hanya untuk PostgreSQL dan SQLite."
        )
    return conn.vendor


def _pg_env(conn: BaseDatabaseWrapper) -> dict[str, str]:
    """libpq environment for pg_dump/pg_restore from Django's connection settings."""
    s = conn.settings_dict
    env = dict(os.environ)
    for var, value in (
        ("PGHOST", s.get("HOST")),
        ("PGPORT", str(s.get("PORT") or "")),
        ("PGUSER", s.get("USER")),
        ("PGPASSWORD", s.get("PASSWORD")),
        ("PGDATABASE", s.get("NAME")),
        ("PGSSLMODE", s.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            env[var] = value
    return env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    try:
        result = subprocess.run(args, env=env, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(
            f"Program {args[0]} tidak ditemukan; pasang klien PostgreSQL (postgresql-client) "
            "dengan versi yang sama atau lebih baru dari server."
        ) from exc
    if result.returncode != 0:
        raise BackupError(f"{what} gagal (kode {result.returncode}): {result.stderr.strip()}")


# -------------------------------------------------------------------------------- backup
@dataclass
class BackupResult:
    path: Path
    manifest: dict
    size: int = 0


def _dump_database(conn: BaseDatabaseWrapper, workdir: Path) -> dict:
    """Write the database file into workdir; return the manifest's "database" part.

    The row counts come from the same snapshot as the dump: on PostgreSQL pg_dump joins our
    exported REPEATABLE READ snapshot; on SQLite they are counted on the copy itself.
    """
    vendor = _vendor_key(conn)
    target = workdir / DB_FILES[vendor]
    if vendor == "postgresql":
        with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            _run(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                _pg_env(conn),
                "pg_dump",
            )
            counts = row_counts(conn)
            migrations = applied_migrations(conn)
    else:
        conn.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            with conn.wrap_database_errors:
                conn.connection.backup(copy)
            server_version = sqlite3.sqlite_version
        finally:
            copy.close()
        snapshot_conn = connection_for(f"sqlite:///{target}")
        try:
            counts = row_counts(snapshot_conn)
            migrations = applied_migrations(snapshot_conn)
        finally:
            snapshot_conn.close()
    return {
        "vendor": vendor,
        "file": target.name,
        "server_version": server_version,
        "sha256": sha256_file(target),
        "size": target.stat().st_size,
        "tables": counts,
        "migrations": migrations,
    }


def _add_folder(tar: tarfile.TarFile, root: Path, prefix: str) -> dict[str, dict]:
    """Add every regular file under root as prefix/<relative path>; return name -> checksum."""
    files: dict[str, dict] = {}
    if not root.is_dir():
        return files
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if path.is_symlink() or not path.is_file():
                continue
            name = f"{prefix}/{path.relative_to(root).as_posix()}"
            info = tar.gettarinfo(str(path), arcname=name)
            info.mode = 0o600
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            with open(path, "rb") as fh:
                reader = _HashingReader(fh)
                tar.addfile(info, reader)
            files[name] = {"sha256": reader.digest.hexdigest(), "size": info.size}
    return files


def create_backup(output_dir: Path | None = None, now: dt.datetime | None = None) -> BackupResult:
    conn = connections["default"]
    output_dir = Path(output_dir or settings.BACKUP_DIR)
    output_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = now or dt.datetime.now(dt.UTC)
    final = output_dir / f"batang-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"
    if final.exists():
        raise BackupError(f"Arsip {final} sudah ada; tunggu sedetik lalu ulangi.")

    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".work-") as work:
        workdir = Path(work)
        database = _dump_database(conn, workdir)
        partial = workdir / "archive.tar.gz"
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            tar.add(workdir / database["file"], arcname=database["file"])
            folders = {
                prefix: _add_folder(tar, Path(getattr(settings, setting)), prefix)
                for prefix, setting in MEDIA_FOLDERS.items()
            }
            manifest = {
                "format": FORMAT,
                "created_at": now.isoformat(),
                "app": app_version(),
                "database": database,
                "files": {name: meta for files in folders.values() for name, meta in files.items()},
            }
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(data), 0o600, int(now.timestamp())
            tar.addfile(info, io.BytesIO(data))
        partial.chmod(0o600)
        os.replace(partial, final)
    return BackupResult(path=final, manifest=manifest, size=final.stat().st_size)


def prune(output_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives in output_dir; return the deleted paths."""
    archives = sorted(output_dir.glob("batang-backup-*.tar.gz"))
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


# ------------------------------------------------------------------------------- restore
@dataclass
class RestoreReport:
    manifest: dict
    tables: int = 0
    rows: int = 0
    files: int = 0
    problems: list[str] = field(default_factory=list)
    pending_migrations: list[str] = field(default_factory=list)


def _open(archive: Path) -> tuple[tarfile.TarFile, dict]:
    if not archive.is_file():
        raise BackupError(f"Berkas arsip {archive} tidak ditemukan.")
    tar = None
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 - the caller closes it
        manifest = json.load(tar.extractfile(tar.getmember(MANIFEST)))
    except (tarfile.TarError, KeyError, OSError, ValueError) as exc:
        if tar is not None:
            tar.close()
        raise BackupError(
            f"{archive} bukan arsip cadangan yang utuh ({exc.__class__.__name__}: {exc})."
        ) from exc
    if manifest.get("format") != FORMAT:
        tar.close()
        raise BackupError(f"Format arsip {manifest.get('format')} tidak dikenal (harus {FORMAT}).")
    return tar, manifest


def _member_ok(member: tarfile.TarInfo) -> bool:
    """Only regular files under the archive's own folders: no links, no absolute paths, no '..'."""
    parts = Path(member.name).parts
    return (
        member.isfile()
        and not Path(member.name).is_absolute()
        and ".." not in parts
        and (member.name in (MANIFEST, *DB_FILES.values()) or parts[0] in MEDIA_FOLDERS)
    )


def _hash_member(tar: tarfile.TarFile, member: tarfile.TarInfo, out=None) -> str:
    digest = hashlib.sha256()
    src = tar.extractfile(member)
    while chunk := src.read(CHUNK):
        digest.update(chunk)
        if out is not None:
            out.write(chunk)
    return digest.hexdigest()


def check_archive(archive: Path) -> RestoreReport:
    """Read the whole archive and compare every member with the manifest; restore nothing."""
    tar, manifest = _open(archive)
    report = RestoreReport(manifest=manifest)
    expected = dict(manifest["files"])
    database = manifest["database"]
    with tar:
        for member in tar:
            if member.name == MANIFEST:
                continue
            if not _member_ok(member):
                report.problems.append(f"isi tak dikenal di arsip: {member.name}")
                continue
            digest = _hash_member(tar, member)
            want = database["sha256"] if member.name == database["file"] else None
            if want is None:
                meta = expected.pop(member.name, None)
                if meta is None:
                    report.problems.append(f"berkas tidak ada di manifest: {member.name}")
                    continue
                want = meta["sha256"]
                report.files += 1
            if digest != want:
                report.problems.append(f"checksum berbeda: {member.name}")
    report.problems += [f"berkas hilang dari arsip: {name}" for name in sorted(expected)]
    report.tables = len(database["tables"])
    report.rows = sum(database["tables"].values())
    return report


def _folder_has_files(root: Path) -> bool:
    return root.is_dir() and any(p.is_file() for p in root.rglob("*"))


def _refusals(conn, roots: dict[str, Path], manifest: dict) -> list[str]:
    reasons = []
    if manifest["database"]["vendor"] != conn.vendor:
        raise BackupError(
            f"Arsip berisi basis data {manifest['database']['vendor']}, sedangkan tujuan "
            f"{conn.vendor}; pulihkan ke jenis basis data yang sama."
        )
    existing = tables(conn)
    if existing:
        reasons.append(
            f"basis data tujuan {conn.settings_dict['NAME']} sudah berisi {len(existing)} tabel"
        )
    reasons += [
        f"folder {root} sudah berisi berkas" for root in roots.values() if _folder_has_files(root)
    ]
    return reasons


def _restore_postgresql(conn, dump: Path, force: bool) -> None:
    if force:
        existing = tables(conn)
        if existing:
            names = ", ".join(conn.ops.quote_name(t) for t in existing)
            with conn.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {names} CASCADE")
    args = ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction"]
    args += ["--exit-on-error", f"--dbname={conn.settings_dict['NAME']}"]
    if force:
        args += ["--clean", "--if-exists"]
    _run([*args, str(dump)], _pg_env(conn), "pg_restore")
    with conn.cursor() as cursor:
        cursor.execute("ANALYZE")  # pg_restore leaves the planner without statistics


def _restore_sqlite(conn, copy: Path) -> None:
    conn.ensure_connection()
    source = sqlite3.connect(copy)
    try:
        with conn.wrap_database_errors:
            source.backup(conn.connection)
    finally:
        source.close()


def _pending_migrations(conn) -> list[str]:
    """Migrations of this code that the restored database has not applied (raw SQL: the
    target may be a connection outside settings.DATABASES, which the ORM cannot use)."""
    from django.db.migrations.loader import MigrationLoader

    with conn.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        applied = set(cursor.fetchall())
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return sorted(f"{app}.{name}" for app, name in graph.nodes if (app, name) not in applied)


def restore_backup(
    archive: Path,
    *,
    database_url: str | None = None,
    media_root: Path | None = None,
    private_media_root: Path | None = None,
    force: bool = False,
) -> RestoreReport:
    roots = {
        "media": Path(media_root or settings.MEDIA_ROOT),
        "private": Path(private_media_root or settings.PRIVATE_MEDIA_ROOT),
    }
    report = check_archive(archive)
    if report.problems:
        raise BackupError(
            "Arsip rusak atau tidak cocok dengan manifest-nya; tidak ada yang dipulihkan:\n- "
            + "\n- ".join(report.problems[:20])
        )
    manifest = report.manifest
    database = manifest["database"]
    conn = connection_for(database_url)
    try:
        reasons = _refusals(conn, roots, manifest)
        if reasons and not force:
            raise BackupError(
                "Pemulihan dibatalkan: "
                + "; ".join(reasons)
                + ". Isinya akan ditimpa. Pulihkan ke basis data dan folder yang kosong, atau "
                "ulangi dengan --force (make restore FILE=... FORCE=1) bila memang ingin menimpa."
            )
        scratch = Path(settings.BACKUP_DIR)
        scratch.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.TemporaryDirectory(dir=scratch, prefix=".restore-") as work:
            tar, _ = _open(archive)
            with tar:
                dump = Path(work) / database["file"]
                with open(dump, "wb") as out:
                    _hash_member(tar, tar.getmember(database["file"]), out)
                if conn.vendor == "postgresql":
                    _restore_postgresql(conn, dump, force)
                else:
                    _restore_sqlite(conn, dump)
                for member in tar:
                    prefix = member.name.split("/", 1)[0]
                    if prefix not in roots or not _member_ok(member):
                        continue
                    target = roots[prefix] / member.name.split("/", 1)[1]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with open(target, "wb") as out:
                        _hash_member(tar, member, out)
                    os.utime(target, (member.mtime, member.mtime))
                if roots["private"].is_dir():
                    roots["private"].chmod(0o700)
        _verify(conn, roots, manifest, report)
        report.pending_migrations = _pending_migrations(conn)
    finally:
        if database_url:
            conn.close()
    return report


def _verify(conn, roots: dict[str, Path], manifest: dict, report: RestoreReport) -> None:
    """Compare the restored database and files with the manifest; raise on any difference."""
    expected = manifest["database"]["tables"]
    actual = row_counts(conn)
    problems = []
    for table in sorted(set(expected) | set(actual)):
        if expected.get(table) != actual.get(table):
            problems.append(
                f"tabel {table}: {actual.get(table, 'tidak ada')} baris, "
                f"manifest {expected.get(table, 'tidak ada')}"
            )
    for name, meta in manifest["files"].items():
        prefix, rest = name.split("/", 1)
        path = roots[prefix] / rest
        if not path.is_file():
            problems.append(f"berkas tidak ada: {path}")
        elif sha256_file(path) != meta["sha256"]:
            problems.append(f"checksum berbeda: {path}")
    report.tables = len(actual)
    report.rows = sum(actual.values())
    report.files = len(manifest["files"])
    if problems:
        report.problems = problems
        raise BackupError(
            "Pemulihan selesai tetapi hasilnya TIDAK cocok dengan manifest:\n- "
            + "\n- ".join(problems[:20])
        )
