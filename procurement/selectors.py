"""Reads for the buying side, always scoped to what the user may see (see procurement.access)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from vendors.models import Vendor

from . import stats
from .access import buyer_profile, is_opd_head
from .models import (
    OPD,
    OPDBudget,
    OutreachRequest,
    Purchase,
    Shortlist,
    ShortlistItem,
)


def shortlists_for(user) -> QuerySet[Shortlist]:
    """Shortlists the user may see and edit: their own, or all of their OPD for an OPD head.

    Anyone without a buyer profile sees none.
    """
    profile = buyer_profile(user)
    if profile is None:
        return Shortlist.objects.none()
    qs = Shortlist.objects.filter(opd_id=profile.opd_id)
    if not is_opd_head(user):
        qs = qs.filter(owner=user)
    return qs.select_related("opd", "owner", "category").annotate(item_count=Count("items"))


def open_shortlists_for(user) -> QuerySet[Shortlist]:
    return shortlists_for(user).filter(status=Shortlist.Status.OPEN)


def items_of(shortlist: Shortlist) -> QuerySet[ShortlistItem]:
    """The shortlist's items in their order, with the live listing for change badges."""
    return shortlist.items.select_related(
        "product", "product__vendor", "vendor", "vendor__kecamatan"
    ).order_by("position", "id")


def purchases_for(user) -> QuerySet[Purchase]:
    """Purchases of the user's OPD (every buyer of an OPD sees its purchases)."""
    profile = buyer_profile(user)
    if profile is None:
        return Purchase.objects.none()
    return Purchase.objects.filter(opd_id=profile.opd_id).select_related(
        "vendor", "product", "shortlist", "shortlist_item", "category", "opd"
    )


def waiting_for_paperwork(purchases: QuerySet[Purchase]) -> QuerySet[Purchase]:
    """Bought, delivered, not yet paid: oldest delivery first."""
    return purchases.filter(
        outcome=Purchase.Outcome.BOUGHT, delivered_on__isnull=False, paid_on__isnull=True
    ).order_by("delivered_on", "id")


def days_waiting(purchase: Purchase, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    return max((today - purchase.delivered_on).days, 0) if purchase.delivered_on else 0


def public_products() -> QuerySet[Product]:
    return Product.objects.public().select_related("vendor", "vendor__kecamatan", "category")


def public_vendors() -> QuerySet[Vendor]:
    return Vendor.objects.verified().select_related("kecamatan")


def open_outreach_requests() -> QuerySet[OutreachRequest]:
    return OutreachRequest.objects.filter(status=OutreachRequest.Status.OPEN).select_related(
        "vendor", "opd", "requested_by"
    )


# --- Change badges -------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    code: str  # price_up, price_down, archived, removed, vendor_suspended
    label: str


def live_changes(item: ShortlistItem) -> list[Change]:
    """What changed on the live listing since the item's snapshot was taken."""
    changes: list[Change] = []
    product = item.product
    if product is None and item.snap_unit_price is not None:
        changes.append(Change("removed", _("Produk sudah dihapus penyedia")))
    if product is not None:
        if item.snap_unit_price is not None and product.price != item.snap_unit_price:
            if product.price > item.snap_unit_price:
                changes.append(Change("price_up", _("Harga naik")))
            else:
                changes.append(Change("price_down", _("Harga turun")))
        if product.status != Product.Status.PUBLISHED:
            changes.append(Change("archived", _("Produk tidak tayang lagi")))
    vendor = item.vendor or (product.vendor if product is not None else None)
    if vendor is not None and vendor.status == Vendor.Status.SUSPENDED:
        changes.append(Change("vendor_suspended", _("Penyedia dibekukan")))
    return changes


# --- Figures -------------------------------------------------------------------------------


def _rows(purchases: QuerySet[Purchase]) -> list[dict]:
    return [
        {
            "purchased_at": p["purchased_at"],
            "amount": p["amount"],
            "is_batang_vendor": p["is_batang_vendor"],
            "is_umk_or_koperasi": p["is_umk_or_koperasi"],
            "tkdn_percent": p["tkdn_percent"],
            "channel": p["channel"],
            "category": p["category__name"] or "",
            "opd_id": p["opd_id"],
        }
        for p in purchases.values(
            "purchased_at",
            "amount",
            "is_batang_vendor",
            "is_umk_or_koperasi",
            "tkdn_percent",
            "channel",
            "category__name",
            "opd_id",
        )
    ]


def _bought_in(year: int) -> QuerySet[Purchase]:
    start, end = stats.year_bounds(year)
    return Purchase.objects.filter(
        outcome=Purchase.Outcome.BOUGHT, purchased_at__gte=start, purchased_at__lt=end
    )


def _waiting_count(opd: OPD | None = None) -> int:
    qs = waiting_for_paperwork(Purchase.objects.all())
    if opd is not None:
        qs = qs.filter(opd=opd)
    return qs.count()


def opd_figures(opd: OPD, year: int) -> dict:
    """Dashboard figures of one OPD for one year."""
    pagu = (
        OPDBudget.objects.filter(opd=opd, year=year)
        .values_list("pagu_goods_services", flat=True)
        .first()
    )
    rows = _rows(_bought_in(year).filter(opd=opd))
    result = stats.figures(rows, year=year, pagu=pagu, waiting=_waiting_count(opd))
    result["opd"] = opd
    return result


def regency_figures(year: int) -> dict:
    """The whole regency: every OPD's purchases against the sum of their pagu."""
    pagu = OPDBudget.objects.filter(year=year).aggregate(total=Sum("pagu_goods_services"))["total"]
    rows = _rows(_bought_in(year))
    return stats.figures(rows, year=year, pagu=pagu, waiting=_waiting_count())


def all_opd_figures(year: int) -> list[dict]:
    """Every OPD side by side (UKPBJ), in a fixed number of queries."""
    rows_by_opd: dict[int, list[dict]] = {}
    for row in _rows(_bought_in(year)):
        rows_by_opd.setdefault(row["opd_id"], []).append(row)
    pagu_by_opd = dict(
        OPDBudget.objects.filter(year=year).values_list("opd_id", "pagu_goods_services")
    )
    waiting_by_opd = dict(
        waiting_for_paperwork(Purchase.objects.all())
        .order_by()
        .values("opd_id")
        .annotate(n=Count("id"))
        .values_list("opd_id", "n")
    )
    result = []
    for opd in OPD.objects.all():
        figs = stats.figures(
            rows_by_opd.get(opd.pk, []),
            year=year,
            pagu=pagu_by_opd.get(opd.pk),
            waiting=waiting_by_opd.get(opd.pk, 0),
        )
        figs["opd"] = opd
        result.append(figs)
    return result


def current_year() -> int:
    return timezone.localdate().year


def local_purchase_share(year: int | None = None) -> dict | None:
    """The public home page figure: share (by amount) of the regency's bought purchases this
    year that went to Batang vendors. None when nothing has been bought yet this year, so the
    page shows no number rather than 0%. Called lazily by cms (docs/decisions/0014)."""
    year = year or current_year()
    totals = _bought_in(year).aggregate(
        total=Sum("amount"), local=Sum("amount", filter=Q(is_batang_vendor=True))
    )
    if not totals["total"]:
        return None
    return {
        "year": year,
        "percent": stats.percent(totals["local"] or 0, totals["total"]),
        "local_amount": totals["local"] or 0,
        "total_amount": totals["total"],
    }
