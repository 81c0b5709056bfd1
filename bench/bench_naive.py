"""Bench comparison (c): the naive catalogue search a developer writes first.

AND of `icontains` per word over product name and description (no stemming, synonyms, typo
tolerance, ranking beyond "word in the name first"), on public products, with the same
filters as the query and the facet counts computed by one GROUP BY per facet over the
filtered set (9 statements), plus the page of 20 and the total: 11 statements per query.
Facet counts here do not exclude their own filter (simpler than the real thing).

Imported by bench/search_bench.py inside a configured Django process only.
"""

from __future__ import annotations

import re

from django.db.models import Case, CharField, Count, IntegerField, Q, Value, When

from catalog.models import Category, Product

_WORD_RE = re.compile(r"[\w-]+", re.UNICODE)

PRICE_RANGES = {
    "lt50k": (None, 50_000),
    "50k-250k": (50_000, 250_000),
    "250k-1m": (250_000, 1_000_000),
    "1m-10m": (1_000_000, 10_000_001),
    "gt10m": (10_000_001, None),
}


def _price_q(bucket: str) -> Q:
    low, high = PRICE_RANGES[bucket]
    q = Q()
    if low is not None:
        q &= Q(price__gte=low)
    if high is not None:
        q &= Q(price__lt=high)
    return q


def _tkdn_q(band: str) -> Q:
    if band == "40plus":
        return Q(tkdn_percent__gte=40) | Q(tkdn_bmp_percent__gte=40)
    if band == "25plus":
        return (Q(tkdn_percent__gte=25) | Q(tkdn_bmp_percent__gte=25)) & ~(
            Q(tkdn_percent__gte=40) | Q(tkdn_bmp_percent__gte=40)
        )
    if band == "under25":
        return Q(tkdn_percent__lt=25) & (
            Q(tkdn_bmp_percent__isnull=True) | Q(tkdn_bmp_percent__lt=25)
        )
    return Q(tkdn_percent__isnull=True, tkdn_bmp_percent__isnull=True)


def _link_q() -> Q:
    return (
        ~Q(ekatalog_url="")
        | ~Q(toko_daring_url="")
        | ~Q(vendor__inaproc_url="")
        | ~Q(vendor__toko_daring_url="")
    )


def filter_q(filters: dict[str, list[str]]) -> Q:
    q = Q()
    for name, values in filters.items():
        any_of = Q()
        for value in values:
            if name == "kecamatan":
                any_of |= Q(vendor__kecamatan__slug=value)
            elif name == "category":
                paths = Category.objects.filter(slug=value).values_list("path", flat=True)
                for path in paths:
                    any_of |= Q(category__path__startswith=path)
                if not paths:
                    any_of |= Q(pk__in=[])
            elif name == "scale":
                any_of |= Q(vendor__scale=value)
            elif name == "koperasi":
                any_of |= Q(vendor__is_koperasi=value == "1")
            elif name == "pdn":
                any_of |= Q(is_pdn=value == "1")
            elif name == "verified":
                any_of |= (
                    Q(vendor__status="verified") if value == "1" else ~Q(vendor__status="verified")
                )
            elif name == "price":
                any_of |= _price_q(value)
            elif name == "tkdn":
                any_of |= _tkdn_q(value)
            elif name == "link":
                any_of |= _link_q() if value == "1" else ~_link_q()
        q &= any_of
    return q


def _facet_querysets(qs):
    price_case = Case(
        *[
            When(_price_q(bucket), then=Value(bucket))
            for bucket in ("lt50k", "50k-250k", "250k-1m", "1m-10m", "gt10m")
        ],
        output_field=CharField(),
    )
    tkdn_case = Case(
        *[When(_tkdn_q(b), then=Value(b)) for b in ("40plus", "25plus", "under25")],
        default=Value("none"),
        output_field=CharField(),
    )
    link_case = Case(When(_link_q(), then=Value(1)), default=Value(0), output_field=IntegerField())
    return {
        "category": qs.values("category_id"),
        "kecamatan": qs.values("vendor__kecamatan_id"),
        "scale": qs.values("vendor__scale"),
        "koperasi": qs.values("vendor__is_koperasi"),
        "pdn": qs.values("is_pdn"),
        "tkdn": qs.annotate(band=tkdn_case).values("band"),
        "verified": qs.values("vendor__status"),
        "price": qs.annotate(bucket=price_case).values("bucket"),
        "link": qs.annotate(linked=link_case).values("linked"),
    }


def naive_search(text: str, filters: dict[str, list[str]], page_size: int = 20) -> dict:
    """Page of ids, total and the nine facet counts, naively."""
    words = [w for w in _WORD_RE.findall(text.lower()) if w][:10]
    qs = Product.objects.public().filter(filter_q(filters))
    name_hits = []
    for word in words:
        qs = qs.filter(Q(name__icontains=word) | Q(description__icontains=word))
        name_hits.append(
            Case(When(name__icontains=word, then=Value(1)), default=0, output_field=IntegerField())
        )
    ranked = qs
    if name_hits:
        ranked = qs.annotate(name_hits=sum(name_hits[1:], name_hits[0])).order_by(
            "-name_hits", "name", "id"
        )
    ids = list(ranked.values_list("id", flat=True)[:page_size])
    total = qs.count()
    facets = {}
    for name, grouped in _facet_querysets(qs).items():
        facets[name] = list(grouped.annotate(n=Count("id")).order_by())
    return {"ids": ids, "total": total, "facets": facets}
