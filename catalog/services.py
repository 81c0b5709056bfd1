"""Writes to the catalogue by vendors: products, photos, archive, bulk import.

Keyword-only, one transaction each, `full_clean` before every save, and an AuditEvent for
every change (vendors.services.record_event).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from vendors.models import AuditEvent, Vendor
from vendors.services import diff, flag_unknown_links, record_event, snapshot

from .models import Product, ProductImage
from .photos import strip_metadata
from .signals import products_bulk_saved

PRODUCT_FIELDS = (
    "category",
    "kind",
    "name",
    "description",
    "keywords",
    "brand",
    "unit",
    "price",
    "price_valid_until",
    "min_order",
    "lead_time_days",
    "capacity",
    "tkdn_percent",
    "tkdn_bmp_percent",
    "tkdn_certificate_number",
    "is_pdn",
    "has_sni",
    "is_halal",
    "ekatalog_url",
    "toko_daring_url",
    "status",
)
LINK_FIELDS = ("ekatalog_url", "toko_daring_url")
VENDOR_STATUSES = (Product.Status.DRAFT, Product.Status.PUBLISHED)
MAX_IMAGES = 8


def _check_fields(data: dict) -> None:
    unknown = set(data) - set(PRODUCT_FIELDS)
    if unknown:
        raise TypeError(f"unknown product fields: {sorted(unknown)}")
    if "status" in data and data["status"] not in VENDOR_STATUSES:
        raise ValidationError({"status": _("Status produk harus draf atau tayang.")})


def _ensure_vendor_can_edit(vendor: Vendor) -> None:
    if vendor.status == Vendor.Status.SUSPENDED:
        raise ValidationError(_("Usaha Anda dibekukan; produk tidak bisa diubah."))


@transaction.atomic
def create_product(*, vendor: Vendor, user, **data) -> Product:
    """Add a product to the vendor's catalogue (draft or published)."""
    _check_fields(data)
    _ensure_vendor_can_edit(vendor)
    product = Product(vendor=vendor, **data)
    product.full_clean()
    product.save()
    record_event(
        actor=user, action=AuditEvent.Action.CREATE, obj=product,
        changes=diff({}, snapshot(product, PRODUCT_FIELDS)),
    )  # fmt: skip
    flag_unknown_links(obj=product, fields=LINK_FIELDS, vendor=vendor, actor=user)
    return product


@transaction.atomic
def update_product(*, product: Product, user, **data) -> Product:
    """Change a product of the vendor; the diff goes to the audit trail."""
    _check_fields(data)
    product = Product.objects.select_for_update().get(pk=product.pk)
    _ensure_vendor_can_edit(product.vendor)
    before = snapshot(product, PRODUCT_FIELDS)
    for name, value in data.items():
        setattr(product, name, value)
    product.full_clean()
    product.save()
    changes = diff(before, snapshot(product, PRODUCT_FIELDS))
    if changes:
        record_event(actor=user, action=AuditEvent.Action.UPDATE, obj=product, changes=changes)
    flag_unknown_links(obj=product, fields=LINK_FIELDS, vendor=product.vendor, actor=user)
    return product


@transaction.atomic
def archive_product(*, product: Product, user) -> Product:
    """Take a product off the public catalogue without deleting its history."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status == Product.Status.ARCHIVED:
        return product
    before = snapshot(product, ["status"])
    product.status = Product.Status.ARCHIVED
    product.full_clean()
    product.save()
    record_event(
        actor=user, action=AuditEvent.Action.ARCHIVE, obj=product,
        changes=diff(before, snapshot(product, ["status"])),
    )  # fmt: skip
    return product


@transaction.atomic
def add_product_image(*, product: Product, user, file, alt_text: str = "") -> ProductImage:
    """Store a photo in Wagtail's image library (for renditions) and attach it."""
    if product.images.count() >= MAX_IMAGES:
        raise ValidationError(
            {"image": _("Paling banyak %(n)s foto per produk.") % {"n": MAX_IMAGES}}
        )
    # Pixels only: a vendor's GPS location or camera serial never reaches /media/ (0021).
    image = get_image_model()(title=(alt_text or product.name)[:255], file=strip_metadata(file))
    image.full_clean(exclude=["collection"])
    image.save()
    item = ProductImage(
        product=product,
        image=image,
        alt_text=alt_text or product.name,
        sort_order=product.images.count(),
    )
    item.full_clean()
    item.save()
    record_event(
        actor=user, action=AuditEvent.Action.CREATE, obj=item, vendor=product.vendor,
        changes={"image": {"old": None, "new": image.file.name}},
    )  # fmt: skip
    return item


@transaction.atomic
def remove_product_image(*, item: ProductImage, user) -> None:
    record_event(
        actor=user, action=AuditEvent.Action.DELETE, obj=item, vendor=item.product.vendor,
        changes={"image": {"old": item.image.file.name, "new": None}},
    )  # fmt: skip
    # Deleting the item deletes its Wagtail image and, after commit, the file
    # (vendors/file_cleanup.py), whichever path deletes a product photo.
    item.delete()


# --- bulk import -----------------------------------------------------------------------------

_BULK_FIELDS = list(PRODUCT_FIELDS)


def _reindex_after_commit(product_ids: list[int]) -> None:
    """Announce rows written in bulk (bulk writes send no post_save), so listeners such as
    the search index refresh them once, after the transaction commits."""
    transaction.on_commit(
        lambda: products_bulk_saved.send(sender=Product, product_ids=list(product_ids))
    )


@dataclass
class RowResult:
    line: int  # the row number a spreadsheet shows (header is line 1)
    name: str
    action: str  # "create" | "update"
    errors: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ImportResult:
    rows: list[RowResult]
    saved: bool = False
    file_errors: list[str] = field(default_factory=list)

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors or self.error_rows)

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.action == "create")

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if r.action == "update")


@transaction.atomic
def import_products(*, vendor: Vendor, user, dataset, dry_run: bool) -> ImportResult:
    """Validate every row of `dataset` (a tablib.Dataset); save them all or none.

    A dry run only validates. A real run with any error saves nothing and returns the same
    per-row errors; without errors it creates/updates every row in one transaction.
    """
    from .bulk import rows_to_products

    _ensure_vendor_can_edit(vendor)
    products, result = rows_to_products(vendor=vendor, dataset=dataset)
    if result.has_errors or dry_run:
        return result
    before = {
        p.pk: snapshot(p, PRODUCT_FIELDS)
        for p in Product.objects.filter(pk__in=[p.pk for p in products if p.pk])
    }
    now = timezone.now()
    new = [p for p in products if p.pk is None]
    old = [p for p in products if p.pk is not None]
    for product in new:
        product.slug = slugify(product.name)[:200] or "produk"
    # Bulk writes: 2,000 rows in one statement each way instead of 2,000 saves (and 2,000
    # index tasks); the search index is refreshed once below.
    Product.objects.bulk_create(new, batch_size=500)
    for product in old:
        product.updated_at = now
    Product.objects.bulk_update(old, [*_BULK_FIELDS, "updated_at"], batch_size=500)
    _reindex_after_commit([p.pk for p in products])
    changes = {
        "created": sum(1 for r in result.rows if r.action == "create"),
        "updated": sum(1 for r in result.rows if r.action == "update"),
        "products": {
            str(p.pk): diff(before.get(p.pk, {}), snapshot(p, PRODUCT_FIELDS))
            for p in products[:200]
        },
    }
    record_event(
        actor=user, action=AuditEvent.Action.IMPORT, vendor=vendor, object_type="product",
        changes=changes,
        note=_("%(n)s baris diimpor.") % {"n": len(products)},
    )  # fmt: skip
    for product in products:
        flag_unknown_links(obj=product, fields=LINK_FIELDS, vendor=vendor, actor=user)
    result.saved = True
    return result
