"""From catalogue rows to index rows: the one place that decides what is searchable and how a
product is described to the search engines (database backends now, Elasticsearch later)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Max, Min, Q
from django.db.models.functions import Greatest

from catalog.models import Category, Product
from vendors.models import Kecamatan, Vendor

from . import text

# Whose products are searchable. Verified vendors only (the public catalogue rule); the
# `verified` facet and boost are kept so that an operator can widen this without new code.
SEARCHABLE_VENDOR_STATUSES = (Vendor.Status.VERIFIED,)
DESCRIPTION_CHARS = 2000

_CACHE_TTL = 300.0
_local: dict[str, tuple[float, object]] = {}


def _cached(key, build):
    now = time.monotonic()
    hit = _local.get(key)
    if hit and now - hit[0] < _CACHE_TTL:
        return hit[1]
    value = build()
    _local[key] = (now, value)
    return value


GENERATION_KEY = "search:index-generation"


def generation() -> int:
    """A number that changes whenever the index changes (keys cached results)."""
    from django.core.cache import cache

    value = cache.get(GENERATION_KEY)
    if value is None:
        value = int(time.time() * 1000)
        cache.add(GENERATION_KEY, value, None)
    return value


def bump_generation() -> None:
    from django.core.cache import cache

    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, int(time.time() * 1000), None)


def clear_caches(*keys: str) -> None:
    for key in keys or list(_local):
        _local.pop(key, None)


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    slug: str
    name: str
    path: str
    depth: int
    parent_path: str | None
    terms: str  # names and keywords of the category and its ancestors, tokenised


def categories_by_path() -> dict[str, CategoryInfo]:
    def build():
        rows = list(
            Category.objects.order_by("path").values(
                "id", "slug", "name", "path", "depth", "keywords"
            )
        )
        by_path = {r["path"]: r for r in rows}
        out = {}
        for r in rows:
            parts = r["path"].strip("/").split("/")
            chain = ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
            words = " ".join(
                f"{by_path[p]['name']} {by_path[p]['keywords']}" for p in chain if p in by_path
            )
            parent = chain[-2] if len(chain) > 1 else None
            out[r["path"]] = CategoryInfo(
                r["id"], r["slug"], r["name"], r["path"], r["depth"], parent,
                text.index_terms(words),
            )  # fmt: skip
        return out

    return _cached("categories", build)


def categories_by_slug() -> dict[str, CategoryInfo]:
    return {c.slug: c for c in categories_by_path().values()}


def kecamatan_map() -> dict[int, tuple[str, str]]:
    """id -> (slug, name)."""
    return _cached(
        "kecamatan",
        lambda: {
            k["id"]: (k["slug"], k["name"]) for k in Kecamatan.objects.values("id", "slug", "name")
        },
    )


def public_products():
    """The searchable products (published, of a searchable vendor)."""
    return Product.objects.filter(
        status=Product.Status.PUBLISHED, vendor__status__in=SEARCHABLE_VENDOR_STATUSES
    )


def source_updated_expr():
    return Greatest(F("updated_at"), F("vendor__updated_at"))


_FIELDS = (
    "id", "name", "description", "keywords", "brand", "price", "tkdn_percent",
    "tkdn_bmp_percent", "is_pdn", "ekatalog_url", "toko_daring_url", "created_at",
    "vendor_id", "vendor__name", "vendor__status", "vendor__scale", "vendor__is_koperasi",
    "vendor__kecamatan_id", "vendor__inaproc_url", "vendor__toko_daring_url",
    "category__path",
)  # fmt: skip


def tkdn_band(tkdn: Decimal | None, tkdn_bmp: Decimal | None) -> str:
    if tkdn is None and tkdn_bmp is None:
        return "none"
    best = max(v for v in (tkdn, tkdn_bmp) if v is not None)
    if best >= 40:
        return "40plus"
    if (tkdn or 0) >= 25 or best >= 25:
        return "25plus"
    return "under25"


def price_bucket(price: int) -> str:
    if price < 50_000:
        return "lt50k"
    if price < 250_000:
        return "50k-250k"
    if price < 1_000_000:
        return "250k-1m"
    if price <= 10_000_000:
        return "1m-10m"
    return "gt10m"


def build_documents(ids: Iterable[int] | None = None, chunk_size: int = 5000) -> Iterator[dict]:
    """Index rows (dicts of ProductSearchDoc fields) for public products, by id order."""
    cats = categories_by_path()
    kec = kecamatan_map()
    qs = public_products().annotate(source_updated_at=source_updated_expr())
    fields = (*_FIELDS, "source_updated_at")
    if ids is not None:
        ids = sorted(set(ids))
        for i in range(0, len(ids), chunk_size):
            for r in qs.filter(id__in=ids[i : i + chunk_size]).order_by("id").values(*fields):
                yield _document(r, cats, kec)
        return
    # Walk the id space in ranges: each chunk is an index range scan, with no sort of the
    # whole table per chunk (LIMIT/OFFSET or "id > last LIMIT n" would re-sort every time).
    bounds = Product.objects.aggregate(lo=Min("id"), hi=Max("id"))
    if bounds["lo"] is None:
        return
    start = bounds["lo"]
    while start <= bounds["hi"]:
        end = start + chunk_size
        for r in qs.filter(id__gte=start, id__lt=end).order_by("id").values(*fields):
            yield _document(r, cats, kec)
        start = end


def _document(r: dict, cats, kec) -> dict:
    cat = cats.get(r["category__path"])
    kec_name = kec.get(r["vendor__kecamatan_id"], ("", ""))[1]
    has_link = bool(
        r["ekatalog_url"]
        or r["toko_daring_url"]
        or r["vendor__inaproc_url"]
        or r["vendor__toko_daring_url"]
    )
    verified = r["vendor__status"] == Vendor.Status.VERIFIED
    description = r["description"] or ""
    complete = len(description) >= 60
    tkdn = r["tkdn_percent"]
    boost = 1.0 + 0.15 * verified + 0.15 * has_link + 0.05 * complete
    return {
        "product_id": r["id"],
        "vendor_id": r["vendor_id"],
        "name": r["name"],
        "description": description[:DESCRIPTION_CHARS],
        "t_name": text.index_terms(f"{r['name']} {r['brand']}"),
        "t_category": " ".join(
            p for p in ((cat.terms if cat else ""), text.index_terms(r["keywords"] or "")) if p
        ),
        "t_description": text.index_terms(description),
        "t_vendor": text.index_terms(f"{r['vendor__name']} {kec_name}"),
        "category_id": cat.id if cat else 0,
        "category_path": r["category__path"],
        "kecamatan_id": r["vendor__kecamatan_id"],
        "scale": r["vendor__scale"],
        "is_koperasi": r["vendor__is_koperasi"],
        "is_pdn": r["is_pdn"] or (tkdn is not None and tkdn > 0),
        "tkdn_band": tkdn_band(tkdn, r["tkdn_bmp_percent"]),
        "verified": verified,
        "price_bucket": price_bucket(r["price"]),
        "has_link": has_link,
        "price": r["price"],
        "boost": boost,
        "listed_at": r["created_at"],
        "source_updated_at": r["source_updated_at"],
    }


def document_words(doc: dict) -> set[str]:
    """Exact words of an index row, for the vocabulary."""
    words = set()
    for key in ("t_name", "t_category", "t_description", "t_vendor"):
        words.update(
            w for w in doc[key].split() if not w.endswith(text.STEM_MARK) or not w[:-1].isalpha()
        )
    return {w for w in words if 2 <= len(w) <= 40}


def product_ids_for_vendor(vendor_id: int) -> list[int]:
    return list(Product.objects.filter(vendor_id=vendor_id).values_list("id", flat=True))


def product_ids_for_category(path: str) -> list[int]:
    return list(
        Product.objects.filter(Q(category__path__startswith=path)).values_list("id", flat=True)
    )
