"""Product photos live in Wagtail's image library (for renditions) but belong to their vendor.

Editors hold image permissions on the root collection for the CMS's own pictures; without
this policy they could edit or delete any vendor's product photo from the image library,
outside the vendor's pages and the audit trail. Photos attached to a product are changed and
removed only through /usaha/produk/ (services.add_product_image / remove_product_image) or
by a superuser. Choosing the photo of a public product for a page stays allowed; photos of
draft products or unverified vendors are not listed at all (they would show unpublished
product names).
"""

from django.db.models import Exists, OuterRef
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

WRITE_ACTIONS = {"change", "delete"}


def _product_photos():
    from .models import ProductImage

    return ProductImage.objects.filter(image=OuterRef("pk"))


def _non_public_product_photos():
    from .models import Product

    return _product_photos().exclude(product__in=Product.objects.public())


def hide_non_public_product_photos(images, user):
    return images if user.is_superuser else images.exclude(Exists(_non_public_product_photos()))


class ImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    def user_has_any_permission_for_instance(self, user, actions, instance):
        if WRITE_ACTIONS & set(actions) and not user.is_superuser:
            from .models import ProductImage

            if ProductImage.objects.filter(image=instance).exists():
                actions = [a for a in actions if a not in WRITE_ACTIONS]
                if not actions:
                    return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser:
            return instances
        if set(actions) <= WRITE_ACTIONS:
            return instances.exclude(Exists(_product_photos()))
        return hide_non_public_product_photos(instances, user)


def image_permission_policy():
    from wagtail.images import get_image_model

    return ImagePermissionPolicy(
        get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
    )
