"""The interface every catalogue search backend implements (database today, Elasticsearch next).

Backends return ids, scores and highlights; the database stays the source of truth and callers
hydrate products themselves (see search.selectors).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..query import SearchQuery, SearchResult


@dataclass
class IndexStatus:
    backend: str
    indexed: int = 0
    expected: int = 0
    missing: list[int] = field(default_factory=list)  # public products not in the index
    stale: list[int] = field(default_factory=list)  # indexed with an older updated_at
    extra: list[int] = field(default_factory=list)  # indexed but no longer public

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


class SearchBackend(ABC):
    name = "base"

    @abstractmethod
    def index(self, product_ids: Iterable[int]) -> None:
        """(Re)index these products; those no longer public are removed."""

    @abstractmethod
    def delete(self, product_ids: Iterable[int]) -> None:
        """Remove these products from the index."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult:
        """Run a query: one page of hits, the total and the facet counts."""

    @abstractmethod
    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Completions of what the user is typing."""

    @abstractmethod
    def rebuild(self, chunk_size: int = 5000) -> int:
        """Rebuild the whole index from the database; returns the number of products indexed."""

    @abstractmethod
    def check(self) -> IndexStatus:
        """Compare the index with the database (drift report)."""

    def status(self) -> IndexStatus:
        return self.check()

    def health(self) -> dict:
        """{"ok": bool, "backend": name, ...} for /healthz."""
        return {"ok": True, "backend": self.name}

    def index_vendor(self, vendor_id: int) -> None:
        """Reindex every product of a vendor (status or name changed)."""
        from catalog.models import Product

        self.index(Product.objects.filter(vendor_id=vendor_id).values_list("id", flat=True))

    def index_category(self, category_path: str) -> None:
        from catalog.models import Product

        ids = Product.objects.filter(category__path__startswith=category_path).values_list(
            "id", flat=True
        )
        self.index(ids)
