"""Public read API of the catalogue (/api/v1/products/, /api/v1/categories/) and the
open-data export /api/v1/products.csv. Only published products of verified vendors exist
here."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, mixins, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from config.api import ConditionalRetrieveMixin, CSVRenderer, PublicReadMixin, stream_csv

from . import selectors
from .filters import CategoryFilterSet, ProductFilterSet
from .models import Category
from .serializers import CategorySerializer, ProductSerializer


@extend_schema_view(
    list=extend_schema(summary=_("Daftar produk tayang dari penyedia terverifikasi")),
    retrieve=extend_schema(summary=_("Satu produk")),
)
@extend_schema(tags=["Produk"])
class ProductViewSet(ConditionalRetrieveMixin, PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """Produk dan jasa yang tayang, dengan harga dalam Rupiah penuh per satuan."""

    serializer_class = ProductSerializer
    filterset_class = ProductFilterSet
    permission_classes = [AllowAny]
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.public_products_with_images()

    def get_last_modified(self, obj):
        return max(obj.updated_at, obj.vendor.updated_at)


@extend_schema(tags=["Kategori"], summary=_("Pohon kategori dengan jumlah produk"))
class CategoryViewSet(PublicReadMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Kategori dalam urutan pohon (`path`); `product_count` menghitung produk tayang di
    kategori itu dan semua subkategorinya. Kategori akar punya `parent` null."""

    serializer_class = CategorySerializer
    filterset_class = CategoryFilterSet
    permission_classes = [AllowAny]

    def get_queryset(self):
        return Category.objects.select_related("parent").order_by("path")

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        totals = selectors.category_product_counts()
        for category in page:
            category.product_count = totals.get(category.pk, 0)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


PRODUCT_CSV_COLUMNS = [
    "id", "name", "kind", "category", "category_name", "vendor", "vendor_name", "kecamatan",
    "description", "brand", "unit", "price", "price_valid_until", "min_order", "lead_time_days",
    "capacity", "tkdn_percent", "tkdn_bmp_percent", "tkdn_certificate_number", "is_pdn",
    "has_sni", "is_halal", "ekatalog_url", "toko_daring_url", "updated_at", "url",
]  # fmt: skip


@extend_schema(
    tags=["Data terbuka"],
    summary=_("Semua produk tayang sebagai CSV"),
    description=_(
        "Kolom publik yang sama dengan /api/v1/products/ (tanpa foto), UTF-8 dengan BOM agar "
        "terbuka rapi di Excel. Menerima filter yang sama dengan daftar produk."
    ),
    responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR)},
)
class ProductCSVView(PublicReadMixin, generics.GenericAPIView):
    permission_classes = [AllowAny]
    filterset_class = ProductFilterSet
    renderer_classes = [CSVRenderer, JSONRenderer]
    pagination_class = None

    def get_queryset(self):
        return selectors.public_products()

    def get(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())

        def rows():
            for p in queryset.iterator(chunk_size=2000):
                yield [
                    p.pk,
                    p.name,
                    p.kind,
                    p.category.path,
                    p.category.name,
                    p.vendor.slug,
                    p.vendor.name,
                    p.vendor.kecamatan.name if p.vendor.kecamatan else "",
                    p.description,
                    p.brand,
                    p.unit,
                    p.price,
                    p.price_valid_until.isoformat() if p.price_valid_until else "",
                    p.min_order,
                    p.lead_time_days,
                    p.capacity,
                    p.tkdn_percent,
                    p.tkdn_bmp_percent,
                    p.tkdn_certificate_number,
                    p.is_pdn,
                    p.has_sni,
                    p.is_halal,
                    p.ekatalog_url,
                    p.toko_daring_url,
                    p.updated_at.isoformat(),
                    request.build_absolute_uri(p.get_absolute_url()),
                ]

        return stream_csv(PRODUCT_CSV_COLUMNS, rows(), "produk-batang.csv")
