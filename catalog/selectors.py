"""Reads of the public catalogue. Views and the API call these; they never filter by status
themselves, so "public" means the same thing on every page, endpoint and export."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, When

from .models import Category, Product, ProductImage

# `q` on a list endpoint keeps at most this many of the search service's best matches.
MAX_SEARCH_IDS = 1000
_SEARCH_PAGE = 100


def public_products() -> QuerySet[Product]:
    """Published products of verified vendors, with what every public view shows (vendor,
    its kecamatan, the category) joined in the same query."""
    return (
        Product.objects.public()
        .select_related("vendor", "vendor__kecamatan", "category")
        .order_by("name", "id")
    )


def public_products_with_images() -> QuerySet[Product]:
    return public_products().prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.select_related("image"))
    )


def public_product(pk: int) -> Product | None:
    """One public product with its photos, or None when it does not exist or is not public.

    The category's ancestors come in the same query (the tree is at most MAX_CATEGORY_DEPTH
    deep), so the page's breadcrumbs (`category.ancestors()`) cost no query of their own."""
    return (
        public_products_with_images()
        .select_related("category__parent__parent")
        .filter(pk=pk)
        .first()
    )


def products_in_category(queryset: QuerySet[Product], category: Category) -> QuerySet[Product]:
    """Products of the category and of every category below it (by materialised path)."""
    return queryset.filter(category__path__startswith=category.path)


def category_product_counts() -> dict[int, int]:
    """{category id: public products in the category and every category below it}, for the
    whole tree in two queries."""
    own = dict(
        Product.objects.public()
        .order_by()
        .values_list("category_id")
        .annotate(n=Count("id"))
        .values_list("category_id", "n")
    )
    paths = dict(Category.objects.values_list("id", "path"))
    id_by_path = {path: pk for pk, path in paths.items()}
    totals = dict.fromkeys(paths, 0)
    for pk, n in own.items():
        parts = paths[pk].strip("/").split("/")
        # Count a product in its own category and in each ancestor ("a/b/" -> "a/").
        for depth in range(1, len(parts) + 1):
            ancestor = id_by_path.get("/".join(parts[:depth]) + "/")
            if ancestor is not None:
                totals[ancestor] += n
    return totals


def categories_with_counts() -> list[Category]:
    """Every category in tree order, each with `product_count` (see category_product_counts)."""
    totals = category_product_counts()
    categories = list(Category.objects.select_related("parent").order_by("path"))
    for c in categories:
        c.product_count = totals.get(c.pk, 0)
    return categories


def search_product_ids(text: str, *, limit: int = MAX_SEARCH_IDS) -> list[int]:
    """Ids of the products the catalogue search service finds for `text`, best first.

    The search service decides relevance (stemming, synonyms, typos, ranking); callers filter
    and paginate their own querysets by these ids in this order. Facets are not computed.
    """
    from search.query import SearchQuery
    from search.service import search

    ids: list[int] = []
    page = 1
    while len(ids) < limit:
        result = search(SearchQuery(text=text, facets=(), page=page, page_size=_SEARCH_PAGE))
        ids.extend(h.id for h in result.hits if h.id not in ids)
        if len(result.hits) < _SEARCH_PAGE or page * _SEARCH_PAGE >= result.total:
            break
        page += 1
    return ids[:limit]


def order_by_ids(queryset: QuerySet, ids: list[int], field: str = "pk") -> QuerySet:
    """`queryset` limited to `ids`, in the order of `ids`."""
    if not ids:
        return queryset.none()
    rank = Case(
        *[When(**{field: pk}, then=pos) for pos, pk in enumerate(ids)],
        output_field=IntegerField(),
    )
    return queryset.filter(**{f"{field}__in": ids}).order_by(rank)


def vendor_ids_for_product_ids(product_ids: list[int]) -> list[int]:
    """The vendors of these products, in the order their first product appears."""
    if not product_ids:
        return []
    owner = dict(Product.objects.filter(pk__in=product_ids).values_list("id", "vendor_id"))
    seen: dict[int, None] = {}
    for pid in product_ids:
        vid = owner.get(pid)
        if vid is not None:
            seen.setdefault(vid, None)
    return list(seen)


def vendors_selling_in(category: Category) -> Q:
    """A Vendor filter: vendors with a public product in the category (or below it)."""
    return Q(
        pk__in=Product.objects.public()
        .filter(category__path__startswith=category.path)
        .values("vendor_id")
    )
