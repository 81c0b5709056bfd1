"""Keep the index true: catalogue changes enqueue index work after the transaction commits.

Removal is not left to the queue: an unpublished product, a suspended vendor or a deleted row
leaves the database index in the same transaction, so it disappears from results at once.
Receivers are connected with an explicit sender (never for every model).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalog.models import Category, Product
from catalog.signals import products_bulk_saved
from vendors.models import Kecamatan, Vendor

from . import indexing, tasks
from .models import ProductSearchDoc, Synonym


def _remove(**lookup):
    if ProductSearchDoc.objects.filter(**lookup).delete()[0]:
        indexing.bump_generation()


def _enqueue(task, *args):
    transaction.on_commit(lambda: task.enqueue(*args))


@receiver(post_save, sender=Product, dispatch_uid="search_product_saved")
def product_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.status != Product.Status.PUBLISHED:
        _remove(product_id=instance.pk)
    _enqueue(tasks.index_products, [instance.pk])


@receiver(products_bulk_saved, sender=Product, dispatch_uid="search_products_bulk_saved")
def products_bulk_saved_handler(sender, product_ids, **kwargs):
    # Sent after commit already: index now rather than waiting for another commit.
    tasks.index_products.enqueue(list(product_ids))


@receiver(post_delete, sender=Product, dispatch_uid="search_product_deleted")
def product_deleted(sender, instance, **kwargs):
    _remove(product_id=instance.pk)
    # The database index is done above; an external engine (Elasticsearch) is told too.
    _enqueue(tasks.delete_products, [instance.pk])


@receiver(post_save, sender=Vendor, dispatch_uid="search_vendor_saved")
def vendor_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return
    if instance.status not in indexing.SEARCHABLE_VENDOR_STATUSES:
        _remove(vendor_id=instance.pk)
    _enqueue(tasks.index_vendor, instance.pk)


@receiver(post_delete, sender=Vendor, dispatch_uid="search_vendor_deleted")
def vendor_deleted(sender, instance, **kwargs):
    _remove(vendor_id=instance.pk)


@receiver(post_save, sender=Category, dispatch_uid="search_category_saved")
def category_saved(sender, instance, raw=False, created=False, **kwargs):
    indexing.clear_caches("categories")
    if raw or created:
        return
    _enqueue(tasks.index_category, instance.pk)


@receiver(post_delete, sender=Category, dispatch_uid="search_category_deleted")
def category_deleted(sender, instance, **kwargs):
    indexing.clear_caches("categories")


@receiver(post_save, sender=Kecamatan, dispatch_uid="search_kecamatan_saved")
def kecamatan_saved(sender, **kwargs):
    indexing.clear_caches("kecamatan")


@receiver(post_save, sender=Synonym, dispatch_uid="search_synonym_saved")
@receiver(post_delete, sender=Synonym, dispatch_uid="search_synonym_deleted")
def synonyms_changed(sender, **kwargs):
    indexing.clear_caches("synonyms")
