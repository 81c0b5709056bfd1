"""Create the starting guidance, regulation, news and training pages and the moderation workflow.

Safe to run again: what exists already (found by slug or name) is left as editors made it.
"""

from django.core.management.base import BaseCommand

from cms.services import load_initial_content


class Command(BaseCommand):
    help = "Membuat halaman panduan, regulasi, berita dan alur persetujuan awal (idempoten)."

    def handle(self, *args, **options):
        report = load_initial_content()
        for label in report.created:
            self.stdout.write(f"  dibuat: {label}", self.style.SUCCESS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Konten awal: {len(report.created)} dibuat, {len(report.existing)} sudah ada "
                "(tidak diubah)."
            )
        )
