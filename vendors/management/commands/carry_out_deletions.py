"""Carry out the personal-data deletion requests whose deadline has passed (run daily).

UKPBJ normally carries them out from the back office; this is the backstop that keeps the
promise made to the vendor (docs/decisions/0018-personal-data-export-and-deletion.md).
"""

from django.core.management.base import BaseCommand

from vendors import personal_data


class Command(BaseCommand):
    help = "Hapus data penyedia yang permintaan penghapusannya sudah lewat batas waktu."

    def handle(self, *args, **options):
        done = 0
        for request in personal_data.due_requests():
            personal_data.carry_out_deletion(request=request, by=None)
            done += 1
        self.stdout.write(f"{done} permintaan penghapusan dilaksanakan.")
