from django.core.management.base import BaseCommand

from vendors.models import Desa, Kecamatan
from vendors.reference import load_reference_data


class Command(BaseCommand):
    help = "Muat ulang data kecamatan dan desa Kabupaten Batang dari vendors/data/*.csv."

    def handle(self, *args, **options):
        kec, desa = load_reference_data(Kecamatan, Desa)
        self.stdout.write(self.style.SUCCESS(f"{kec} kecamatan, {desa} desa/kelurahan dimuat."))
