"""Index work queued by signals (django-tasks: immediate in dev/tests, a queue in production)."""

from django_tasks import task

from . import indexing
from .backends import get_backend


@task()
def index_products(product_ids: list[int]) -> None:
    """Reindex these products (those no longer public leave the index)."""
    get_backend().index(product_ids)


@task()
def delete_products(product_ids: list[int]) -> None:
    get_backend().delete(product_ids)


@task()
def index_vendor(vendor_id: int) -> None:
    """A vendor changed (name, status, kecamatan, links): reindex all its products."""
    get_backend().index(indexing.product_ids_for_vendor(vendor_id))


@task()
def index_category(category_id: int) -> None:
    """A category changed (name, keywords, place in the tree): reindex its subtree."""
    from catalog.models import Category

    path = Category.objects.filter(pk=category_id).values_list("path", flat=True).first()
    if path:
        get_backend().index(indexing.product_ids_for_category(path))
