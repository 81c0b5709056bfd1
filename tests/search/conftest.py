"""Search fixtures. `search_backend` yields the backend the configured database runs (SQLite by
default, PostgreSQL with DATABASE_URL, Elasticsearch later with SEARCH_BACKEND): the same tests
run against each of them."""

import pytest

from catalog.models import Category
from search.backends import get_backend
from tests.factories import ProductFactory, VendorFactory, kecamatan


@pytest.fixture
def search_backend(db, settings):
    settings.SEARCH_TIE_BREAK_DATE = "2026-02-11"
    backend = get_backend()
    backend.rebuild()
    return backend


@pytest.fixture
def category():
    """A category of the starting tree by slug (loaded by the catalog migration)."""
    return lambda slug: Category.objects.get(slug=slug)


@pytest.fixture
def catalogue(search_backend, category):
    """Build products, then index them the way production does (rebuild)."""

    class Builder:
        backend = search_backend

        def vendor(self, **kwargs):
            if "kecamatan" in kwargs and isinstance(kwargs["kecamatan"], str):
                kwargs["kecamatan"] = kecamatan(kwargs["kecamatan"])
            return VendorFactory(**kwargs)

        def product(self, name, cat="kertas", **kwargs):
            kwargs.setdefault("description", "")
            return ProductFactory(name=name, category=category(cat), **kwargs)

        def index(self):
            self.backend.rebuild()

    return Builder()
