"""UKPBJ staff see, read-only, what buyers of every OPD record: shortlists, purchases, budgets
and INAPROC outreach requests, in the Wagtail back office."""

import datetime as dt

import pytest
from django.utils import timezone

from procurement import services
from procurement.models import OPDBudget, OutreachRequest, Purchase, Shortlist
from tests.factories import (
    OPDBudgetFactory,
    OPDFactory,
    ProductFactory,
    ShortlistFactory,
    UserFactory,
    VendorFactory,
)
from vendors.roles import ensure_ukpbj_group

pytestmark = pytest.mark.django_db

LISTINGS = {
    "/admin/daftar-pendek/": Shortlist,
    "/admin/pembelian/": Purchase,
    "/admin/pagu-opd/": OPDBudget,
    "/admin/pendampingan-inaproc/": OutreachRequest,
}


@pytest.fixture
def records():
    dinkes = OPDFactory(name="Dinas Kesehatan Uji", short_name="Dinkes Uji")
    dindik = OPDFactory(name="Dinas Pendidikan Uji", short_name="Dindik Uji")
    shortlist = ShortlistFactory(opd=dinkes, title="Mamin posyandu Subah")
    vendor = VendorFactory(name="Tirta Roban Uji", inaproc_url="")
    item = services.add_item(
        shortlist=shortlist, user=shortlist.owner, product=ProductFactory(vendor=vendor)
    )
    services.request_outreach(item=item, user=shortlist.owner)
    ShortlistFactory(opd=dindik, title="ATK ujian sekolah")
    services.record_purchase(
        user=shortlist.owner,
        outcome=Purchase.Outcome.BOUGHT,
        item=item,
        amount=1_500_000,
        purchased_at=timezone.make_aware(dt.datetime(2026, 3, 2, 10)),
        channel=Purchase.Channel.TOKO_DARING,
        order_reference="TD-UJI-77",
    )
    OPDBudgetFactory(opd=dindik, year=2026, pagu_goods_services=900_000_000)
    return shortlist


@pytest.fixture
def ukpbj_client(client):
    staff = UserFactory(username="staf-ukpbj")
    staff.groups.add(ensure_ukpbj_group())
    client.force_login(staff)
    return client


def test_ukpbj_sees_every_opds_records(ukpbj_client, records):
    listing = {url: ukpbj_client.get(url).content.decode() for url in LISTINGS}
    shortlists = listing["/admin/daftar-pendek/"]
    assert "Mamin posyandu Subah" in shortlists and "ATK ujian sekolah" in shortlists
    assert "Tirta Roban Uji" in listing["/admin/pembelian/"]
    assert "Dindik Uji" in listing["/admin/pagu-opd/"] and "900000000" in (
        listing["/admin/pagu-opd/"].replace(".", "").replace(",", "")
    )
    assert "Tirta Roban Uji" in listing["/admin/pendampingan-inaproc/"]
    found = ukpbj_client.get("/admin/daftar-pendek/", {"q": "posyandu"}).content.decode()
    assert "Mamin posyandu Subah" in found and "ATK ujian sekolah" not in found
    inspect = ukpbj_client.get(f"/admin/daftar-pendek/inspect/{records.pk}/")
    assert inspect.status_code == 200 and "Mamin posyandu Subah" in inspect.content.decode()


@pytest.mark.parametrize("as_superuser", [False, True])
def test_nobody_edits_buyers_records_in_the_back_office(client, records, as_superuser):
    if as_superuser:
        client.force_login(UserFactory(username="admin-uji", is_superuser=True, is_staff=True))
    else:
        staff = UserFactory(username="staf-ukpbj")
        staff.groups.add(ensure_ukpbj_group())
        client.force_login(staff)
    purchase = Purchase.objects.get()
    for url, model in LISTINGS.items():
        obj = model.objects.first()
        assert client.get(f"{url}new/").status_code in (302, 403), url
        assert client.get(f"{url}edit/{obj.pk}/").status_code in (302, 403), url
        assert client.post(f"{url}delete/{obj.pk}/").status_code in (302, 403), url
        assert model.objects.filter(pk=obj.pk).exists(), url
    client.post(f"/admin/pembelian/edit/{purchase.pk}/", {"amount": "1"})
    purchase.refresh_from_db()
    assert purchase.amount == 1_500_000
    assert "Tambah" not in client.get("/admin/pembelian/").content.decode().split("<main")[-1]


def test_listings_are_refused_without_the_view_permission(client, records):
    from django.contrib.auth.models import Permission

    user = UserFactory(username="editor-konten")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in LISTINGS:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Mamin posyandu Subah" not in response.content.decode()


def test_ukpbj_menu_has_the_buyer_records_group(ukpbj_client):
    from tests.vendors.test_admin import sidebar_labels

    groups = sidebar_labels(ukpbj_client.get("/admin/").content.decode())
    assert groups["Belanja OPD"] == [
        "Daftar pendek",
        "Pembelian",
        "Pagu OPD",
        "Pendampingan INAPROC",
    ]
    assert groups["OPD"] == ["OPD", "Profil pembeli"]
