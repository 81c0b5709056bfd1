"""manage.py restore FILE: database, media and vendor documents from one archive, verified."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, check_archive, restore_backup


class Command(BaseCommand):
    help = (
        "Pulihkan arsip dari `manage.py backup` ke basis data dan folder media yang dikonfigurasi, "
        "lalu cocokkan hasilnya dengan manifest (jumlah baris per tabel, sha256 tiap berkas)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Timpa basis data atau folder yang tidak kosong (tabel yang ada dihapus dulu).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Hanya periksa keutuhan arsip terhadap manifest-nya; tidak memulihkan apa pun.",
        )
        parser.add_argument(
            "--database-url",
            help="Pulihkan ke basis data lain (mis. latihan pemulihan), bukan DATABASE_URL.",
        )
        parser.add_argument("--media-root", type=Path, help="Folder media publik tujuan.")
        parser.add_argument(
            "--private-media-root", type=Path, help="Folder dokumen penyedia tujuan."
        )

    def handle(self, *args, archive, force, check, **options):
        try:
            if check:
                report = check_archive(archive)
                if report.problems:
                    raise BackupError("Arsip tidak utuh:\n- " + "\n- ".join(report.problems[:20]))
                self.stdout.write(
                    self.style.SUCCESS(f"Arsip utuh: {archive}")
                    + f"\n  {report.tables} tabel, {report.rows} baris, {report.files} berkas"
                )
                return
            report = restore_backup(
                archive,
                database_url=options["database_url"],
                media_root=options["media_root"],
                private_media_root=options["private_media_root"],
                force=force,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        app = report.manifest["app"]
        self.stdout.write(
            self.style.SUCCESS(f"Dipulihkan dan cocok dengan manifest: {archive}")
            + f"\n  {report.tables} tabel, {report.rows} baris, {report.files} berkas; "
            f"cadangan {report.manifest['created_at']}, versi {app['version']} "
            f"({(app['git_commit'] or 'tanpa git')[:12]})"
        )
        if report.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"  Kode ini punya {len(report.pending_migrations)} migrasi yang belum ada di "
                    "cadangan: jalankan `manage.py migrate`."
                )
            )
