"""Stored files leave storage with their rows, whatever path deletes the row.

- A VendorDocument deleted (instance, queryset, cascade from its vendor) or given a new file:
  the old file is removed from the private storage.
- A ProductImage deleted (photo removal, its product or vendor deleted): its Wagtail image
  is deleted too, unless another product photo still uses it; Wagtail then removes the image
  file and its renditions.

Files are removed only after the transaction commits (`transaction.on_commit`): a rolled back
delete keeps its file, because the row is still there. Connected in VendorsConfig.ready().
"""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def delete_file_on_commit(field_file) -> None:
    """Remove the stored file of `field_file` once the current transaction commits."""
    name = getattr(field_file, "name", "") or ""
    if not name:
        return
    storage = field_file.storage

    def delete():
        try:
            storage.delete(name)
        except OSError as exc:  # the row is gone either way; say which file is left over
            logger.warning("Could not remove stored file %s: %s", name, exc.strerror or exc)

    transaction.on_commit(delete)


def document_deleted(sender, instance, **kwargs):
    delete_file_on_commit(instance.file)


def document_file_replaced(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding or instance.pk is None:
        return
    old_name = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    if old_name and old_name != instance.file.name:
        old = sender(pk=instance.pk, file=old_name).file
        delete_file_on_commit(old)


def product_image_deleted(sender, instance, **kwargs):
    from wagtail.images import get_image_model

    if sender.objects.filter(image_id=instance.image_id).exists():
        return  # still shown on another product
    # A fresh row, not instance.image: the caller may hold (and delete) that object itself.
    image = get_image_model().objects.filter(pk=instance.image_id).first()
    if image is not None:
        image.delete()  # Wagtail removes the file and renditions after commit


def connect() -> None:
    from django.db.models.signals import post_delete, pre_save

    from catalog.models import ProductImage

    from .models import VendorDocument

    post_delete.connect(
        document_deleted, sender=VendorDocument, dispatch_uid="vendors_document_file_deleted"
    )
    pre_save.connect(
        document_file_replaced, sender=VendorDocument, dispatch_uid="vendors_document_replaced"
    )
    post_delete.connect(
        product_image_deleted, sender=ProductImage, dispatch_uid="catalog_product_image_deleted"
    )
