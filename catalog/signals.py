"""Signals the catalogue sends for writes that Django's model signals do not cover."""

from django.dispatch import Signal

# Sent after a bulk create/update of products (bulk_create and QuerySet.update send no
# post_save). Arguments: sender=Product, product_ids=list[int]. The search app listens.
products_bulk_saved = Signal()
