"""Benchmark: first and second fetch of a 10,000-URL sitemap section and of the index.

    .venv/bin/python bench/bench_sitemaps.py                     # 10,000 products, SQLite
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_sitemaps.py

Runs against a throwaway test database (created and dropped, like the test runner) through
Django's test client, with the local-memory cache of the test settings. The first fetch builds
the sitemap; the second is served from the cache (config/sitemaps.py).
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
    parser.add_argument("--products", type=int, default=10_000)
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
        run(args.products)
    finally:
        runner.teardown_databases(old_config)
    print(f"database: {connection.vendor}")


def timed(client, path, **params):
    start = time.perf_counter()
    response = client.get(path, params)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    return elapsed, response.content.count(b"<loc>")


def run(n: int):
    from django.core.cache import cache
    from django.test import Client

    from catalog.models import Category, Product
    from vendors.models import Kecamatan, Vendor

    vendor = Vendor.objects.create(
        name="UD Bench", nib="9120999999999", address="Jl. Bench 1",
        kecamatan=Kecamatan.objects.first(), status=Vendor.Status.VERIFIED,
    )  # fmt: skip
    category = Category.objects.filter(depth=2).first()
    Product.objects.bulk_create(
        [
            Product(
                vendor=vendor,
                category=category,
                name=f"Kertas HVS A4 {i}",
                slug=f"kertas-hvs-a4-{i}",
                description="Kertas HVS putih.",
                unit="rim",
                price=52000,
                status=Product.Status.PUBLISHED,
            )  # fmt: skip
            for i in range(n)
        ],
        batch_size=2000,
    )
    cache.clear()
    client = Client()
    for label, path in (("section", "/sitemap-produk.xml"), ("index", "/sitemap.xml")):
        first, urls = timed(client, path)
        second, _ = timed(client, path)
        print(
            f"{label} {path}: {urls} URLs,",
            f"first {first * 1000:.0f} ms, second {second * 1000:.1f} ms",
        )


if __name__ == "__main__":
    main()
