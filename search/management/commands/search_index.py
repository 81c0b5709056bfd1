"""manage.py search_index rebuild|status|check [--chunk-size N] [--repair]"""

import time

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.backends.elasticsearch.backend import SearchUnavailable


class Command(BaseCommand):
    help = "Bangun ulang, lihat status, atau periksa selisih indeks pencarian katalog."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "check"])
        parser.add_argument("--chunk-size", type=int, default=5000)
        parser.add_argument(
            "--repair", action="store_true", help="Dengan check: indeks ulang baris yang selisih."
        )

    def handle(self, action, chunk_size, repair, **options):
        backend = get_backend()
        if action == "rebuild":
            started = time.perf_counter()
            count = backend.rebuild(chunk_size=max(100, chunk_size))
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"Indeks {backend.label()} dibangun ulang: {count} produk "
                f"dalam {seconds:.1f} detik."
            )
            return
        try:
            status = backend.check()
        except SearchUnavailable as exc:
            raise CommandError(
                f"Indeks {backend.label()} tidak bisa dihubungi ({exc.cause}); "
                "selisih belum bisa diperiksa. Coba lagi setelah klaster pulih."
            ) from exc
        health = backend.health()
        self.stdout.write(
            f"Backend: {status.backend} ({'sehat' if health.get('ok') else 'TIDAK SEHAT'})\n"
            f"Produk publik: {status.expected}; terindeks: {status.indexed}"
        )
        if action == "status":
            return
        for label, ids in (
            ("hilang dari indeks", status.missing),
            ("usang (updated_at berbeda)", status.stale),
            ("tidak lagi publik tetapi masih terindeks", status.extra),
        ):
            if ids:
                shown = ", ".join(str(i) for i in ids[:50]) + (" …" if len(ids) > 50 else "")
                self.stdout.write(f"{len(ids)} {label}: {shown}")
        if status.ok:
            self.stdout.write(self.style.SUCCESS("Indeks sesuai dengan basis data."))
            return
        if repair:
            try:
                if hasattr(backend, "repair"):  # Elasticsearch: failures raised, not deferred
                    backend.repair(status)
                else:
                    backend.index(status.missing + status.stale)
                    backend.delete(status.extra)
                after = backend.check()
            except SearchUnavailable as exc:
                raise CommandError(
                    f"Perbaikan gagal: indeks {backend.label()} tidak bisa dihubungi "
                    f"({exc.cause}). Jalankan lagi setelah klaster pulih."
                ) from exc
            if not after.ok:
                left = len(after.missing) + len(after.stale) + len(after.extra)
                raise CommandError(f"Perbaikan belum tuntas: {left} baris masih selisih.")
            self.stdout.write(self.style.SUCCESS("Selisih diperbaiki."))
            return
        raise CommandError(
            "Indeks tidak sesuai dengan basis data: jalankan `search_index rebuild` "
            "atau `search_index check --repair`."
        )
