"""Sitemaps are cached (config/sitemaps.py): a repeat fetch does not touch the database, and a
change to the catalogue or the pages moves the cache marker so the next fetch shows it."""

import io
import re
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from catalog.models import Product
from config.sitemaps import generation
from tests.factories import ProductFactory, UserFactory, VendorFactory
from vendors.models import Vendor
from vendors.services import verify_vendor

pytestmark = pytest.mark.django_db


def locs(response) -> set[str]:
    assert response.status_code == 200
    return set(re.findall(r"<loc>([^<]+)</loc>", response.content.decode()))


@pytest.mark.parametrize("path", ["/sitemap.xml", "/sitemap-produk.xml", "/sitemap-penyedia.xml"])
def test_second_fetch_does_not_query_the_database(client, path):
    ProductFactory.create_batch(3)
    first = client.get(path)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path)
    assert second.status_code == 200
    assert len(queries) == 0, [q["sql"] for q in queries]
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert second.get("Last-Modified") == first.get("Last-Modified")
    assert "max-age=3600" in second["Cache-Control"]


def test_each_page_of_a_section_and_each_host_is_cached_apart(client, monkeypatch):
    from catalog.sitemaps import ProductSitemap

    monkeypatch.setattr(ProductSitemap, "limit", 2)
    products = ProductFactory.create_batch(3)
    page1 = locs(client.get("/sitemap-produk.xml"))
    page2 = locs(client.get("/sitemap-produk.xml", {"p": 2}))
    assert len(page1) == 2 and len(page2) == 1 and not page1 & page2
    other_host = locs(client.get("/sitemap-produk.xml", HTTP_HOST="localhost"))
    assert all(url.startswith("http://localhost/") for url in other_host)
    assert f"http://testserver{products[2].get_absolute_url()}" in page2


def test_a_newly_verified_vendor_and_its_product_appear_on_the_next_fetch(client):
    vendor = VendorFactory(status=Vendor.Status.SUBMITTED)
    product = ProductFactory(vendor=vendor)
    vendor_url = f"http://testserver{vendor.get_absolute_url()}"
    product_url = f"http://testserver{product.get_absolute_url()}"
    assert vendor_url not in locs(client.get("/sitemap-penyedia.xml"))
    assert product_url not in locs(client.get("/sitemap-produk.xml"))
    index_before = client.get("/sitemap.xml").content

    before = generation()
    verify_vendor(vendor=vendor, by=UserFactory(is_staff=True))
    assert generation() != before

    assert vendor_url in locs(client.get("/sitemap-penyedia.xml"))
    assert product_url in locs(client.get("/sitemap-produk.xml"))
    # The index carries each section's latest change, so it is rebuilt too.
    assert client.get("/sitemap.xml").content != index_before


def test_an_unpublished_product_leaves_and_last_modified_follows_changes(client):
    shown, hidden = ProductFactory.create_batch(2)
    # Earlier changes (QuerySet.update sends no signal; nothing is cached for these rows yet).
    Product.objects.filter(pk__in=[shown.pk, hidden.pk]).update(
        updated_at=datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    )
    first = client.get("/sitemap-produk.xml")
    assert f"http://testserver{hidden.get_absolute_url()}" in locs(first)
    assert first["Last-Modified"] == "Mon, 05 Jan 2026 08:00:00 GMT"

    hidden.status = Product.Status.DRAFT
    hidden.save()
    shown.name = "Kertas HVS A4 80 gram"
    shown.save()
    second = client.get("/sitemap-produk.xml")
    assert locs(second) == {f"http://testserver{shown.get_absolute_url()}"}
    shown.refresh_from_db()
    assert second["Last-Modified"] == http_date(shown.updated_at.timestamp())


def test_an_unpublished_wagtail_page_leaves_the_pages_section(client):
    from cms.models import GuidancePage

    call_command("load_initial_content", verbosity=0, stdout=io.StringIO())
    page = GuidancePage.objects.get(slug="e-purchasing-langkah-demi-langkah")
    assert any(u.endswith(f"/{page.slug}/") for u in locs(client.get("/sitemap-halaman.xml")))

    page.unpublish()
    assert not any(u.endswith(f"/{page.slug}/") for u in locs(client.get("/sitemap-halaman.xml")))
