"""Buyer API: /api/v1/me/shortlists/..., /api/v1/me/purchases/..., /api/v1/stats/...

Every queryset comes from the scoped selectors, so another OPD's shortlist or purchase is a
404; an account without a buyer profile gets 403. Writes call procurement.services.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from catalog.models import Product
from config.api import BoundedPageNumberPagination, StrictBooleanFilter
from config.openapi import ErrorResponseSerializer
from vendors.models import Vendor

from . import exports, selectors, services
from .access import buyer_profile, can_see_opd_figures, is_ukpbj
from .filters import ShortlistFilterSet
from .models import OPD, Purchase, Shortlist, ShortlistExport, ShortlistItem
from .serializers_buyer import (
    FiguresSerializer,
    MilestoneSerializer,
    MoveSerializer,
    PurchaseSerializer,
    ShortlistDetailSerializer,
    ShortlistExportSerializer,
    ShortlistItemCreateSerializer,
    ShortlistItemSerializer,
    ShortlistItemUpdateSerializer,
    ShortlistSerializer,
    ShortlistUpdateSerializer,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOT_LOCKED = OpenApiResponse(
    ErrorResponseSerializer, description="Daftar pendek belum dikunci: kunci dulu, lalu unduh."
)


class Pagination(BoundedPageNumberPagination):
    """20 a page, `page_size` up to 100; a `page` or `page_size` that is not a number is a 400
    naming it (DRF's own pagination silently ignored it)."""


class IsBuyer(permissions.BasePermission):
    message = _("Hanya akun pembeli OPD yang boleh mengakses data ini.")

    def has_permission(self, request, view):
        return buyer_profile(request.user) is not None


def _raise_drf(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        raise exceptions.ValidationError(
            {
                field: [str(m) for e in errors for m in e.messages]
                for field, errors in error.error_dict.items()
            }
        )
    raise exceptions.ValidationError({"non_field_errors": error.messages})


class StaleVersion(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _(
        "Daftar pendek ini sudah diubah orang lain. Ambil versi terbaru lalu kirim lagi."
    )
    default_code = "stale_version"


class BuyerAPIMixin:
    permission_classes = [permissions.IsAuthenticated, IsBuyer]
    pagination_class = Pagination


@extend_schema(tags=["Daftar pendek (pembeli)"])
@extend_schema_view(
    list=extend_schema(summary="Daftar pendek milik akun (atau seluruh OPD untuk Kepala OPD)"),
    retrieve=extend_schema(summary="Satu daftar pendek dengan butirnya"),
    create=extend_schema(summary="Buat daftar pendek", responses={201: ShortlistSerializer}),
    partial_update=extend_schema(
        summary="Ubah keterangan daftar pendek (wajib menyertakan version)",
        request=ShortlistUpdateSerializer,
        responses={
            200: ShortlistSerializer,
            409: OpenApiResponse(description="Versi sudah usang: orang lain menyimpan lebih dulu."),
        },
    ),
)
class ShortlistViewSet(
    BuyerAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_class = ShortlistFilterSet

    def get_queryset(self):
        return selectors.shortlists_for(self.request.user).order_by("-created_at", "-id")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ShortlistDetailSerializer
        if self.action == "partial_update":
            return ShortlistUpdateSerializer
        return ShortlistSerializer

    def perform_create(self, serializer):
        try:
            shortlist = services.create_shortlist(
                user=self.request.user, **serializer.validated_data
            )
        except DjangoValidationError as error:
            _raise_drf(error)
        serializer.instance = self.get_queryset().get(pk=shortlist.pk)

    def partial_update(self, request, *args, **kwargs):
        shortlist = self.get_object()
        serializer = ShortlistUpdateSerializer(shortlist, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "version" not in data:
            raise exceptions.ValidationError(
                {"version": [_("Sertakan version yang terakhir Anda baca.")]}
            )
        expected = data.pop("version")
        try:
            services.update_shortlist(shortlist=shortlist, expected_version=expected, **data)
        except services.StaleShortlistError as stale:
            raise StaleVersion() from stale
        except DjangoValidationError as error:
            _raise_drf(error)
        return Response(ShortlistSerializer(self.get_queryset().get(pk=shortlist.pk)).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        summary="Kunci daftar pendek", request=None, responses={200: ShortlistSerializer}
    )
    @action(detail=True, methods=["post"])
    def lock(self, request, pk=None):
        shortlist = self.get_object()
        try:
            services.lock_shortlist(shortlist=shortlist)
        except DjangoValidationError as error:
            _raise_drf(error)
        return Response(ShortlistSerializer(self.get_queryset().get(pk=shortlist.pk)).data)

    @extend_schema(
        summary="Unduh XLSX (dicatat)",
        responses={(200, XLSX_TYPE): OpenApiTypes.BINARY, 400: NOT_LOCKED},
    )
    @action(detail=True, methods=["get"], url_path="export/xlsx")
    def export_xlsx(self, request, pk=None):
        shortlist = self._exportable(ShortlistExport.Format.XLSX)
        data = exports.to_xlsx(shortlist, selectors.items_of(shortlist), request.user)
        response = HttpResponse(data, content_type=XLSX_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="daftar-pendek-{shortlist.pk}.xlsx"'
        )
        return response

    @extend_schema(
        summary="Unduh CSV (dicatat)",
        responses={(200, "text/csv"): OpenApiTypes.STR, 400: NOT_LOCKED},
    )
    @action(detail=True, methods=["get"], url_path="export/csv")
    def export_csv(self, request, pk=None):
        shortlist = self._exportable(ShortlistExport.Format.CSV)
        response = HttpResponse(
            "\ufeff" + exports.to_csv(selectors.items_of(shortlist)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="daftar-pendek-{shortlist.pk}.csv"'
        return response

    @extend_schema(
        summary="Riwayat unduhan",
        responses={200: ShortlistExportSerializer(many=True)},
        filters=False,  # the shortlist filters do not apply to its exports
    )
    @action(detail=True, methods=["get"])
    def exports(self, request, pk=None):
        shortlist = self.get_object()
        page = self.paginate_queryset(shortlist.exports.select_related("exported_by"))
        return self.get_paginated_response(ShortlistExportSerializer(page, many=True).data)

    def _exportable(self, fmt) -> Shortlist:
        shortlist = self.get_object()
        try:
            services.record_export(shortlist=shortlist, user=self.request.user, format=fmt)
        except DjangoValidationError as error:
            _raise_drf(error)
        return shortlist


SHORTLIST_PK = OpenApiParameter("shortlist_pk", int, OpenApiParameter.PATH)


@extend_schema(tags=["Daftar pendek (pembeli)"], parameters=[SHORTLIST_PK])
@extend_schema_view(
    list=extend_schema(summary="Butir daftar pendek, berurutan"),
    retrieve=extend_schema(summary="Satu butir"),
    create=extend_schema(
        summary="Tambah produk atau penyedia (dengan salinan data saat ini)",
        request=ShortlistItemCreateSerializer,
        responses={201: ShortlistItemSerializer},
    ),
    partial_update=extend_schema(
        summary="Ubah jumlah/catatan",
        request=ShortlistItemUpdateSerializer,
        responses={200: ShortlistItemSerializer},
    ),
    destroy=extend_schema(summary="Hapus butir"),
)
class ShortlistItemViewSet(
    BuyerAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ShortlistItemSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    queryset = ShortlistItem.objects.none()  # for the schema; get_queryset scopes it

    def _shortlist(self) -> Shortlist:
        return get_object_or_404(
            selectors.shortlists_for(self.request.user), pk=self.kwargs["shortlist_pk"]
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ShortlistItem.objects.none()
        return selectors.items_of(self._shortlist())

    def create(self, request, *args, **kwargs):
        shortlist = self._shortlist()
        serializer = ShortlistItemCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        product = vendor = None
        if data.get("product"):
            product = (
                Product.objects.filter(pk=data["product"])
                .select_related("vendor", "category")
                .first()
            )
            if product is None:
                raise exceptions.ValidationError({"product": [_("Produk tidak ditemukan.")]})
        else:
            vendor = Vendor.objects.filter(pk=data["vendor"]).first()
            if vendor is None:
                raise exceptions.ValidationError({"vendor": [_("Penyedia tidak ditemukan.")]})
        try:
            item = services.add_item(
                shortlist=shortlist,
                user=request.user,
                product=product,
                vendor=vendor,
                quantity=data["quantity"],
                note=data["note"],
            )
        except DjangoValidationError as error:
            _raise_drf(error)
        return Response(ShortlistItemSerializer(item).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        serializer = ShortlistItemUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.update_item(item=item, **serializer.validated_data)
        except DjangoValidationError as error:
            _raise_drf(error)
        return Response(ShortlistItemSerializer(item).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def perform_destroy(self, instance):
        try:
            services.remove_item(item=instance)
        except DjangoValidationError as error:
            _raise_drf(error)

    @extend_schema(
        summary="Pindahkan butir ke atas/bawah",
        request=MoveSerializer,
        responses={200: ShortlistItemSerializer(many=True)},
    )
    @action(detail=True, methods=["post"])
    def move(self, request, shortlist_pk=None, pk=None):
        item = self.get_object()
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.move_item(item=item, direction=serializer.validated_data["direction"])
        except DjangoValidationError as error:
            _raise_drf(error)
        return Response(ShortlistItemSerializer(self.get_queryset(), many=True).data)


@extend_schema(tags=["Pembelian (pembeli)"])
@extend_schema_view(
    list=extend_schema(
        summary="Pembelian OPD",
        parameters=[
            OpenApiParameter("outcome", str, enum=Purchase.Outcome.values),
            OpenApiParameter("waiting", bool, description="Hanya yang menunggu berkas"),
        ],
    ),
    retrieve=extend_schema(summary="Satu pembelian"),
    create=extend_schema(summary="Catat hasil pengadaan"),
    partial_update=extend_schema(
        summary="Isi tahapan pembayaran",
        request=MilestoneSerializer,
        responses={200: PurchaseSerializer},
    ),
)
class PurchaseViewSet(
    BuyerAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PurchaseSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    filter_backends: list = []

    def get_queryset(self):
        qs = selectors.purchases_for(self.request.user).order_by("-purchased_at", "-id")
        if self.action == "list":
            outcome = self.request.query_params.get("outcome")
            if outcome:
                if outcome not in Purchase.Outcome.values:
                    raise exceptions.ValidationError({"outcome": [_("Hasil tidak dikenal.")]})
                qs = qs.filter(outcome=outcome)
            waiting = StrictBooleanFilter().field.clean
            try:
                only_waiting = waiting(self.request.query_params.get("waiting"))
            except DjangoValidationError as error:
                raise exceptions.ValidationError({"waiting": error.messages}) from error
            if only_waiting:
                qs = selectors.waiting_for_paperwork(qs)
        return qs

    def create(self, request, *args, **kwargs):
        serializer = PurchaseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        shortlists = selectors.shortlists_for(request.user)
        shortlist = item = product = vendor = None
        if data.get("shortlist_item_id"):
            item = (
                ShortlistItem.objects.filter(pk=data["shortlist_item_id"], shortlist__in=shortlists)
                .select_related("shortlist", "product", "vendor")
                .first()
            )
            if item is None:
                raise exceptions.ValidationError({"shortlist_item": [_("Butir tidak ditemukan.")]})
        if data.get("shortlist_id"):
            shortlist = shortlists.filter(pk=data["shortlist_id"]).first()
            if shortlist is None:
                raise exceptions.ValidationError(
                    {"shortlist": [_("Daftar pendek tidak ditemukan.")]}
                )
        if data.get("product_id"):
            product = (
                Product.objects.filter(pk=data["product_id"])
                .select_related("vendor", "category")
                .first()
            )
            if product is None:
                raise exceptions.ValidationError({"product": [_("Produk tidak ditemukan.")]})
        if data.get("vendor_id"):
            vendor = Vendor.objects.filter(pk=data["vendor_id"]).first()
            if vendor is None:
                raise exceptions.ValidationError({"vendor": [_("Penyedia tidak ditemukan.")]})
        try:
            purchase = services.record_purchase(
                user=request.user,
                outcome=data.get("outcome", Purchase.Outcome.BOUGHT),
                shortlist=shortlist,
                item=item,
                product=product,
                vendor=vendor,
                vendor_name=data.get("vendor_name", ""),
                amount=data.get("amount"),
                purchased_at=data.get("purchased_at"),
                channel=data.get("channel", ""),
                order_reference=data.get("order_reference", ""),
                reason=data.get("reason", ""),
                delivered_on=data.get("delivered_on"),
                bast_signed_on=data.get("bast_signed_on"),
                invoice_received_on=data.get("invoice_received_on"),
                paid_on=data.get("paid_on"),
            )
        except DjangoValidationError as error:
            _raise_drf(error)
        return Response(PurchaseSerializer(purchase).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        purchase = self.get_object()
        serializer = MilestoneSerializer(purchase, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            services.update_milestones(purchase=purchase, **serializer.validated_data)
        except DjangoValidationError as error:
            _raise_drf(error)
        return Response(PurchaseSerializer(purchase).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


YEAR = OpenApiParameter("year", int, description="Tahun anggaran (bawaan: tahun ini)")


def _year(request) -> int:
    raw = request.query_params.get("year")
    if raw in (None, ""):
        return selectors.current_year()
    if not raw.isdigit() or not 2020 <= int(raw) <= 2100:
        raise exceptions.ValidationError({"year": [_("Tahun harus angka 2020–2100.")]})
    return int(raw)


@extend_schema(tags=["Statistik"], parameters=[YEAR], responses={200: FiguresSerializer})
class RegencyStatsView(GenericAPIView):
    """Angka seluruh Kabupaten Batang: serapan per triwulan, porsi lokal/UMK/TKDN (publik)."""

    permission_classes = [permissions.AllowAny]
    serializer_class = FiguresSerializer
    queryset = OPD.objects.none()  # for the schema only

    def get(self, request):
        return Response(FiguresSerializer(selectors.regency_figures(_year(request))).data)


@extend_schema(tags=["Statistik"], parameters=[YEAR], responses={200: FiguresSerializer})
class OPDStatsView(GenericAPIView):
    """Angka satu OPD: hanya untuk akun OPD tersebut dan UKPBJ."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = FiguresSerializer
    queryset = OPD.objects.all()
    lookup_field = "slug"

    def get(self, request, slug):
        opd = get_object_or_404(OPD, slug=slug)
        if not can_see_opd_figures(request.user, opd):
            raise exceptions.PermissionDenied(
                _("Angka OPD ini hanya untuk OPD tersebut dan UKPBJ.")
            )
        return Response(FiguresSerializer(selectors.opd_figures(opd, _year(request))).data)


@extend_schema(tags=["Statistik"], parameters=[YEAR], responses={200: FiguresSerializer(many=True)})
class AllOPDStatsView(GenericAPIView):
    """Semua OPD berdampingan (UKPBJ)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = FiguresSerializer
    queryset = OPD.objects.none()  # for the schema only
    pagination_class = None  # one row per OPD, all of them

    def get(self, request):
        if not is_ukpbj(request.user):
            raise exceptions.PermissionDenied(_("Hanya UKPBJ yang melihat angka semua OPD."))
        return Response(
            FiguresSerializer(selectors.all_opd_figures(_year(request)), many=True).data
        )
