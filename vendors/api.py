"""Public read API of vendors and kecamatan (/api/v1/vendors/, /api/v1/kecamatan/) and the
open-data export /api/v1/vendors.csv. Only verified vendors exist here."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from catalog.filters import ProductFilterSet
from catalog.selectors import public_products_with_images
from catalog.serializers import ProductSerializer
from config.api import ConditionalRetrieveMixin, CSVRenderer, PublicReadMixin, stream_csv

from . import selectors
from .filters import KecamatanFilterSet, VendorFilterSet
from .serializers import (
    KecamatanSerializer,
    VendorDetailSerializer,
    VendorSerializer,
    public_email,
    public_phone,
    public_whatsapp,
)

SLUG_RE = r"[-a-zA-Z0-9_]+"


@extend_schema_view(
    list=extend_schema(summary=_("Daftar penyedia terverifikasi")),
    retrieve=extend_schema(summary=_("Profil satu penyedia terverifikasi")),
)
@extend_schema(tags=["Penyedia"])
class VendorViewSet(ConditionalRetrieveMixin, PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """Penyedia terverifikasi Kabupaten Batang. Kontak hanya yang dipilih penyedia untuk publik."""

    serializer_class = VendorSerializer
    filterset_class = VendorFilterSet
    permission_classes = [AllowAny]
    lookup_field = "slug"
    lookup_value_regex = SLUG_RE

    def get_queryset(self):
        if self.action == "products":
            return public_products_with_images()
        return selectors.public_vendors()

    def get_serializer_class(self):
        # `products` sets its own serializer_class through @action.
        return VendorDetailSerializer if self.action == "retrieve" else self.serializer_class

    def get_last_modified(self, obj):
        return selectors.vendor_last_modified(obj)

    @extend_schema(summary=_("Produk tayang satu penyedia"), responses=ProductSerializer(many=True))
    @action(
        detail=True,
        url_path="products",
        url_name="products",
        serializer_class=ProductSerializer,
        filterset_class=ProductFilterSet,
    )
    def products(self, request, slug=None):
        vendor = get_object_or_404(selectors.public_vendors(), slug=slug)
        queryset = self.filter_queryset(self.get_queryset().filter(vendor=vendor))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(tags=["Wilayah"], summary=_("Kecamatan Kabupaten Batang dengan jumlah penyedia"))
class KecamatanViewSet(PublicReadMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Ke-15 kecamatan Kabupaten Batang, masing-masing dengan jumlah penyedia terverifikasi."""

    serializer_class = KecamatanSerializer
    filterset_class = KecamatanFilterSet
    permission_classes = [AllowAny]

    def get_queryset(self):
        return selectors.kecamatan_with_vendor_counts()


VENDOR_CSV_COLUMNS = [
    "slug", "name", "legal_form", "scale", "is_umk", "is_koperasi", "kbli_codes", "kecamatan",
    "desa", "description", "website", "phone", "whatsapp", "email", "inaproc_url",
    "toko_daring_url", "verified_at", "updated_at", "product_count", "url",
]  # fmt: skip


@extend_schema(
    tags=["Data terbuka"],
    summary=_("Semua penyedia terverifikasi sebagai CSV"),
    description=_(
        "Kolom publik yang sama dengan /api/v1/vendors/, UTF-8 dengan BOM agar terbuka rapi "
        "di Excel. Menerima filter yang sama dengan daftar penyedia."
    ),
    responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR)},
)
class VendorCSVView(PublicReadMixin, generics.GenericAPIView):
    permission_classes = [AllowAny]
    filterset_class = VendorFilterSet
    renderer_classes = [CSVRenderer, JSONRenderer]
    pagination_class = None

    def get_queryset(self):
        return selectors.public_vendors()

    def get(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())

        def rows():
            for v in queryset.iterator(chunk_size=2000):
                yield [
                    v.slug,
                    v.name,
                    v.legal_form,
                    v.scale,
                    v.is_umk,
                    v.is_koperasi,
                    " ".join(v.kbli_codes or []),
                    v.kecamatan.name if v.kecamatan else "",
                    v.desa.name if v.desa else "",
                    v.description,
                    v.website,
                    public_phone(v),
                    public_whatsapp(v),
                    public_email(v),
                    v.inaproc_url,
                    v.toko_daring_url,
                    v.verified_at.isoformat() if v.verified_at else "",
                    v.updated_at.isoformat(),
                    v.product_count,
                    request.build_absolute_uri(v.get_absolute_url()),
                ]

        return stream_csv(VENDOR_CSV_COLUMNS, rows(), "penyedia-batang.csv")
