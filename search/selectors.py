"""Reads for search results: hydrate a page of hits from the database in one query."""

from __future__ import annotations

from django.urls import NoReverseMatch

from . import indexing
from .query import SearchResult


def product_url(product) -> str | None:
    """The product page URL, or None while the product pages do not exist yet."""
    try:
        return product.get_absolute_url()
    except NoReverseMatch:
        return None


def hydrate(result: SearchResult) -> list[dict]:
    """One row per hit, in rank order: the product (still public) with its hit data.

    One query whatever the page size; a hit whose product stopped being public since it was
    indexed is dropped (the database is the source of truth).
    """
    ids = result.ids
    if not ids:
        return []
    products = (
        indexing.public_products()
        .filter(id__in=ids)
        .select_related("vendor", "vendor__kecamatan", "category")
        .only(
            "id",
            "name",
            "slug",
            "price",
            "unit",
            "status",
            "tkdn_percent",
            "is_pdn",
            "ekatalog_url",
            "toko_daring_url",
            "vendor__id",
            "vendor__name",
            "vendor__slug",
            "vendor__status",
            "vendor__kecamatan__name",
            "vendor__kecamatan__slug",
            "category__id",
            "category__name",
            "category__slug",
            "category__path",
        )  # fmt: skip
    )
    by_id = {p.id: p for p in products}
    rows = []
    for hit in result.hits:
        product = by_id.get(hit.id)
        if product is not None:
            rows.append({"product": product, "hit": hit, "url": product_url(product)})
    return rows
