"""Public catalogue pages: the product page and the category/kecamatan landing URLs."""

import json
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Category, Product
from search.backends import get_backend
from tests.factories import ProductFactory, VendorFactory, kecamatan

pytestmark = pytest.mark.django_db


def jsonld_of(response) -> dict:
    match = re.search(
        rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S
    )
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


@pytest.fixture
def paper():
    vendor = VendorFactory(name="CV Sumber Kertas")
    return ProductFactory(
        vendor=vendor,
        name="Kertas HVS A4 80 gsm",
        category=Category.objects.get(slug="kertas"),
        price=1250000,
        unit="rim",
        min_order=5,
        lead_time_days=2,
        tkdn_percent=42,
        is_pdn=True,
        has_sni=True,
        is_halal=False,
        price_valid_until=date(2026, 12, 31),
        ekatalog_url="https://katalog.inaproc.id/produk/123",
    )


def test_product_page_shows_price_labels_and_buy_button(client, paper):
    response = client.get(f"/produk/{paper.pk}/{paper.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Kertas HVS A4 80 gsm",
        "CV Sumber Kertas",
        "Rp 1.250.000",
        "/ rim",
        "Pesanan minimum",
        "5 rim",
        "2 hari",
        "TKDN 42%",
        "Produk dalam negeri (PDN)",
        "Ber-SNI",
        "Beli lewat e-Katalog",
        "https://katalog.inaproc.id/produk/123",
        "31 Desember 2026",
        "Alat Tulis Kantor (ATK)",  # breadcrumb
    ):
        assert text in html, text
    assert "Halal</li>" not in html
    assert "belum tayang di INAPROC" not in html
    assert paper.vendor.get_absolute_url() in html
    canonical = f'<link rel="canonical" href="http://testserver/produk/{paper.pk}/{paper.slug}/">'
    assert canonical in html


def test_product_jsonld(client, paper):
    data = jsonld_of(client.get(paper.get_absolute_url()))
    assert data["@type"] == "Product" and data["name"] == "Kertas HVS A4 80 gsm"
    assert data["offers"]["price"] == "1250000" and data["offers"]["priceCurrency"] == "IDR"
    assert data["offers"]["priceValidUntil"] == "2026-12-31"
    assert data["offers"]["seller"]["name"] == "CV Sumber Kertas"


def test_product_not_on_inaproc_says_so_clearly(client):
    product = ProductFactory(ekatalog_url="", toko_daring_url="")
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Produk ini belum tayang di INAPROC." in html
    assert "Beli lewat" not in html


def test_toko_daring_button(client):
    product = ProductFactory(toko_daring_url="https://www.tokopedia.com/toko/kertas")
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Beli lewat toko daring" in html and "https://www.tokopedia.com/toko/kertas" in html


def test_wrong_slug_redirects_to_the_canonical_url(client, paper):
    response = client.get(f"/produk/{paper.pk}/nama-lama/")
    assert response.status_code == 301
    assert response["Location"] == paper.get_absolute_url()
    short = client.get(f"/produk/{paper.pk}/")
    assert short.status_code == 301 and short["Location"] == paper.get_absolute_url()


@pytest.mark.parametrize(
    "make",
    [
        lambda: ProductFactory(status=Product.Status.DRAFT),
        lambda: ProductFactory(status=Product.Status.ARCHIVED),
        lambda: ProductFactory(vendor=VendorFactory(status="submitted")),
        lambda: ProductFactory(vendor=VendorFactory(status="suspended")),
    ],
)
def test_non_public_products_are_404(client, make):
    product = make()
    assert client.get(f"/produk/{product.pk}/{product.slug}/").status_code == 404
    assert client.get(f"/produk/{product.pk}/").status_code == 404


def test_product_page_query_count_is_small(client, paper, django_assert_max_num_queries):
    ProductFactory.create_batch(6, vendor=paper.vendor)
    with django_assert_max_num_queries(8):
        assert client.get(paper.get_absolute_url()).status_code == 200


def _landing(response):
    assert response.status_code == 302
    parts = urlsplit(response["Location"])
    return parts.path, parse_qs(parts.query)


def test_category_page_lands_in_search_with_the_category(client):
    path, query = _landing(client.get("/kategori/nasi-kotak/"))
    assert path == "/cari/" and query == {"category": ["nasi-kotak"]}
    assert client.get("/kategori/tidak-ada/").status_code == 404


def test_kecamatan_page_lands_in_search_with_the_kecamatan(client):
    path, query = _landing(client.get("/kecamatan/subah/"))
    assert path == "/cari/" and query == {"kecamatan": ["subah"]}
    assert client.get("/kecamatan/bandung/").status_code == 404


def test_search_page_accepts_the_landing_filters(client):
    """The landing URLs use the search page's own parameter names."""
    ProductFactory(category=Category.objects.get(slug="nasi-kotak"))
    response = client.get("/cari/", {"category": "nasi-kotak"})
    assert response.status_code == 200


def _landed_names(client, url) -> tuple[set[str], set[tuple[str, str]]]:
    """Follow a landing URL into the search page: the product names shown and the facet
    values marked as selected."""
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain and response.request["PATH_INFO"] == "/cari/"
    names = {row["product"].name for row in response.context["rows"]}
    selected = {
        (group["name"], v.value)
        for group in response.context["facet_groups"]
        for v in group["values"]
        if v.selected
    }
    return names, selected


def test_category_landing_shows_only_that_category_and_below_with_the_filter_checked(client):
    ProductFactory(name="Nasi Kotak Ayam Bakar", category=Category.objects.get(slug="nasi-kotak"))
    ProductFactory(name="Snack Box Rapat", category=Category.objects.get(slug="snack-box"))
    ProductFactory(name="Kertas HVS F4", category=Category.objects.get(slug="kertas"))
    get_backend().rebuild()

    names, selected = _landed_names(client, "/kategori/nasi-kotak/")
    assert names == {"Nasi Kotak Ayam Bakar"}
    assert ("category", "nasi-kotak") in selected

    # A parent category lands on everything below it.
    names, selected = _landed_names(client, "/kategori/makanan-minuman/")
    assert names == {"Nasi Kotak Ayam Bakar", "Snack Box Rapat"}
    assert ("category", "makanan-minuman") in selected


def test_kecamatan_landing_shows_only_vendors_there_with_the_filter_checked(client):
    ProductFactory(name="Batik Tulis Subah", vendor=VendorFactory(kecamatan=kecamatan("Subah")))
    ProductFactory(name="Batik Cap Limpung", vendor=VendorFactory(kecamatan=kecamatan("Limpung")))
    get_backend().rebuild()

    names, selected = _landed_names(client, "/kecamatan/subah/")
    assert names == {"Batik Tulis Subah"}
    assert ("kecamatan", "subah") in selected


def _locs(xml: bytes) -> list[str]:
    return [m.decode() for m in re.findall(rb"<loc>(.*?)</loc>", xml)]


def sitemap_files(client) -> dict[str, list[str]]:
    """The index at /sitemap.xml and, for each sitemap file it lists, that file's URLs."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert b"<sitemapindex" in index.content
    files = {}
    for loc in _locs(index.content):
        parts = urlsplit(loc)
        response = client.get(parts.path, parse_qs(parts.query))
        assert response.status_code == 200, loc
        files[loc] = _locs(response.content)
    return files


def test_sitemap_lists_public_products_only(client, paper):
    draft = ProductFactory(status="draft")
    urls = {url for file in sitemap_files(client).values() for url in file}
    assert f"http://testserver{paper.get_absolute_url()}" in urls
    assert not any(draft.get_absolute_url() in url for url in urls)


def test_sitemap_is_an_index_of_files_under_the_50000_url_limit(client, monkeypatch):
    """100,000 products do not fit one sitemap file (max. 50,000 URLs): /sitemap.xml is an
    index and each section is paginated (?p=2, ...). Shown here with a page of 2."""
    from catalog.sitemaps import ProductSitemap
    from vendors.sitemaps import VendorSitemap

    assert ProductSitemap.limit <= 50_000 and VendorSitemap.limit <= 50_000
    monkeypatch.setattr(ProductSitemap, "limit", 2)
    vendor = VendorFactory()
    products = ProductFactory.create_batch(5, vendor=vendor)

    files = sitemap_files(client)
    product_files = {loc: urls for loc, urls in files.items() if "sitemap-produk.xml" in loc}
    assert sorted(product_files) == [
        "http://testserver/sitemap-produk.xml",
        "http://testserver/sitemap-produk.xml?p=2",
        "http://testserver/sitemap-produk.xml?p=3",
    ]
    assert all(len(urls) <= 2 for urls in product_files.values())
    listed = [url for urls in product_files.values() for url in urls]
    assert sorted(listed) == sorted(f"http://testserver{p.get_absolute_url()}" for p in products)
    assert client.get("/sitemap-produk.xml", {"p": 4}).status_code == 404


def test_sitemap_index_does_not_load_every_product(client):
    """The index needs counts and the latest change per section, not the rows themselves."""
    ProductFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
    product_queries = [q["sql"] for q in queries if '"catalog_product"' in q["sql"]]
    assert product_queries
    assert all("COUNT(" in sql.upper() or "MAX(" in sql.upper() for sql in product_queries)


def test_product_page_shows_photos_and_the_halal_label(client):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from catalog.models import ProductImage

    product = ProductFactory(name="Keripik Tempe Batang", is_halal=True)
    image = get_image_model().objects.create(title="foto", file=get_test_image_file())
    ProductImage.objects.create(product=product, image=image, alt_text="Keripik dalam kemasan")
    response = client.get(product.get_absolute_url())
    html = response.content.decode()
    assert re.search(r'<img src="[^"]+" width="\d+" height="\d+" alt="Keripik dalam kemasan"', html)
    assert "Halal</li>" in html
    assert jsonld_of(response)["image"][0].startswith("http://testserver/")


def test_breadcrumbs_come_with_the_product_query(client, paper):
    # "kertas" sits under "Alat Tulis Kantor (ATK)": the page shows the whole chain without a
    # query of its own on the category table.
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(paper.get_absolute_url())
    html = response.content.decode()
    crumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert crumbs.index("Alat Tulis Kantor (ATK)") < crumbs.index(paper.category.name)
    alone = [q["sql"] for q in ctx.captured_queries if 'FROM "catalog_category"' in q["sql"]]
    assert alone == []
