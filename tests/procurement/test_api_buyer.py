"""The buyer API end to end: shortlist, items, lock, export, purchase, milestones, stale writes."""

import io

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.factories import BuyerProfileFactory, ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer_client():
    user = BuyerProfileFactory().user
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_shortlist_journey_over_the_api(buyer_client):
    created = buyer_client.post(
        "/api/v1/me/shortlists/",
        {"title": "ATK triwulan II", "pagu": 3_000_000, "planned_year": 2026,
         "planned_quarter": 2, "rup_code": "45123678"},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    shortlist = created.json()
    assert shortlist["status"] == "open" and shortlist["version"] == 1
    base = f"/api/v1/me/shortlists/{shortlist['id']}"

    paper = ProductFactory(name="Kertas HVS A4", price=52_000)
    vendor = VendorFactory(name="Percetakan Alas Roban")
    r1 = buyer_client.post(f"{base}/items/", {"product": paper.pk, "quantity": 20}, format="json")
    r2 = buyer_client.post(
        f"{base}/items/", {"vendor": vendor.pk, "note": "spanduk"}, format="json"
    )
    assert r1.status_code == 201 and r2.status_code == 201
    assert r1.json()["snap_unit_price"] == 52_000 and r1.json()["total_price"] == 1_040_000
    assert r2.json()["snap_vendor_name"] == "Percetakan Alas Roban"

    moved = buyer_client.post(f"{base}/items/{r2.json()['id']}/move/", {"direction": "up"})
    assert [i["id"] for i in moved.json()] == [r2.json()["id"], r1.json()["id"]]

    paper.price = 60_000
    paper.save()
    items = buyer_client.get(f"{base}/items/").json()["results"]
    assert items[1]["snap_unit_price"] == 52_000 and items[1]["changes"] == ["price_up"]

    assert buyer_client.get(f"{base}/export/xlsx/").status_code == 400  # still open
    locked = buyer_client.post(f"{base}/lock/")
    assert locked.json()["status"] == "locked"
    assert buyer_client.post(f"{base}/items/", {"product": paper.pk}).status_code == 400

    xlsx = buyer_client.get(f"{base}/export/xlsx/")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert "Kertas HVS A4" in names
    assert buyer_client.get(f"{base}/exports/").json()["count"] == 1

    purchase = buyer_client.post(
        "/api/v1/me/purchases/",
        {"shortlist_item": r1.json()["id"], "outcome": "bought", "amount": 1_040_000,
         "purchased_at": "2026-04-10T09:00:00+07:00", "channel": "katalog_lokal"},
        format="json",
    )  # fmt: skip
    assert purchase.status_code == 201, purchase.json()
    pid = purchase.json()["id"]
    done = buyer_client.patch(
        f"/api/v1/me/purchases/{pid}/", {"delivered_on": "2026-04-12"}, format="json"
    )
    assert done.json()["waiting_for_paperwork"] is True
    waiting = buyer_client.get("/api/v1/me/purchases/?waiting=true").json()
    assert [p["id"] for p in waiting["results"]] == [pid]
    bad = buyer_client.patch(
        f"/api/v1/me/purchases/{pid}/", {"paid_on": "2026-01-01"}, format="json"
    )
    assert bad.status_code == 400 and "paid_on" in str(bad.json())


def test_stale_version_is_a_409_and_changes_nothing(buyer_client):
    shortlist = buyer_client.post(
        "/api/v1/me/shortlists/",
        {"title": "Seragam", "pagu": 10_000_000, "planned_year": 2026, "planned_quarter": 3},
        format="json",
    ).json()
    url = f"/api/v1/me/shortlists/{shortlist['id']}/"
    first = buyer_client.patch(url, {"title": "Seragam batik", "version": 1}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = buyer_client.patch(url, {"title": "Seragam PDH", "version": 1}, format="json")
    assert stale.status_code == 409
    assert buyer_client.get(url).json()["title"] == "Seragam batik"
    missing = buyer_client.patch(url, {"title": "Seragam PDH"}, format="json")
    assert missing.status_code == 400 and "version" in str(missing.json())


def test_bad_input_is_a_400_naming_the_field(buyer_client):
    response = buyer_client.post(
        "/api/v1/me/shortlists/",
        {"title": "", "pagu": -5, "planned_year": 2026, "planned_quarter": 7, "rup_code": "abc"},
        format="json",
    )
    assert response.status_code == 400
    body = str(response.json())
    for field in ("title", "pagu", "planned_quarter", "rup_code"):
        assert field in body
    shortlist = buyer_client.post(
        "/api/v1/me/shortlists/",
        {"title": "Mamin", "pagu": 1_000_000, "planned_year": 2026, "planned_quarter": 1},
        format="json",
    ).json()
    items = f"/api/v1/me/shortlists/{shortlist['id']}/items/"
    assert buyer_client.post(items, {}, format="json").status_code == 400
    assert buyer_client.post(items, {"product": 999999}, format="json").status_code == 400
    assert (
        buyer_client.post(
            items, {"product": ProductFactory().pk, "quantity": 0}, format="json"
        ).status_code
        == 400
    )
    assert (
        buyer_client.post("/api/v1/me/purchases/", {"outcome": "bought"}, format="json").status_code
        == 400
    )


def test_buyer_and_figures_endpoints_are_in_the_openapi_schema():
    import yaml
    from django.core.management import call_command

    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    paths = yaml.safe_load(out.getvalue())["paths"]
    expected = {
        "/api/v1/me/shortlists/": {"get", "post"},
        "/api/v1/me/shortlists/{id}/": {"get", "patch"},
        "/api/v1/me/shortlists/{id}/lock/": {"post"},
        "/api/v1/me/shortlists/{id}/export/xlsx/": {"get"},
        "/api/v1/me/shortlists/{id}/export/csv/": {"get"},
        "/api/v1/me/shortlists/{id}/exports/": {"get"},
        "/api/v1/me/shortlists/{shortlist_pk}/items/": {"get", "post"},
        "/api/v1/me/shortlists/{shortlist_pk}/items/{id}/": {"get", "patch", "delete"},
        "/api/v1/me/shortlists/{shortlist_pk}/items/{id}/move/": {"post"},
        "/api/v1/me/purchases/": {"get", "post"},
        "/api/v1/me/purchases/{id}/": {"get", "patch"},
        "/api/v1/stats/regency/": {"get"},
        "/api/v1/stats/opds/": {"get"},
        "/api/v1/stats/opd/{slug}/": {"get"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), (path, set(paths[path]))
