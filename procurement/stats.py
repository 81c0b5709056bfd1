"""Budget absorption and local-share figures as pure functions over plain rows.

Nothing here touches the database: selectors hand in rows (dicts), these functions do the
maths, so the quarter rules can be tested on fixed data. Quarters are counted in Asia/Jakarta
time: a purchase at 31 March 23:59 WIB is in Q1 even though it is 16:59 UTC.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")

# Regency targets for cumulative absorption at the end of each quarter (percent of pagu).
QUARTER_TARGETS: dict[int, int] = {1: 15, 2: 45, 3: 70, 4: 100}
UMK_FLOOR_PERCENT = 40  # Perpres 12/2021 Pasal 65: at least 40% to UMK and koperasi
TKDN_THRESHOLD = Decimal("25")


def quarter_of(moment: dt.datetime | dt.date) -> tuple[int, int]:
    """(year, quarter) of a moment in Jakarta time. Naive datetimes are taken as Jakarta time;
    plain dates are taken as they are."""
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=JAKARTA)
        local = moment.astimezone(JAKARTA)
        return local.year, (local.month - 1) // 3 + 1
    return moment.year, (moment.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a quarter as aware datetimes in Jakarta time."""
    if quarter not in QUARTER_TARGETS:
        raise ValueError("quarter must be 1-4")
    start = dt.datetime(year, 3 * quarter - 2, 1, tzinfo=JAKARTA)
    end = (
        dt.datetime(year + 1, 1, 1, tzinfo=JAKARTA)
        if quarter == 4
        else dt.datetime(year, 3 * quarter + 1, 1, tzinfo=JAKARTA)
    )
    return start, end


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    return quarter_bounds(year, 1)[0], quarter_bounds(year, 4)[1]


def percent(part: int | float | Decimal, whole: int | float | Decimal) -> float | None:
    """part/whole as a percentage with one decimal; None when there is no whole to divide by."""
    if not whole:
        return None
    return round(float(part) * 100 / float(whole), 1)


def absorption_by_quarter(rows: Iterable[Mapping], *, year: int, pagu: int | None) -> list[dict]:
    """Per quarter of `year`: realised amount, cumulative amount, cumulative % of pagu, target.

    `rows` are bought purchases with `purchased_at` and `amount`; rows of other years are
    ignored. `percent` and `meets_target` are None when there is no pagu.
    """
    per_quarter = {q: 0 for q in QUARTER_TARGETS}
    for row in rows:
        when, amount = row.get("purchased_at"), row.get("amount")
        if when is None or not amount:
            continue
        row_year, quarter = quarter_of(when)
        if row_year == year:
            per_quarter[quarter] += int(amount)
    result, cumulative = [], 0
    for quarter, target in QUARTER_TARGETS.items():
        cumulative += per_quarter[quarter]
        pct = percent(cumulative, pagu)
        result.append(
            {
                "quarter": quarter,
                "amount": per_quarter[quarter],
                "cumulative": cumulative,
                "percent": pct,
                "target": target,
                "meets_target": None if pct is None else pct >= target,
            }
        )
    return result


def _is_tkdn_25(value) -> bool:
    return value is not None and Decimal(str(value)) >= TKDN_THRESHOLD


def figures(rows: Iterable[Mapping], *, year: int, pagu: int | None, waiting: int = 0) -> dict:
    """All dashboard figures for one OPD (or the regency) in one year.

    Each row is a bought purchase: purchased_at, amount, is_batang_vendor, is_umk_or_koperasi,
    tkdn_percent, channel, category (a name or ""). Shares are of the year's realised amount.
    """
    rows = [
        r
        for r in rows
        if r.get("purchased_at") is not None
        and r.get("amount")
        and quarter_of(r["purchased_at"])[0] == year
    ]
    total = sum(int(r["amount"]) for r in rows)
    batang = sum(int(r["amount"]) for r in rows if r.get("is_batang_vendor"))
    umk = sum(int(r["amount"]) for r in rows if r.get("is_umk_or_koperasi"))
    tkdn = sum(int(r["amount"]) for r in rows if _is_tkdn_25(r.get("tkdn_percent")))
    by_channel: dict[str, int] = {}
    by_category: dict[str, int] = {}
    for r in rows:
        by_channel[r.get("channel") or ""] = by_channel.get(r.get("channel") or "", 0) + int(
            r["amount"]
        )
        key = r.get("category") or ""
        by_category[key] = by_category.get(key, 0) + int(r["amount"])
    umk_pct = percent(umk, total)
    return {
        "year": year,
        "pagu": pagu,
        "realised": total,
        "purchase_count": len(rows),
        "absorption_percent": percent(total, pagu),
        "quarters": absorption_by_quarter(rows, year=year, pagu=pagu),
        "batang_amount": batang,
        "batang_percent": percent(batang, total),
        "umk_amount": umk,
        "umk_percent": umk_pct,
        "umk_floor": UMK_FLOOR_PERCENT,
        "umk_meets_floor": None if umk_pct is None else umk_pct >= UMK_FLOOR_PERCENT,
        "tkdn25_amount": tkdn,
        "tkdn25_percent": percent(tkdn, total),
        "by_channel": sorted(by_channel.items(), key=lambda kv: (-kv[1], kv[0])),
        "by_category": sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0])),
        "waiting_count": waiting,
    }


def current_quarter(now: dt.datetime) -> tuple[int, int]:
    return quarter_of(now)
