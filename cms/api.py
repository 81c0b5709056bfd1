"""Headless read access to the CMS: Wagtail API v2 at /api/v2/ (pages, images, documents)."""

from django.db.models import Exists, OuterRef
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class CMSImagesAPIViewSet(ImagesAPIViewSet):
    """The CMS's own pictures. Vendors' product photos share Wagtail's image library but are
    published by the catalogue API (/api/v1/products/) only while their product is public;
    here they would list draft products' photos under the product's name."""

    def get_queryset(self):
        from catalog.models import ProductImage

        photos = ProductImage.objects.filter(image=OuterRef("pk"))
        return super().get_queryset().exclude(Exists(photos))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", CMSImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
