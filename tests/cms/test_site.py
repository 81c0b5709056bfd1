"""Search, API v2, sitemap, home page figures, category guidance and redirects."""

import pytest
from django.db import connection
from wagtail.contrib.redirects.models import Redirect

from catalog.models import Category
from cms.models import GuidanceIndexPage, GuidancePage
from cms.selectors import guidance_for_category, search_pages
from search.backends import get_backend
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def purchase_page(initial_content):
    index = GuidanceIndexPage.objects.get()
    page = index.add_child(
        instance=GuidancePage(
            title="Tata cara pengiriman kertas",
            slug="pengiriman-kertas",
            intro="Petunjuk pembelian kertas HVS untuk kantor kecamatan.",
        )
    )
    page.save_revision().publish()
    return page


def test_wagtail_search_finds_guidance(client, purchase_page):
    # On PostgreSQL the `indonesian` config stems both "pembelian" and "membeli" to "beli";
    # SQLite's full-text index matches the word itself.
    query = "membeli" if connection.vendor == "postgresql" else "pembelian"
    assert purchase_page.pk in [p.pk for p in search_pages(query)]
    # The same through the site search page.
    response = client.get("/cari/semua/", {"q": query})
    assert "Tata cara pengiriman kertas" in response.content.decode()


def test_site_search_shows_guidance_hits(client, purchase_page):
    response = client.get("/cari/semua/", {"q": "pembelian kertas"})
    assert response.status_code == 200
    assert "Tata cara pengiriman kertas" in response.content.decode()
    assert 'name="robots" content="noindex"' in response.content.decode()


def test_site_search_shows_catalogue_and_guidance_side_by_side(client, purchase_page):
    ProductFactory(name="Kertas HVS A4 Sinar Dunia", category=Category.objects.get(slug="kertas"))
    get_backend().rebuild()  # index the catalogue the way `search_index rebuild` does
    response = client.get("/cari/semua/", {"q": "kertas"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Katalog penyedia lokal" in body
    assert "Kertas HVS A4 Sinar Dunia" in body
    assert "Rp 52.000" in body
    assert "Tata cara pengiriman kertas" in body
    assert 'href="/cari/?q=kertas"' in body


def test_site_search_hides_drafts(client, purchase_page):
    purchase_page.unpublish()
    response = client.get("/cari/semua/", {"q": "pembelian"})
    assert "Tata cara pengiriman kertas" not in response.content.decode()


def test_site_search_bad_input_is_a_400_with_a_named_error(client, db):
    response = client.get("/cari/semua/", {"q": "x" * 500})
    assert response.status_code == 400
    assert "Kata kunci terlalu panjang" in response.content.decode()
    response = client.get("/cari/semua/", {"q": "atk", "halaman": "dua"})
    assert response.status_code == 400
    assert "Halaman harus bilangan bulat" in response.content.decode()


def test_api_v2_lists_pages_images_and_documents(client, initial_content):
    response = client.get("/api/v2/pages/", {"type": "cms.GuidancePage", "fields": "intro"})
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 8
    assert all(item["intro"] for item in data["items"])
    detail = client.get(f"/api/v2/pages/{data['items'][0]['id']}/").json()
    assert detail["body"] and "legal_source" in detail
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


def test_sitemap_lists_live_pages(client, initial_content):
    # /sitemap.xml is an index; the Wagtail pages are its "halaman" section.
    assert b"/sitemap-halaman.xml" in client.get("/sitemap.xml").content
    response = client.get("/sitemap-halaman.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/panduan/e-purchasing-langkah-demi-langkah/" in body
    assert "/regulasi/perpres-46-2025/" in body


def test_home_page_shows_figures_but_no_made_up_local_share(client, initial_content):
    ProductFactory()
    response = client.get("/")
    body = response.content.decode()
    assert response.context["key_figures"]["verified_vendors"] == 1
    assert response.context["key_figures"]["public_products"] == 1
    assert "penyedia terverifikasi" in body
    assert "belanja dari penyedia lokal" not in body
    assert "Panduan terbaru" in body
    assert "11 Februari 2026" in body
    assert 'action="/cari/"' in body


def test_guidance_for_category_covers_child_categories(initial_content):
    kertas = Category.objects.get(slug="kertas")  # child of ATK
    links = list(guidance_for_category(kertas))
    assert [link.page.slug for link in links] == ["katalog-v6-dan-toko-daring"]
    assert links[0].display_label == "Cara belanja ATK lewat Katalog v6 atau toko daring"

    links[0].page.unpublish()
    assert not guidance_for_category(kertas).exists()


def test_redirects_are_served(client, guidance_page):
    Redirect.objects.create(old_path="/panduan-lama", redirect_page=guidance_page)
    response = client.get("/panduan-lama/")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/panduan/e-purchasing-langkah-demi-langkah/")


def test_catalogue_search_filtered_by_category_shows_its_guidance(client, initial_content):
    label = "Cara belanja ATK lewat Katalog v6 atau toko daring"
    response = client.get("/cari/", {"category": "atk"})
    assert response.status_code == 200
    body = response.content.decode()
    assert label in body
    assert 'href="/panduan/katalog-v6-dan-toko-daring/"' in body

    # A child category (Kertas, under ATK) and the category page, which redirects to /cari/.
    response = client.get("/kategori/kertas/", follow=True)
    assert response.status_code == 200
    assert label in response.content.decode()

    # No category filter, or one without guidance: no guidance box.
    assert label not in client.get("/cari/", {"q": "kertas"}).content.decode()
    assert "Panduan belanja untuk kategori ini" not in (
        client.get("/cari/", {"category": "tidak-ada"}).content.decode()
    )

    # An unpublished guidance page is not linked.
    GuidancePage.objects.get(slug="katalog-v6-dan-toko-daring").unpublish()
    assert label not in client.get("/cari/", {"category": "atk"}).content.decode()


def test_home_page_shows_the_local_share_of_this_years_purchases(client, initial_content):
    import datetime

    from django.utils import timezone

    from procurement.models import Purchase
    from tests.factories import OPDFactory

    opd = OPDFactory()
    now = timezone.now()

    def bought(amount, *, local, when=now, outcome=Purchase.Outcome.BOUGHT):
        Purchase.objects.create(
            opd=opd,
            outcome=outcome,
            amount=amount,
            purchased_at=when,
            channel=Purchase.Channel.TOKO_DARING,
            vendor_name="Penyedia",
            is_batang_vendor=local,
        )

    bought(5_000_000, local=True)
    bought(3_000_000, local=False)
    # Neither last year's purchases nor outcomes other than "bought" count.
    bought(9_000_000, local=False, when=now - datetime.timedelta(days=400))
    bought(9_000_000, local=False, outcome=Purchase.Outcome.NOT_BOUGHT)

    response = client.get("/")
    assert response.context["key_figures"]["local_purchase_share"] == 62.5
    body = response.content.decode()
    assert "62,5%" in body
    assert "belanja dari penyedia lokal tahun ini" in body
