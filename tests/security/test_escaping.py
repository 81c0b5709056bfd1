"""What a vendor or a buyer types is shown as text everywhere: HTML pages (public, vendor's own,
buyer's, UKPBJ's and the Wagtail admin), search results with highlighting, the API, and the
CSV/XLSX exports, where a cell that starts like a formula is neutralised."""

import csv
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from procurement import services as buying
from procurement.models import Purchase
from search.backends import get_backend
from tests.factories import (
    BuyerProfileFactory,
    ProductFactory,
    ShortlistFactory,
    UserFactory,
    VendorFactory,
    VendorMemberFactory,
)
from vendors.roles import ensure_ukpbj_group

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ 7*7 }}"
PAYLOAD = f"Kain {SCRIPT} {ATTR} {TEMPLATE}"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_ATTR = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
FORMULAS = ['=HYPERLINK("http://contoh.invalid","klik")', "+1+1", "-2+3", "@SUM(A1)"]


def assert_inert(html: str, where: str, *, highlighted: bool = False):
    """The payload is on the page, escaped; none of it became markup or was evaluated."""
    assert "<script>alert" not in html, where
    assert "<img src=x" not in html, where
    assert "onerror=alert(1)>" not in html.replace("onerror=alert(1)&gt;", ""), where
    assert TEMPLATE in html, f"{where}: the payload is not shown"
    if highlighted:  # matched words are wrapped in <mark>, the rest stays escaped
        assert "&lt;<mark>script</mark>&gt;" in html or "&lt;script&gt;" in html, where
    else:
        assert ESCAPED_SCRIPT in html, where
        assert ESCAPED_ATTR in html, where


@pytest.fixture
def world(settings):
    settings.SEARCH_TIE_BREAK_DATE = "2026-02-11"
    vendor = VendorFactory(name=f"UD {SCRIPT}{ATTR}{TEMPLATE}", description=PAYLOAD,
                           address=f"Jl. {ATTR}", inaproc_url="")  # fmt: skip
    member = VendorMemberFactory(vendor=vendor)
    product = ProductFactory(vendor=vendor, name=PAYLOAD, description=PAYLOAD, brand=ATTR)
    formula_product = ProductFactory(vendor=vendor, name=FORMULAS[0], description=FORMULAS[1])
    buyer = BuyerProfileFactory().user
    shortlist = ShortlistFactory(
        opd=buyer.buyer_profile.opd, owner=buyer, title=PAYLOAD[:150], description=PAYLOAD
    )
    buying.add_item(shortlist=shortlist, user=buyer, product=product, note=PAYLOAD)
    buying.add_item(shortlist=shortlist, user=buyer, product=formula_product, note=FORMULAS[2])
    bought = buying.record_purchase(
        user=buyer, outcome=Purchase.Outcome.BOUGHT, product=product, amount=150_000,
        purchased_at=timezone.now(), channel=Purchase.Channel.OTHER,
        order_reference=f"{ATTR}{TEMPLATE}"[:100],
    )  # fmt: skip
    skipped = buying.record_purchase(
        user=buyer, outcome=Purchase.Outcome.NOT_BOUGHT, shortlist=shortlist, reason=PAYLOAD
    )
    get_backend().rebuild()
    return {
        "vendor": vendor,
        "member": member.user,
        "product": product,
        "buyer": buyer,
        "shortlist": shortlist,
        "purchases": [bought, skipped],
    }


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def get_ok(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


def test_public_pages_show_vendor_text_escaped(world):
    vendor, product = world["vendor"], world["product"]
    anonymous = client_for()
    for url in [
        "/penyedia/",
        vendor.get_absolute_url(),
        product.get_absolute_url(),
    ]:
        assert_inert(get_ok(anonymous, url), url)
    # The JSON-LD block cannot be closed by a vendor's text either.
    page = get_ok(anonymous, product.get_absolute_url())
    assert "\\u003Cscript\\u003E" in page


def test_search_results_highlight_escaped_text(world):
    anonymous = client_for()
    page = get_ok(anonymous, "/cari/?q=kain")
    assert "<mark>Kain</mark>" in page
    assert_inert(page, "/cari/?q=kain")
    # Searching for the markup itself: matched words are marked inside escaped text.
    page = get_ok(anonymous, "/cari/?q=script+alert+img")
    assert "<mark>" in page
    assert_inert(page, "/cari/?q=script", highlighted=True)

    data = anonymous.get("/api/v1/search/", {"q": "kain"}).json()
    hit = next(r for r in data["results"] if r["id"] == world["product"].pk)
    for field in ("name_highlight", "highlight"):
        assert "<mark>Kain</mark>" in hit[field]
        assert ESCAPED_SCRIPT in hit[field] and "<script>" not in hit[field]


@pytest.mark.parametrize("q", [SCRIPT, ATTR, TEMPLATE, PAYLOAD])
def test_search_query_is_reflected_escaped(world, q):
    anonymous = client_for()
    for url in ["/cari/", "/cari/semua/"]:
        response = anonymous.get(url, {"q": q})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert TEMPLATE not in q or TEMPLATE in html, url  # shown as typed, not evaluated


def test_vendor_own_pages_show_their_text_escaped(world):
    member = client_for(world["member"])
    for url in ["/usaha/", "/usaha/produk/", f"/usaha/produk/{world['product'].pk}/"]:
        assert_inert(get_ok(member, url), url)


def test_buyer_pages_show_vendor_and_buyer_text_escaped(world):
    shortlist, buyer = world["shortlist"], world["buyer"]
    client = client_for(buyer)
    urls = [
        "/belanja/",
        "/belanja/daftar/",
        shortlist.get_absolute_url(),
        f"/belanja/daftar/{shortlist.pk}/bandingkan/",
        "/belanja/pembelian/",
        *[f"/belanja/pembelian/{p.pk}/" for p in world["purchases"]],
    ]
    for url in urls:
        assert_inert(get_ok(client, url), url)
    # Recording the outcome closed the shortlist, so it can be printed.
    assert_inert(get_ok(client, f"/belanja/daftar/{shortlist.pk}/cetak/"), "print")


def test_ukpbj_and_wagtail_admin_show_vendor_text_escaped(world):
    officer = UserFactory(is_staff=True)
    officer.groups.add(ensure_ukpbj_group())
    client = client_for(officer)
    for url in [
        f"/admin/ukpbj/penyedia/{world['vendor'].pk}/",
        "/admin/ukpbj/jangkauan/",
    ]:
        assert_inert(get_ok(client, url), url)
    admin = client_for(UserFactory(is_staff=True, is_superuser=True))
    for url in ["/admin/penyedia/", "/admin/produk/"]:
        assert_inert(get_ok(admin, url), url)


def test_api_returns_text_as_json_data_not_html(world):
    anonymous = client_for()
    response = anonymous.get(f"/api/v1/products/{world['product'].pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.json()["name"] == PAYLOAD


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def assert_no_formula(cells, where):
    for cell in cells:
        assert not (isinstance(cell, str) and cell.startswith(("=", "+", "-", "@"))) or (
            cell[1:].replace(".", "", 1).isdigit()  # a plain signed number, e.g. +6281234567890
        ), f"{where}: {cell!r}"
    for formula in FORMULAS[:1]:
        assert "'" + formula in cells, f"{where}: {formula} not neutralised"


def test_shortlist_csv_and_xlsx_neutralise_formulas(world):
    shortlist, buyer = world["shortlist"], world["buyer"]  # closed by the recorded outcome
    client = client_for(buyer)

    text = client.get(f"/belanja/daftar/{shortlist.pk}/unduh.csv").content.decode()
    cells = csv_cells(text)
    assert_no_formula(cells, "shortlist CSV")
    assert "'" + FORMULAS[2] in cells  # the buyer's note "-2+3"
    assert PAYLOAD in cells  # markup stays plain text in a CSV

    response = client.get(f"/belanja/daftar/{shortlist.pk}/unduh.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert_no_formula(values, "shortlist XLSX")


def test_open_data_vendor_export_and_ukpbj_csv_neutralise_formulas(world):
    vendor = world["vendor"]
    vendor.name = FORMULAS[0]
    vendor.address = FORMULAS[3]
    vendor.save()
    anonymous = client_for()
    for url in ["/api/v1/products.csv", "/api/v1/vendors.csv"]:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        text = b"".join(response.streaming_content).decode()
        assert_no_formula(csv_cells(text), url)

    member = client_for(world["member"])
    response = member.get("/usaha/produk/ekspor/?format=csv")
    assert_no_formula(csv_cells(response.content.decode("utf-8-sig")), "vendor export")

    officer = UserFactory(is_staff=True)
    officer.groups.add(ensure_ukpbj_group())
    response = client_for(officer).get("/admin/ukpbj/jangkauan/?format=csv")
    cells = csv_cells(response.content.decode())
    assert_no_formula(cells, "UKPBJ outreach CSV")
    assert "'" + FORMULAS[3] in cells
    assert "+6281234567890" in cells  # a phone number stays as it is
