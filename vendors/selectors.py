"""Reads of the public vendor directory. Only verified vendors are public: a draft, submitted,
rejected or suspended vendor never appears on a page, in the API or in an export."""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import Substr, Upper

from .models import Kecamatan, Vendor

# Letters of the A-Z navigation; names that start with anything else are grouped under "#".
LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
OTHER_LETTER = "#"


def _public_product_q(prefix: str = "products__") -> Q:
    from catalog.models import Product

    return Q(**{f"{prefix}status": Product.Status.PUBLISHED})


def public_vendors() -> QuerySet[Vendor]:
    """Verified vendors with their kecamatan and desa joined and `product_count` (published
    products) annotated, ordered by name."""
    return (
        Vendor.objects.verified()
        .select_related("kecamatan", "desa")
        .annotate(product_count=Count("products", filter=_public_product_q(), distinct=True))
        .order_by("name", "id")
    )


def public_vendor(slug: str) -> Vendor | None:
    """The verified vendor with this slug, or None (unknown or not verified), with its
    kecamatan and desa. Not annotated with `product_count` (the profile counts its own page of
    products): the annotation joined and grouped every product of the vendor."""
    return Vendor.objects.verified().select_related("kecamatan", "desa").filter(slug=slug).first()


def vendor_last_modified(vendor: Vendor):
    """When anything shown about the vendor last changed: its row or one of its products."""
    from catalog.models import Product

    latest_product = Product.objects.filter(vendor=vendor).aggregate(m=Max("updated_at"))["m"]
    return max(d for d in (vendor.updated_at, latest_product) if d is not None)


def categories_served(vendor: Vendor):
    """The categories the vendor has published products in, in tree order."""
    from catalog.models import Category, Product

    return Category.objects.filter(
        pk__in=Product.objects.public().filter(vendor=vendor).values("category_id")
    ).order_by("path")


def kecamatan_with_vendor_counts() -> QuerySet[Kecamatan]:
    """All 15 kecamatan, each with `vendor_count` (verified vendors), by name."""
    return Kecamatan.objects.annotate(
        vendor_count=Count("vendors", filter=Q(vendors__status=Vendor.Status.VERIFIED))
    ).order_by("name")


def filter_by_letter(queryset: QuerySet[Vendor], letter: str) -> QuerySet[Vendor]:
    """Vendors whose name starts with `letter` ("#": with a digit or another sign)."""
    if letter == OTHER_LETTER:
        query = Q()
        for each in LETTERS:
            query |= Q(name__istartswith=each)
        return queryset.exclude(query)
    return queryset.filter(name__istartswith=letter)


def letter_counts(queryset: QuerySet[Vendor]) -> dict[str, int]:
    """{"A": 3, "B": 0, ..., "#": 1}: how many vendors of `queryset` start with each letter."""
    counts = dict.fromkeys((*LETTERS, OTHER_LETTER), 0)
    # A fresh queryset over the same rows: `queryset` may carry joins (product counts) that
    # would multiply rows in this GROUP BY.
    rows = (
        Vendor.objects.filter(pk__in=queryset.order_by().values("pk"))
        .annotate(initial=Upper(Substr("name", 1, 1)))
        .values_list("initial")
        .annotate(n=Count("id"))
        .values_list("initial", "n")
    )
    for initial, n in rows:
        key = initial if initial in counts else OTHER_LETTER
        counts[key] += n
    return counts
