"""manage.py backup: one archive of the database, public media and private vendor documents."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, create_backup, prune


class Command(BaseCommand):
    help = (
        "Tulis satu arsip cadangan (basis data + media publik + dokumen penyedia + manifest) "
        "ke BACKUP_DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", type=Path, help="Folder arsip (bawaan: BACKUP_DIR, var/backups)."
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="Simpan hanya N arsip terbaru di folder itu (0 = hapus tidak ada).",
        )

    def handle(self, *args, output_dir=None, keep=0, **options):
        if keep < 0:
            raise CommandError("--keep harus 0 atau lebih.")
        try:
            result = create_backup(output_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        database = result.manifest["database"]
        self.stdout.write(
            self.style.SUCCESS(f"Cadangan ditulis: {result.path}")
            + f"\n  {result.size / 1e6:.1f} MB; basis data {database['vendor']}: "
            f"{len(database['tables'])} tabel, {sum(database['tables'].values())} baris; "
            f"{len(result.manifest['files'])} berkas media dan dokumen"
        )
        if keep:
            for path in prune(Path(output_dir or settings.BACKUP_DIR), keep):
                self.stdout.write(f"  arsip lama dihapus: {path.name}")
