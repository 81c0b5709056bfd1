"""Quarter maths and dashboard figures on fixed data (Asia/Jakarta)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from procurement import selectors, services
from procurement.stats import absorption_by_quarter, figures, quarter_bounds, quarter_of
from tests.factories import (
    BuyerProfileFactory,
    OPDBudgetFactory,
    OPDFactory,
    ProductFactory,
    VendorFactory,
)
from vendors.models import Vendor

WIB = ZoneInfo("Asia/Jakarta")
UTC = dt.UTC


def test_31_march_2359_jakarta_is_q1_although_utc_says_the_same_day_afternoon():
    moment = dt.datetime(2026, 3, 31, 23, 59, tzinfo=WIB)
    assert quarter_of(moment) == (2026, 1)
    assert quarter_of(moment.astimezone(UTC)) == (2026, 1)


def test_1_april_0000_jakarta_is_q2_although_utc_is_still_31_march():
    moment = dt.datetime(2026, 4, 1, 0, 0, tzinfo=WIB)
    assert moment.astimezone(UTC).day == 31
    assert quarter_of(moment.astimezone(UTC)) == (2026, 2)


def test_new_year_in_jakarta_starts_seven_hours_before_utc():
    moment = dt.datetime(2025, 12, 31, 17, 30, tzinfo=UTC)  # 00:30 WIB on 1 January 2026
    assert quarter_of(moment) == (2026, 1)


def test_quarter_bounds_are_jakarta_midnights():
    start, end = quarter_bounds(2026, 1)
    assert start == dt.datetime(2026, 1, 1, tzinfo=WIB)
    assert end == dt.datetime(2026, 4, 1, tzinfo=WIB)


def test_absorption_is_cumulative_against_15_45_70_100():
    rows = [
        {"purchased_at": dt.datetime(2026, 3, 31, 23, 59, tzinfo=WIB), "amount": 150_000},
        {"purchased_at": dt.datetime(2026, 4, 1, 0, 1, tzinfo=WIB), "amount": 200_000},
        {"purchased_at": dt.datetime(2026, 8, 17, 10, 0, tzinfo=WIB), "amount": 300_000},
        {"purchased_at": dt.datetime(2025, 12, 31, 12, 0, tzinfo=WIB), "amount": 999_999},
    ]
    quarters = absorption_by_quarter(rows, year=2026, pagu=1_000_000)
    assert [q["amount"] for q in quarters] == [150_000, 200_000, 300_000, 0]
    assert [q["cumulative"] for q in quarters] == [150_000, 350_000, 650_000, 650_000]
    assert [q["percent"] for q in quarters] == [15.0, 35.0, 65.0, 65.0]
    assert [q["target"] for q in quarters] == [15, 45, 70, 100]
    assert [q["meets_target"] for q in quarters] == [True, False, False, False]


def test_without_pagu_there_is_no_percentage_rather_than_a_crash():
    rows = [{"purchased_at": dt.datetime(2026, 2, 1, tzinfo=WIB), "amount": 10}]
    quarters = absorption_by_quarter(rows, year=2026, pagu=None)
    assert quarters[0]["percent"] is None and quarters[0]["meets_target"] is None


def test_shares_of_batang_umk_and_tkdn():
    when = dt.datetime(2026, 5, 5, 10, tzinfo=WIB)
    rows = [
        {"purchased_at": when, "amount": 600, "is_batang_vendor": True, "is_umk_or_koperasi": True,
         "tkdn_percent": "30.00", "channel": "katalog_lokal", "category": "ATK"},
        {"purchased_at": when, "amount": 400, "is_batang_vendor": False,
         "is_umk_or_koperasi": False, "tkdn_percent": None, "channel": "toko_daring",
         "category": "ATK"},
    ]  # fmt: skip
    figs = figures(rows, year=2026, pagu=10_000, waiting=2)
    assert figs["realised"] == 1000
    assert figs["absorption_percent"] == 10.0
    assert figs["batang_percent"] == 60.0
    assert figs["umk_percent"] == 60.0 and figs["umk_meets_floor"] is True
    assert figs["tkdn25_percent"] == 60.0
    assert figs["by_channel"] == [("katalog_lokal", 600), ("toko_daring", 400)]
    assert figs["by_category"] == [("ATK", 1000)]
    assert figs["waiting_count"] == 2


@pytest.mark.django_db
def test_a_purchase_recorded_at_31_march_2359_wib_counts_in_q1_from_the_database():
    opd = OPDFactory()
    OPDBudgetFactory(opd=opd, year=2026, pagu_goods_services=1_000_000)
    buyer = BuyerProfileFactory(opd=opd).user
    vendor = VendorFactory(scale=Vendor.Scale.KECIL)
    product = ProductFactory(vendor=vendor, tkdn_percent=40, tkdn_bmp_percent=45)
    for when, amount in [
        (dt.datetime(2026, 3, 31, 23, 59, tzinfo=WIB), 150_000),
        (dt.datetime(2026, 4, 1, 0, 0, tzinfo=WIB), 50_000),
    ]:
        services.record_purchase(
            user=buyer,
            outcome="bought",
            product=product,
            amount=amount,
            purchased_at=when,
            channel="katalog_lokal",
        )
    figs = selectors.opd_figures(opd, 2026)
    assert [q["amount"] for q in figs["quarters"]] == [150_000, 50_000, 0, 0]
    assert figs["quarters"][0]["percent"] == 15.0 and figs["quarters"][0]["meets_target"]
    assert figs["batang_percent"] == 100.0
    assert figs["umk_percent"] == 100.0
    assert figs["tkdn25_percent"] == 100.0
    regency = selectors.regency_figures(2026)
    assert regency["realised"] == 200_000
    assert selectors.regency_figures(2025)["realised"] == 0
