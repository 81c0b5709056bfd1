"""Writes for the buying side: keyword-only, atomic, validated with full_clean.

Callers (views, API) fetch objects through the scoped selectors first, so a user can only
reach their own OPD's shortlists and purchases; these functions enforce the state rules.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from vendors.models import Vendor

from .access import buyer_profile
from .models import (
    OPD,
    OPDBudget,
    OutreachRequest,
    Purchase,
    Shortlist,
    ShortlistExport,
    ShortlistItem,
)

HEADER_FIELDS = (
    "title",
    "description",
    "rup_code",
    "pagu",
    "planned_year",
    "planned_quarter",
    "category",
)


class StaleShortlistError(Exception):
    """Someone else saved the shortlist header since this user loaded it."""

    def __init__(self, current: Shortlist):
        super().__init__("stale shortlist")
        self.current = current


def _require_profile(user):
    profile = buyer_profile(user)
    if profile is None:
        raise ValidationError(_("Akun ini bukan akun pembeli OPD."))
    return profile


def _require_open(shortlist: Shortlist) -> None:
    if shortlist.status != Shortlist.Status.OPEN:
        raise ValidationError(_("Daftar pendek ini sudah dikunci dan tidak bisa diubah lagi."))


@transaction.atomic
def create_shortlist(
    *,
    user,
    title: str,
    pagu: int,
    planned_year: int,
    planned_quarter: int,
    description: str = "",
    rup_code: str = "",
    category=None,
) -> Shortlist:
    """A new open shortlist in the user's OPD, owned by the user."""
    profile = _require_profile(user)
    shortlist = Shortlist(
        opd=profile.opd,
        owner=user,
        title=title,
        description=description,
        rup_code=rup_code,
        pagu=pagu,
        planned_year=planned_year,
        planned_quarter=planned_quarter,
        category=category,
    )
    shortlist.full_clean()
    shortlist.save()
    return shortlist


@transaction.atomic
def update_shortlist(*, shortlist: Shortlist, expected_version: int, **fields) -> Shortlist:
    """Change the header (title, need, RUP code, pagu, quarter, category).

    Optimistic concurrency: the write only happens if the row still has `expected_version`;
    otherwise StaleShortlistError carries the current row so the form can show both.
    Items are separate rows and are never touched here, so no item is ever lost.
    """
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _require_open(shortlist)
    candidate = Shortlist.objects.get(pk=shortlist.pk)
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.full_clean()
    values = {name: getattr(candidate, name) for name in fields}
    if "category" in values:
        category = values.pop("category")
        values["category_id"] = category.pk if category is not None else None
    updated = Shortlist.objects.filter(
        pk=shortlist.pk, version=expected_version, status=Shortlist.Status.OPEN
    ).update(**values, version=F("version") + 1, updated_at=timezone.now())
    current = Shortlist.objects.get(pk=shortlist.pk)
    if not updated:
        raise StaleShortlistError(current)
    return current


def _snapshot(item: ShortlistItem) -> None:
    product, vendor = item.product, item.vendor
    if product is not None:
        vendor = product.vendor
        item.vendor = vendor
        item.snap_product_name = product.name
        item.snap_unit_price = product.price
        item.snap_unit = product.unit
        item.snap_tkdn_percent = product.tkdn_percent
        item.snap_tkdn_bmp_percent = product.tkdn_bmp_percent
        # Certified local content makes it a domestic product even if the flag was not set.
        item.snap_is_pdn = product.is_pdn or (product.tkdn_percent or 0) > 0
        item.snap_lead_time_days = product.lead_time_days
        item.snap_inaproc_url = product.ekatalog_url or vendor.inaproc_url
        item.snap_toko_daring_url = product.toko_daring_url or vendor.toko_daring_url
        item.snap_category_name = str(product.category.name)
    else:
        item.snap_product_name = ""
        item.snap_inaproc_url = vendor.inaproc_url
        item.snap_toko_daring_url = vendor.toko_daring_url
    item.snap_vendor_name = vendor.name
    item.snap_kecamatan = vendor.kecamatan.name if vendor.kecamatan_id else ""
    item.snap_is_umk = vendor.is_umk
    item.snap_is_koperasi = vendor.is_koperasi


@transaction.atomic
def add_item(
    *,
    shortlist: Shortlist,
    user,
    product: Product | None = None,
    vendor: Vendor | None = None,
    quantity: int = 1,
    note: str = "",
) -> ShortlistItem:
    """Add a product (or a vendor) with a snapshot of its listing as it is now.

    Adding is an insert: two people adding at once both keep their item. The shortlist row is
    locked while the next position is chosen so the order stays well defined.
    """
    locked = Shortlist.objects.select_for_update().get(pk=shortlist.pk)
    _require_open(locked)
    if product is None and vendor is None:
        raise ValidationError({"product": _("Pilih produk atau penyedia yang akan ditambahkan.")})
    if product is not None and not Product.objects.public().filter(pk=product.pk).exists():
        raise ValidationError({"product": _("Produk ini tidak tersedia di katalog.")})
    if product is None and vendor.status != Vendor.Status.VERIFIED:
        raise ValidationError({"vendor": _("Penyedia ini belum terverifikasi.")})
    last = locked.items.aggregate(m=Max("position"))["m"]
    item = ShortlistItem(
        shortlist=locked,
        product=product,
        vendor=vendor,
        quantity=quantity,
        note=note,
        position=0 if last is None else last + 1,
        added_by=user,
    )
    _snapshot(item)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def update_item(*, item: ShortlistItem, quantity: int, note: str = "") -> ShortlistItem:
    _require_open(Shortlist.objects.select_for_update().get(pk=item.shortlist_id))
    item.quantity = quantity
    item.note = note
    item.full_clean()
    item.save(update_fields=["quantity", "note"])
    return item


@transaction.atomic
def remove_item(*, item: ShortlistItem) -> None:
    _require_open(Shortlist.objects.select_for_update().get(pk=item.shortlist_id))
    item.delete()


@transaction.atomic
def move_item(*, item: ShortlistItem, direction: str) -> None:
    """Move an item one place up or down ("up"/"down"); positions are renumbered 0..n-1."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Arah harus 'up' atau 'down'.")})
    shortlist = Shortlist.objects.select_for_update().get(pk=item.shortlist_id)
    _require_open(shortlist)
    ids = list(shortlist.items.order_by("position", "id").values_list("id", flat=True))
    index = ids.index(item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    for position, pk in enumerate(ids):
        ShortlistItem.objects.filter(pk=pk).exclude(position=position).update(position=position)


@transaction.atomic
def lock_shortlist(*, shortlist: Shortlist) -> Shortlist:
    """Freeze the shortlist: no more item or header changes; it can now be exported."""
    locked = Shortlist.objects.select_for_update().get(pk=shortlist.pk)
    _require_open(locked)
    if not locked.items.exists():
        raise ValidationError(_("Daftar pendek kosong tidak bisa dikunci: tambahkan butir dulu."))
    locked.status = Shortlist.Status.LOCKED
    locked.locked_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["status", "locked_at", "version", "updated_at"])
    return locked


@transaction.atomic
def record_export(*, shortlist: Shortlist, user, format: str) -> ShortlistExport:
    """Record a download for the procurement file (only locked/done shortlists are exported)."""
    if shortlist.status == Shortlist.Status.OPEN:
        raise ValidationError(_("Kunci daftar pendek dulu sebelum diunduh."))
    export = ShortlistExport(shortlist=shortlist, exported_by=user, format=format)
    export.full_clean()
    export.save()
    Shortlist.objects.filter(pk=shortlist.pk).update(exported_at=export.exported_at)
    shortlist.exported_at = export.exported_at
    return export


@transaction.atomic
def request_outreach(*, item: ShortlistItem, user) -> tuple[OutreachRequest, bool]:
    """Put the item's vendor on UKPBJ's outreach list (it is not on INAPROC yet).

    Returns (request, created); a vendor already waiting for this OPD is not added twice.
    """
    vendor = item.vendor or (item.product.vendor if item.product_id else None)
    if vendor is None:
        raise ValidationError(_("Penyedia butir ini tidak ada lagi di direktori."))
    if vendor.has_inaproc_link:
        raise ValidationError(_("Penyedia ini sudah punya tautan INAPROC/toko daring."))
    existing = OutreachRequest.objects.filter(
        vendor=vendor, opd_id=item.shortlist.opd_id, status=OutreachRequest.Status.OPEN
    ).first()
    if existing is not None:
        return existing, False
    request = OutreachRequest(
        vendor=vendor, opd_id=item.shortlist.opd_id, shortlist_item=item, requested_by=user
    )
    request.full_clean()
    request.save()
    return request, True


@transaction.atomic
def record_purchase(
    *,
    user,
    outcome: str,
    shortlist: Shortlist | None = None,
    item: ShortlistItem | None = None,
    product: Product | None = None,
    vendor: Vendor | None = None,
    vendor_name: str = "",
    amount: int | None = None,
    purchased_at: dt.datetime | None = None,
    channel: str = "",
    order_reference: str = "",
    reason: str = "",
    delivered_on: dt.date | None = None,
    bast_signed_on: dt.date | None = None,
    invoice_received_on: dt.date | None = None,
    paid_on: dt.date | None = None,
) -> Purchase:
    """Record the outcome of a shortlist, one of its items, or a single product.

    The dashboard flags (Batang vendor, UMK/koperasi, TKDN, category) are fixed now, so the
    figures of a past quarter do not move when a vendor later edits its profile.
    A shortlist-level outcome marks the shortlist done.
    """
    profile = _require_profile(user)
    if item is not None:
        shortlist = item.shortlist
        product = product or item.product
        vendor = vendor or item.vendor
    if product is not None and vendor is None:
        vendor = product.vendor
    if shortlist is not None and shortlist.opd_id != profile.opd_id:
        raise ValidationError(_("Daftar pendek ini bukan milik OPD Anda."))
    purchase = Purchase(
        opd_id=profile.opd_id,
        shortlist=shortlist,
        shortlist_item=item,
        product=product,
        vendor=vendor,
        vendor_name=vendor_name or (vendor.name if vendor else ""),
        outcome=outcome,
        reason=reason,
        amount=amount if outcome == Purchase.Outcome.BOUGHT else None,
        purchased_at=purchased_at,
        channel=channel if outcome == Purchase.Outcome.BOUGHT else "",
        order_reference=order_reference,
        delivered_on=delivered_on,
        bast_signed_on=bast_signed_on,
        invoice_received_on=invoice_received_on,
        paid_on=paid_on,
        recorded_by=user,
    )
    if vendor is not None:
        # Every vendor in the directory is Batang-based (the address must be in a kecamatan).
        purchase.is_batang_vendor = vendor.kecamatan_id is not None
        purchase.is_umk_or_koperasi = vendor.is_umk or vendor.is_koperasi
    if item is not None and item.product_id is not None:
        purchase.tkdn_percent = item.snap_tkdn_percent
    elif product is not None:
        purchase.tkdn_percent = product.tkdn_percent
    if product is not None:
        purchase.category = product.category
    elif shortlist is not None:
        purchase.category = shortlist.category
    purchase.full_clean()
    purchase.save()
    if shortlist is not None and item is None and shortlist.status != Shortlist.Status.DONE:
        Shortlist.objects.filter(pk=shortlist.pk).update(
            status=Shortlist.Status.DONE, version=F("version") + 1, updated_at=timezone.now()
        )
    return purchase


MILESTONES = ("delivered_on", "bast_signed_on", "invoice_received_on", "paid_on")


@transaction.atomic
def update_milestones(*, purchase: Purchase, **dates) -> Purchase:
    """Set the payment milestones (delivered, BAST signed, invoice received, paid)."""
    unknown = set(dates) - set(MILESTONES)
    if unknown:
        raise TypeError(f"unknown milestones: {sorted(unknown)}")
    for name, value in dates.items():
        setattr(purchase, name, value)
    purchase.full_clean()
    purchase.save(update_fields=[*dates.keys(), "updated_at"])
    return purchase


@transaction.atomic
def set_budget(*, opd: OPD, year: int, pagu_goods_services: int, user) -> OPDBudget:
    """Create or change an OPD's goods/services pagu for a year."""
    budget = OPDBudget.objects.filter(opd=opd, year=year).first() or OPDBudget(opd=opd, year=year)
    budget.pagu_goods_services = pagu_goods_services
    budget.updated_by = user
    budget.full_clean()
    budget.save()
    return budget
