"""Benchmark: import N product rows (CSV or XLSX) for one vendor through the real service.

    .venv/bin/python bench/import_products.py                    # 2,000 rows, CSV, SQLite
    .venv/bin/python bench/import_products.py --rows 2000 --format xlsx
    DATABASE_URL=postgres://... .venv/bin/python bench/import_products.py

Runs against a throwaway test database (created and dropped, like the test runner), so it
never touches var/db.sqlite3. Prints the dry-run and the real import time; the target is
< 30 s for 2,000 rows.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        run(args.rows, args.format)
    finally:
        runner.teardown_databases(old_config)
    print(f"database: {connection.vendor}")


def run(rows: int, fmt: str):
    import tablib
    from django.contrib.auth import get_user_model

    from catalog import bulk, services
    from catalog.models import Category, Product
    from vendors.models import Kecamatan, Vendor, VendorMember

    user = get_user_model().objects.create_user("bench", "bench@contoh.id", "x")
    vendor = Vendor.objects.create(
        name="UD Bench", nib="9120999999999", address="Jl. Bench 1",
        kecamatan=Kecamatan.objects.first(), status=Vendor.Status.VERIFIED,
    )  # fmt: skip
    VendorMember.objects.create(user=user, vendor=vendor)
    categories = list(Category.objects.filter(depth=2).values_list("slug", flat=True))
    data = tablib.Dataset(headers=bulk.HEADERS)
    for i in range(rows):
        row = {h: "" for h in bulk.HEADERS}
        row.update(
            nama=f"Produk uji {i}", kategori=categories[i % len(categories)], jenis="barang",
            satuan="pcs", harga=1000 + i, pesanan_minimum=1, waktu_kirim_hari=2,
            tkdn=str(20 + i % 60), pdn="ya", status="tayang",
            tautan_ekatalog=f"https://katalog.inaproc.id/produk/{i}",
        )  # fmt: skip
        data.append([row[h] for h in bulk.HEADERS])
    payload = data.export(fmt)
    if isinstance(payload, str):
        payload = payload.encode()

    import io

    for dry_run in (True, False):
        start = time.perf_counter()
        dataset = bulk.load_dataset(io.BytesIO(payload), f"produk.{fmt}")
        result = services.import_products(
            vendor=vendor, user=user, dataset=dataset, dry_run=dry_run
        )
        elapsed = time.perf_counter() - start
        assert not result.has_errors, result.error_rows[:3]
        label = "dry run" if dry_run else "import"
        print(f"{label:8s} {rows} rows ({fmt}): {elapsed:.2f} s")
    assert Product.objects.filter(vendor=vendor).count() == rows


if __name__ == "__main__":
    main()
