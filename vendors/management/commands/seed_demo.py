"""`manage.py seed_demo`: load the demo catalogue (see vendors/demo/)."""

import time

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from catalog.models import Product
from vendors.demo import DEMO_NIB_PREFIX, delete_demo_data, seed_demo_data
from vendors.models import Vendor


def analyze_loaded_tables() -> None:
    """Planner statistics for the bulk-loaded tables (autovacuum may be off or not yet run):
    without them PostgreSQL hydrates a page of 20 search hits with a nested loop over every
    vendor (~100 ms instead of <1 ms at 100k products)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = [Vendor._meta.db_table, Product._meta.db_table]
            cursor.execute(f"ANALYZE {', '.join(tables)}")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = _(
        "Memuat data demo: OPD, pengguna demo per peran (lihat demo_logins), penyedia di "
        "Kabupaten Batang dan produknya. Hasilnya selalu sama untuk --seed yang sama. "
        "Jika sudah ada penyedia: dengan --if-empty perintah ini tidak melakukan apa-apa; "
        "tanpa --if-empty perintah ini menolak, kecuali diberi --reset, yang lebih dulu "
        "menghapus penyedia demo (NIB berawalan %(prefix)s) beserta produknya. Penyedia "
        "lain tidak pernah dihapus. Pengguna demo yang sudah ada tidak diubah kata sandinya."
    ) % {"prefix": DEMO_NIB_PREFIX}
    # A data loader: it must not fail because a URL or an admin check elsewhere does.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--vendors", type=int, default=200, help=_("Jumlah penyedia (bawaan 200).")
        )
        parser.add_argument(
            "--products",
            type=int,
            default=2000,
            help=_("Jumlah produk, dibagi ke penyedia secara tidak merata (bawaan 2000)."),
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help=_("Benih acak; seed sama, data sama.")
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help=_("Jumlah baris per INSERT (bawaan 2000)."),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Lewati tanpa galat bila sudah ada penyedia (dipakai `make run`)."),
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_("Hapus dulu penyedia demo dan produknya, lalu muat ulang."),
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help=_(
                "Jangan bangun ulang indeks pencarian sesudahnya (bulk insert tidak memicu "
                "pengindeksan otomatis; tanpa opsi ini `search_index rebuild` dijalankan)."
            ),
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help=_(
                "Izinkan berjalan dengan DEBUG=False (mis. server demo). Pengguna demo "
                "memakai kata sandi yang tertulis di kode sumber."
            ),
        )

    def handle(self, *args, **options):
        n_vendors, n_products = options["vendors"], options["products"]
        batch_size = options["batch_size"]
        if n_vendors < 0 or n_products < 0:
            raise CommandError(_("--vendors dan --products tidak boleh negatif."))
        if n_products and not n_vendors:
            raise CommandError(_("--products butuh paling sedikit satu penyedia (--vendors)."))
        if batch_size < 1:
            raise CommandError(_("--batch-size paling sedikit 1."))

        existing = Vendor.objects.count()
        if options["if_empty"] and existing:
            self.stdout.write(
                _("Data demo tidak dimuat: basis data sudah berisi %(n)s penyedia.")
                % {"n": existing}
            )
            return
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                _(
                    "DEBUG=False: seed_demo membuat pengguna dengan kata sandi yang diketahui "
                    "umum. Tambahkan --allow-without-debug bila ini memang server demo."
                )
            )
        if existing and not options["reset"]:
            raise CommandError(
                _(
                    "Basis data sudah berisi %(n)s penyedia. Pakai --reset untuk menghapus "
                    "penyedia demo (NIB berawalan %(prefix)s) dan memuat ulang, atau "
                    "--if-empty untuk melewati."
                )
                % {"n": existing, "prefix": DEMO_NIB_PREFIX}
            )
        if options["reset"]:
            try:
                deleted_vendors, deleted_products = delete_demo_data()
            except ProtectedError as exc:
                raise CommandError(
                    _(
                        "Data demo tidak bisa dihapus karena masih dipakai data lain "
                        "(mis. daftar pendek atau pembelian): %(err)s"
                    )
                    % {"err": exc.args[0]}
                ) from exc
            self.stdout.write(
                _("Dihapus: %(v)s penyedia demo dan %(p)s produk.")
                % {"v": deleted_vendors, "p": deleted_products}
            )
            kept = Vendor.objects.count()
            if kept:
                self.stdout.write(_("%(n)s penyedia non-demo tetap ada.") % {"n": kept})

        self.stdout.write(
            _("Memuat data demo: %(v)s penyedia, %(p)s produk, seed %(s)s ...")
            % {"v": n_vendors, "p": n_products, "s": options["seed"]}
        )
        result = seed_demo_data(
            vendors=n_vendors,
            products=n_products,
            seed=options["seed"],
            batch_size=batch_size,
            log=lambda msg: self.stdout.write(f"  {msg}"),
        )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Selesai: %(v)s penyedia, %(p)s produk, %(o)s OPD dalam %(t).1f detik "
                    "(penyedia %(tv).1f s, produk %(tp).1f s)."
                )
                % {
                    "v": result.vendors,
                    "p": result.products,
                    "o": result.opds,
                    "t": result.seconds,
                    "tv": result.timings.get("vendors", 0),
                    "tp": result.timings.get("products", 0),
                }
            )
        )
        analyze_loaded_tables()
        if not options["no_index"] and "search_index" in get_commands():
            # bulk_create sends no signals, so the catalogue search has not seen these rows.
            started = time.perf_counter()
            call_command("search_index", "rebuild", stdout=self.stdout)
            self.stdout.write(
                _("Indeks pencarian: %(t).1f detik.") % {"t": time.perf_counter() - started}
            )
        if result.showcase_vendor is not None:
            self.stdout.write(
                _("Pengguna 'penyedia' adalah pemilik %(name)s.")
                % {"name": result.showcase_vendor.name}
            )
