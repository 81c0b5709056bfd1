"""What the compare view, the e-purchasing hand-off and the dashboards show, cell by cell."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group

from procurement import services
from tests.factories import (
    OPDBudgetFactory,
    OPDFactory,
    ProductFactory,
    ShortlistFactory,
    UserFactory,
    VendorFactory,
)
from vendors.models import Vendor
from vendors.roles import UKPBJ_GROUP

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def cells(html, item_pk):
    row = re.search(rf'<tr data-item="{item_pk}">(.*?)</tr>', html, re.S).group(1)
    found = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip() for c in found]


def test_compare_shows_every_column_side_by_side(client):
    shortlist = ShortlistFactory()
    on_inaproc = VendorFactory(
        name="Konveksi Roban", scale=Vendor.Scale.KECIL, inaproc_url="https://katalog.inaproc.id/k"
    )
    not_yet = VendorFactory(name="Batik Kalisalak", scale=Vendor.Scale.MENENGAH, inaproc_url="")
    shirt = services.add_item(
        shortlist=shortlist, user=shortlist.owner, quantity=40,
        product=ProductFactory(name="Kaos seragam", vendor=on_inaproc, price=65_000, unit="potong",
                               tkdn_percent=45, tkdn_bmp_percent=55, is_pdn=True,
                               lead_time_days=7),
    )  # fmt: skip
    batik = services.add_item(
        shortlist=shortlist, user=shortlist.owner, quantity=2,
        product=ProductFactory(name="Kain batik tulis", vendor=not_yet, price=450_000,
                               unit="lembar", tkdn_percent=None, tkdn_bmp_percent=None,
                               is_pdn=False, lead_time_days=1),
    )  # fmt: skip
    client.force_login(shortlist.owner)
    html = client.get(f"/belanja/daftar/{shortlist.pk}/bandingkan/").content.decode()

    first = cells(html, shirt.pk)
    assert first[0].startswith("Kaos seragam") and "Konveksi Roban" in first[0]
    assert first[1:12] == [
        "Rp 65.000", "potong", "40", "Rp 2.600.000", "45,00%", "55,00%", "Ya", "Ya", "Batang",
        "7 hari", "Ya, buka",
    ]  # fmt: skip
    assert 'href="https://katalog.inaproc.id/k"' in html
    second = cells(html, batik.pk)
    assert second[1:12] == [
        "Rp 450.000", "lembar", "2", "Rp 900.000", "–", "–", "Tidak", "Tidak", "Batang",
        "1 hari", "Belum",
    ]  # fmt: skip


def test_hand_off_links_and_flags_on_the_shortlist_page(client):
    shortlist = ShortlistFactory()
    listed = VendorFactory(inaproc_url="https://katalog.inaproc.id/toko-uji")
    unlisted = VendorFactory(name="Tirta Roban Uji", inaproc_url="")
    services.add_item(
        shortlist=shortlist, user=shortlist.owner, product=ProductFactory(vendor=listed)
    )
    item = services.add_item(
        shortlist=shortlist, user=shortlist.owner, product=ProductFactory(vendor=unlisted)
    )
    client.force_login(shortlist.owner)
    html = client.get(shortlist.get_absolute_url()).content.decode()
    assert 'href="https://katalog.inaproc.id/toko-uji"' in html and "Buka di INAPROC" in html
    assert "Belum di INAPROC" in html
    assert f"/butir/{item.pk}/pendampingan/" in html  # one click to the outreach list


def test_every_chart_has_a_title_a_description_and_a_data_table(client):
    shortlist = ShortlistFactory()
    OPDBudgetFactory(opd=shortlist.opd, year=2026, pagu_goods_services=10_000_000)
    item = services.add_item(shortlist=shortlist, user=shortlist.owner, product=ProductFactory())
    services.record_purchase(
        user=shortlist.owner, outcome="bought", item=item, amount=2_000_000,
        purchased_at=dt.datetime(2026, 2, 3, 9, tzinfo=WIB), channel="katalog_lokal",
    )  # fmt: skip
    client.force_login(shortlist.owner)
    for url in ("/belanja/?tahun=2026", "/belanja/statistik/?tahun=2026"):
        html = client.get(url).content.decode()
        charts = re.findall(r"<svg\b.*?</svg>", html, re.S)
        assert len(charts) >= 4, url  # absorption, shares, channels, categories
        for chart in charts:
            assert 'role="img"' in chart and "<title" in chart and "<desc" in chart, url
        assert html.count("<caption") >= len(charts), url
        assert "40%" in html, url  # the national floor for UMK and koperasi


def test_ukpbj_sees_all_opds_side_by_side(client):
    dinkes = OPDFactory(name="Dinas Kesehatan Uji", slug="dinkes-uji")
    OPDFactory(name="Dinas Pendidikan Uji", slug="dindik-uji")
    OPDBudgetFactory(opd=dinkes, year=2026, pagu_goods_services=10_000_000)
    shortlist = ShortlistFactory(opd=dinkes)
    item = services.add_item(shortlist=shortlist, user=shortlist.owner, product=ProductFactory())
    services.record_purchase(
        user=shortlist.owner, outcome="bought", item=item, amount=2_000_000,
        purchased_at=dt.datetime(2026, 2, 3, 9, tzinfo=WIB), channel="katalog_lokal",
    )  # fmt: skip
    staff = UserFactory(username="staf-ukpbj")
    staff.groups.add(Group.objects.get_or_create(name=UKPBJ_GROUP)[0])
    client.force_login(staff)
    html = client.get("/belanja/statistik/opd/?tahun=2026").content.decode()
    assert "Dinas Kesehatan Uji" in html and "Dinas Pendidikan Uji" in html
    assert "Rp 2.000.000" in html
    assert "format=csv" in html  # the export link
