"""Bench comparison (b): Wagtail's own database search backend (modelsearch) on the same rows.

A bench-only proxy of catalog.Product made searchable with modelsearch's `index.Indexed`
(catalog/models.py is not touched; the proxy exists only in the bench process, so no migration
and no signal handlers). Indexing goes through the backend's own index API (`add_items`) into
Wagtail's IndexEntry table, using the project's WAGTAILSEARCH_BACKENDS["default"] (database
backend, SEARCH_CONFIG "indonesian" on PostgreSQL, FTS5 on SQLite).

Imported by bench/search_bench.py inside a configured Django process only.
"""

from __future__ import annotations

import time

from django.contrib.contenttypes.models import ContentType
from modelsearch import index
from modelsearch.backends import get_search_backend

from catalog.models import Product

_PROXY = None


def proxy_model():
    """The proxy class (defined once per process: Django refuses a second registration)."""
    global _PROXY
    if _PROXY is not None:
        return _PROXY

    class BenchIndexedProduct(index.Indexed, Product):
        search_fields = [
            index.SearchField("name", boost=4),
            index.AutocompleteField("name"),
            index.SearchField("keywords", boost=2),
            index.SearchField("brand", boost=2),
            index.SearchField("description"),
            index.RelatedFields(
                "category", [index.SearchField("name", boost=2), index.SearchField("keywords")]
            ),
            index.RelatedFields(
                "vendor",
                [
                    index.SearchField("name"),
                    index.RelatedFields("kecamatan", [index.SearchField("name")]),
                ],
            ),
        ]

        class Meta:
            proxy = True
            app_label = "catalog"

        @classmethod
        def get_indexed_objects(cls):
            return (
                cls.objects.public()
                .select_related("vendor", "vendor__kecamatan", "category")
                .order_by("id")
            )

    # What modelsearch does at start-up for every indexed model (this one is defined later).
    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search.models import IndexEntry

    TextIDGenericRelation(IndexEntry).contribute_to_class(BenchIndexedProduct, "index_entries")
    _PROXY = BenchIndexedProduct
    return _PROXY


def backend():
    return get_search_backend()


def indexed_count() -> int:
    from wagtail.search.models import IndexEntry

    model = proxy_model()
    ct = ContentType.objects.get_for_model(model)
    return IndexEntry.objects.filter(content_type=ct).count()


def build_index(chunk_size: int = 5000, log=print) -> tuple[int, float]:
    """Index every public product with modelsearch; returns (rows, seconds)."""
    model = proxy_model()
    be = backend()
    idx = be.get_index_for_model(model)
    started = time.perf_counter()
    ids = list(model.get_indexed_objects().values_list("id", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        objs = list(model.get_indexed_objects().filter(id__in=chunk))
        idx.add_items(model, objs)
        if start and start % (chunk_size * 10) == 0:
            log(
                f"    modelsearch: {start}/{len(ids)} indexed "
                f"({time.perf_counter() - started:.0f} s)"
            )
    return len(ids), time.perf_counter() - started


def search_ids(text: str, limit: int = 20) -> list[int]:
    """One page of results, as a results page would ask for it (no count, no facets)."""
    model = proxy_model()
    results = backend().search(text, model.objects.all())
    return [obj.pk for obj in results[:limit]]
