"""Buyers of OPD A never see or change OPD B's shortlists, purchases or figures (pages and API)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from procurement import services
from procurement.models import BuyerProfile, Purchase, Shortlist
from tests.factories import (
    BuyerProfileFactory,
    OPDFactory,
    ProductFactory,
    ShortlistFactory,
    UserFactory,
)
from vendors.roles import UKPBJ_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    opd_a, opd_b = OPDFactory(slug="dinas-a"), OPDFactory(slug="dinas-b")
    buyer_a = BuyerProfileFactory(opd=opd_a).user
    buyer_b = BuyerProfileFactory(opd=opd_b).user
    shortlist_b = ShortlistFactory(opd=opd_b, owner=buyer_b)
    item_b = services.add_item(shortlist=shortlist_b, user=buyer_b, product=ProductFactory())
    purchase_b = services.record_purchase(
        user=buyer_b,
        outcome="bought",
        item=item_b,
        amount=1_000_000,
        purchased_at=dt.datetime(2026, 2, 2, 10, tzinfo=dt.UTC),
        channel="toko_daring",
    )
    return {
        "opd_a": opd_a,
        "opd_b": opd_b,
        "buyer_a": buyer_a,
        "buyer_b": buyer_b,
        "shortlist_b": shortlist_b,
        "item_b": item_b,
        "purchase_b": purchase_b,
    }


def test_pages_of_another_opds_shortlist_are_404(client, world):
    client.force_login(world["buyer_a"])
    s, item = world["shortlist_b"], world["item_b"]
    for url in [
        f"/belanja/daftar/{s.pk}/",
        f"/belanja/daftar/{s.pk}/ubah/",
        f"/belanja/daftar/{s.pk}/bandingkan/",
        f"/belanja/daftar/{s.pk}/cetak/",
        f"/belanja/daftar/{s.pk}/unduh.xlsx",
        f"/belanja/daftar/{s.pk}/unduh.csv",
        f"/belanja/daftar/{s.pk}/hasil/",
        f"/belanja/pembelian/{world['purchase_b'].pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        f"/belanja/daftar/{s.pk}/kunci/",
        f"/belanja/daftar/{s.pk}/butir/{item.pk}/hapus/",
        f"/belanja/daftar/{s.pk}/butir/{item.pk}/pindah/",
        f"/belanja/daftar/{s.pk}/butir/{item.pk}/ubah/",
        f"/belanja/pembelian/{world['purchase_b'].pk}/",
    ]:
        assert client.post(url, {"direction": "up", "quantity": 5}).status_code == 404, url
    response = client.post(
        "/belanja/tambah/", {"product": ProductFactory().pk, "shortlist": s.pk, "quantity": 1}
    )
    assert response.status_code == 200  # the form refuses the foreign shortlist
    s.refresh_from_db()
    assert s.status == Shortlist.Status.OPEN and s.items.count() == 1
    assert world["purchase_b"].delivered_on is None
    listing = client.get("/belanja/daftar/").content.decode()
    assert s.title not in listing
    assert world["purchase_b"].vendor_name not in client.get("/belanja/pembelian/").content.decode()


def test_a_buyer_sees_only_their_own_shortlists_and_the_head_sees_all_of_the_opd(client, world):
    colleague = BuyerProfileFactory(opd=world["opd_b"]).user
    head = BuyerProfileFactory(opd=world["opd_b"], role=BuyerProfile.Role.HEAD).user
    url = f"/belanja/daftar/{world['shortlist_b'].pk}/"
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    # Purchases belong to the OPD: a colleague sees them.
    assert client.get(f"/belanja/pembelian/{world['purchase_b'].pk}/").status_code == 200
    client.force_login(head)
    assert client.get(url).status_code == 200


def test_anonymous_visitors_are_sent_to_the_buyer_login(client, world):
    response = client.get(f"/belanja/daftar/{world['shortlist_b'].pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/belanja/masuk/?next=/belanja/daftar/")


def test_login_page_logs_a_buyer_in_and_returns_to_the_page(client, world):
    user = world["buyer_a"]
    response = client.post(
        "/belanja/masuk/?next=/belanja/daftar/",
        {"username": user.username, "password": "kata-sandi-uji-123", "next": "/belanja/daftar/"},
    )
    assert response.status_code == 302 and response["Location"] == "/belanja/daftar/"
    client.logout()
    bad = client.post("/belanja/masuk/", {"username": user.username, "password": "salah"})
    assert bad.status_code == 200
    assert "nama pengguna dan sandi" in bad.content.decode().lower()


def test_accounts_without_a_buyer_profile_get_403(client, world):
    client.force_login(UserFactory())
    assert client.get("/belanja/daftar/").status_code == 403
    assert client.get("/belanja/").status_code == 403


def test_per_opd_figures_are_for_that_opd_and_ukpbj_only(client, world):
    client.force_login(world["buyer_a"])
    assert client.get("/belanja/statistik/opd/dinas-b/").status_code == 403
    assert client.get("/belanja/statistik/opd/dinas-a/").status_code == 200
    assert client.get("/belanja/statistik/opd/").status_code == 403
    staff = UserFactory()
    staff.groups.add(Group.objects.get_or_create(name=UKPBJ_GROUP)[0])
    client.force_login(staff)
    assert client.get("/belanja/statistik/opd/dinas-b/").status_code == 200
    table = client.get("/belanja/statistik/opd/?tahun=2026")
    assert table.status_code == 200
    csv = client.get("/belanja/statistik/opd/?tahun=2026&format=csv")
    text = csv.content.decode("utf-8-sig")
    assert csv["Content-Type"].startswith("text/csv")
    assert world["opd_b"].name in text and "1000000" in text


def test_all_opds_csv_does_not_hand_a_spreadsheet_a_formula(client, world):
    world["opd_b"].name = '=HYPERLINK("http://evil.example","Dinas B")'
    world["opd_b"].save()
    staff = UserFactory()
    staff.groups.add(Group.objects.get_or_create(name=UKPBJ_GROUP)[0])
    client.force_login(staff)
    text = client.get("/belanja/statistik/opd/?tahun=2026&format=csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(" in text
    assert not [line for line in text.splitlines() if line.startswith(("=", '"='))]


def test_regency_figures_are_public(client, world):
    response = client.get("/belanja/statistik/?tahun=2026")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rp 1.000.000" in html and "<svg" in html and "<title" in html
    assert world["opd_b"].name not in html  # aggregates only


# --- API -------------------------------------------------------------------------------------


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_api_hides_other_opds_shortlists_and_purchases(world):
    client = api(world["buyer_a"])
    s, item, purchase = world["shortlist_b"], world["item_b"], world["purchase_b"]
    assert client.get("/api/v1/me/shortlists/").json()["count"] == 0
    assert client.get("/api/v1/me/purchases/").json()["count"] == 0
    for url in [
        f"/api/v1/me/shortlists/{s.pk}/",
        f"/api/v1/me/shortlists/{s.pk}/items/",
        f"/api/v1/me/shortlists/{s.pk}/items/{item.pk}/",
        f"/api/v1/me/shortlists/{s.pk}/export/xlsx/",
        f"/api/v1/me/purchases/{purchase.pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.patch(f"/api/v1/me/shortlists/{s.pk}/", {"title": "x", "version": 1}).status_code
        == 404
    )
    assert client.post(f"/api/v1/me/shortlists/{s.pk}/lock/").status_code == 404
    assert (
        client.post(
            f"/api/v1/me/shortlists/{s.pk}/items/", {"product": ProductFactory().pk}
        ).status_code
        == 404
    )
    assert client.delete(f"/api/v1/me/shortlists/{s.pk}/items/{item.pk}/").status_code == 404
    assert (
        client.patch(f"/api/v1/me/purchases/{purchase.pk}/", {"paid_on": "2026-03-01"}).status_code
        == 404
    )
    # Recording a purchase against B's shortlist item is refused too.
    response = client.post(
        "/api/v1/me/purchases/", {"shortlist_item": item.pk, "outcome": "not_bought"}
    )
    assert response.status_code == 400
    assert Purchase.objects.count() == 1
    s.refresh_from_db()
    assert s.items.count() == 1 and s.title != "x"


def test_api_needs_a_buyer_account(world):
    assert api().get("/api/v1/me/shortlists/").status_code in (401, 403)
    assert api(UserFactory()).get("/api/v1/me/shortlists/").status_code == 403


def test_api_stats_regency_public_per_opd_restricted(world):
    assert api().get("/api/v1/stats/regency/?year=2026").json()["realised"] == 1_000_000
    assert api().get("/api/v1/stats/opd/dinas-b/").status_code in (401, 403)
    assert api(world["buyer_a"]).get("/api/v1/stats/opd/dinas-b/").status_code == 403
    body = api(world["buyer_b"]).get("/api/v1/stats/opd/dinas-b/?year=2026").json()
    assert body["realised"] == 1_000_000 and body["opd"] == "dinas-b"
    assert api(world["buyer_a"]).get("/api/v1/stats/opds/").status_code == 403
    staff = UserFactory()
    staff.groups.add(Group.objects.get_or_create(name=UKPBJ_GROUP)[0])
    rows = api(staff).get("/api/v1/stats/opds/?year=2026").json()
    assert {row["opd"] for row in rows} >= {"dinas-a", "dinas-b"}
    assert api().get("/api/v1/stats/regency/?year=abc").status_code == 400
