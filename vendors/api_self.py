"""Vendor self-service API under /api/v1/me/vendor/ (session or token auth).

The same actions as the /usaha/ pages through the same forms and services. Everything is
scoped to the caller's own vendor: another vendor's documents or products are a 404.
"""

from django import forms as django_forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog import bulk
from catalog import services as catalog_services
from catalog.forms import ProductForm
from catalog.models import Product
from config.openapi import ErrorResponseSerializer

from . import services
from .access import membership_of
from .forms import DocumentForm, InviteForm, step_form_class
from .models import VendorDocument, VendorMember
from .readiness import readiness_checklist
from .serializers_self import (
    DocumentInputSerializer,
    DocumentSerializer,
    ImportInputSerializer,
    ImportResultSerializer,
    InvitationSerializer,
    MyProductSerializer,
    MyVendorSerializer,
    ProductInputSerializer,
    ReadinessItemSerializer,
    StepInputSerializer,
)
from .uploads import ALLOWED_DOCUMENT_TYPES

TAG = ["me-vendor"]


def _raise(exc: DjangoValidationError):
    """A service's ValidationError as a 400 naming the fields."""
    if hasattr(exc, "error_dict"):
        raise ValidationError(
            {k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        )
    raise ValidationError({"non_field_errors": exc.messages})


def _form_errors(form):
    return ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})


def _form_data(form_class, request_data, instance=None) -> dict:
    """Form data for `form_class` from JSON/multipart input, on top of the instance's current
    values when given (PATCH: fields not sent keep their value)."""
    from django.forms.models import model_to_dict

    fields = form_class.base_fields
    model_fields = [n for n in fields if n in getattr(form_class._meta, "fields", [])]
    # A new object starts from the model's defaults (kind, min order, status...).
    current = model_to_dict(instance or form_class._meta.model(), fields=model_fields)
    merged = {**current, **{k: request_data[k] for k in fields if k in request_data}}
    data = {}
    errors = {}
    for name, value in merged.items():
        field = fields[name]
        if isinstance(field, django_forms.BooleanField):
            if value is True or str(value).lower() in ("true", "1", "on", "ya"):
                data[name] = "on"
            continue
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        if isinstance(value, dict | bool) or (
            # A JSON number is fine where the form wants a number or a choice (an id).
            isinstance(value, int | float) and not isinstance(field, _NUMBER_FIELDS)
        ):
            errors[name] = ["Jenis nilai tidak sesuai: kirim teks."]
            continue
        data[name] = "" if value is None else value
    if errors:
        raise ValidationError(errors)
    return data


_NUMBER_FIELDS = (
    django_forms.IntegerField,
    django_forms.DecimalField,
    django_forms.FloatField,
    django_forms.ChoiceField,  # ModelChoiceField (an id) is one too
)


class MemberAPIView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    openapi_errors = {404: "Akun ini belum terhubung dengan penyedia, atau data tidak ditemukan."}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in ("POST", "PUT", "PATCH") and not isinstance(request.data, dict):
            # JSON null, a list or a bare value: the forms below need field names.
            raise ValidationError(
                {"non_field_errors": ["Isi permintaan harus berupa objek JSON berisi kolom."]}
            )

    def membership(self, request):
        membership = membership_of(request.user)
        if membership is None:
            raise NotFound("Akun ini belum terhubung dengan penyedia. Mulai pendaftaran usaha.")
        return membership


class MyVendorView(MemberAPIView):
    @extend_schema(tags=TAG, responses=MyVendorSerializer, summary="Profil penyedia saya")
    def get(self, request):
        membership = self.membership(request)
        return Response(
            MyVendorSerializer(membership.vendor, context={"membership": membership}).data
        )

    @extend_schema(
        tags=TAG,
        request=StepInputSerializer,
        responses={201: MyVendorSerializer},
        summary="Mulai pendaftaran (langkah 'usaha')",
    )
    def post(self, request):
        if membership_of(request.user) is not None:
            raise ValidationError(
                {"non_field_errors": ["Akun ini sudah terhubung dengan penyedia."]}
            )
        vendor = _save_step(request, "usaha", None)
        membership = membership_of(request.user)
        return Response(
            MyVendorSerializer(vendor, context={"membership": membership}).data,
            status=status.HTTP_201_CREATED,
        )


def _save_step(request, step, vendor):
    form_class = step_form_class(step)
    instance = vendor if vendor is not None else form_class._meta.model()
    data = _form_data(form_class, request.data, vendor)
    form = form_class(data, instance=instance)
    if not form.is_valid():
        raise _form_errors(form)
    try:
        vendor, _revision = services.save_registration_step(
            user=request.user, step=step,
            data={n: form.cleaned_data[n] for n in form.fields}, vendor=vendor,
        )  # fmt: skip
    except DjangoValidationError as exc:
        _raise(exc)
    return vendor


class StepView(MemberAPIView):
    @extend_schema(
        tags=TAG,
        request=StepInputSerializer,
        responses=MyVendorSerializer,
        summary="Simpan satu langkah pendaftaran (usaha, alamat, kontak, toko)",
    )
    def patch(self, request, step):
        if step not in services.STEP_BY_SLUG:
            raise NotFound("Langkah tidak dikenal.")
        membership = self.membership(request)
        vendor = _save_step(request, step, membership.vendor)
        return Response(MyVendorSerializer(vendor, context={"membership": membership}).data)


class SubmitView(MemberAPIView):
    @extend_schema(
        tags=TAG, request=None, responses=MyVendorSerializer, summary="Ajukan verifikasi"
    )
    def post(self, request):
        membership = self.membership(request)
        try:
            vendor = services.submit_vendor(user=request.user, vendor=membership.vendor)
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(MyVendorSerializer(vendor, context={"membership": membership}).data)


class ReadinessView(MemberAPIView):
    @extend_schema(
        tags=TAG, responses=ReadinessItemSerializer(many=True), summary="Siap Katalog v6?"
    )
    def get(self, request):
        items = readiness_checklist(self.membership(request).vendor)
        return Response(ReadinessItemSerializer(items, many=True).data)


class DocumentListView(MemberAPIView):
    @extend_schema(tags=TAG, responses=DocumentSerializer(many=True), summary="Dokumen saya")
    def get(self, request):
        documents = self.membership(request).vendor.documents.all()
        return Response(DocumentSerializer(documents, many=True).data)

    @extend_schema(
        tags=TAG,
        request={"multipart/form-data": DocumentInputSerializer},
        responses={201: DocumentSerializer},
        summary="Unggah dokumen",
    )
    def post(self, request):
        vendor = self.membership(request).vendor
        form = DocumentForm(request.data, request.FILES)
        if not form.is_valid():
            raise _form_errors(form)
        try:
            document = services.upload_document(
                vendor=vendor, user=request.user, file=form.cleaned_data["file"],
                **{k: form.cleaned_data[k] for k in services.DOCUMENT_FIELDS},
            )  # fmt: skip
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentDetailView(MemberAPIView):
    def get_object(self, request, pk):
        document = VendorDocument.objects.filter(
            vendor=self.membership(request).vendor, pk=pk
        ).first()
        if document is None:
            raise NotFound()
        return document

    @extend_schema(tags=TAG, responses=DocumentSerializer, summary="Satu dokumen")
    def get(self, request, pk):
        return Response(DocumentSerializer(self.get_object(request, pk)).data)

    @extend_schema(tags=TAG, responses={204: None}, summary="Hapus dokumen (belum diterima)")
    def delete(self, request, pk):
        try:
            services.delete_document(document=self.get_object(request, pk), user=request.user)
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentFileView(MemberAPIView):
    @extend_schema(
        tags=TAG,
        # Served with the type sniffed at upload (vendors.uploads): PDF, JPEG or PNG.
        responses={(200, t): OpenApiTypes.BINARY for t in ALLOWED_DOCUMENT_TYPES},
        summary="Unduh berkas dokumen",
    )
    def get(self, request, pk):
        document = VendorDocument.objects.filter(
            vendor=self.membership(request).vendor, pk=pk
        ).first()
        if document is None:
            raise NotFound()
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=document.content_type, as_attachment=True)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


def _product_form(request, product=None):
    data = _form_data(ProductForm, request.data, product)
    form = ProductForm(data, request.FILES or None, instance=product)
    if not form.is_valid():
        raise _form_errors(form)
    return form


class ProductListView(MemberAPIView):
    @extend_schema(
        tags=TAG,
        parameters=[OpenApiParameter("status", str, enum=["draft", "published", "archived"])],
        responses=MyProductSerializer(many=True),
        summary="Produk saya",
    )
    def get(self, request):
        products = (
            Product.objects.filter(vendor=self.membership(request).vendor)
            .select_related("category")
            .prefetch_related("images__image")
            .order_by("name", "pk")
        )
        wanted = request.query_params.get("status")
        if wanted is not None:
            if wanted not in Product.Status.values:
                raise ValidationError(
                    {"status": ["Status harus salah satu dari: draft, published, archived."]}
                )
            products = products.filter(status=wanted)
        return Response(MyProductSerializer(products, many=True).data)

    @extend_schema(tags=TAG, request=ProductInputSerializer,
                   responses={201: MyProductSerializer}, summary="Tambah produk")  # fmt: skip
    def post(self, request):
        vendor = self.membership(request).vendor
        form = _product_form(request)
        try:
            product = catalog_services.create_product(
                vendor=vendor, user=request.user, **form.product_data()
            )
            if form.cleaned_data.get("photo"):
                catalog_services.add_product_image(
                    product=product, user=request.user, file=form.cleaned_data["photo"],
                    alt_text=form.cleaned_data.get("photo_alt", ""),
                )  # fmt: skip
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(MyProductSerializer(product).data, status=status.HTTP_201_CREATED)


class ProductDetailView(MemberAPIView):
    def get_object(self, request, pk):
        product = Product.objects.filter(vendor=self.membership(request).vendor, pk=pk).first()
        if product is None:
            raise NotFound()
        return product

    @extend_schema(tags=TAG, responses=MyProductSerializer, summary="Satu produk")
    def get(self, request, pk):
        return Response(MyProductSerializer(self.get_object(request, pk)).data)

    @extend_schema(tags=TAG, request=ProductInputSerializer, responses=MyProductSerializer,
                   summary="Ubah produk")  # fmt: skip
    def patch(self, request, pk):
        product = self.get_object(request, pk)
        form = _product_form(request, product)
        try:
            product = catalog_services.update_product(
                product=product, user=request.user, **form.product_data()
            )
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(MyProductSerializer(product).data)


class ProductArchiveView(ProductDetailView):
    http_method_names = ["post", "options"]  # not the product's GET/PATCH it inherits

    @extend_schema(tags=TAG, request=None, responses=MyProductSerializer, summary="Arsipkan")
    def post(self, request, pk):
        product = catalog_services.archive_product(
            product=self.get_object(request, pk), user=request.user
        )
        return Response(MyProductSerializer(product).data)


class ProductImportView(MemberAPIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=TAG,
        request={"multipart/form-data": ImportInputSerializer},
        responses={
            200: ImportResultSerializer,
            # Rows with errors: the import result; no usable file: the API's error shape.
            400: PolymorphicProxySerializer(
                component_name="ImportRejected",
                serializers=[ImportResultSerializer, ErrorResponseSerializer],
                resource_type_field_name=None,
            ),
        },
        summary="Impor CSV/XLSX (uji coba dengan dry_run=true)",
    )
    def post(self, request):
        vendor = self.membership(request).vendor
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Pilih berkas CSV atau XLSX."]})
        dry_run = str(request.data.get("dry_run", "true")).lower() not in ("false", "0", "no")
        try:
            dataset = bulk.load_dataset(upload, upload.name)
        except bulk.FileError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        try:
            result = catalog_services.import_products(
                vendor=vendor, user=request.user, dataset=dataset, dry_run=dry_run
            )
        except DjangoValidationError as exc:
            _raise(exc)
        body = ImportResultSerializer(
            {
                "saved": result.saved, "has_errors": result.has_errors,
                "created": result.created, "updated": result.updated,
                "file_errors": result.file_errors,
                "error_rows": [r.__dict__ for r in result.error_rows],
            }
        ).data  # fmt: skip
        return Response(body, status=400 if result.has_errors else 200)


class ProductExportView(MemberAPIView):
    @extend_schema(
        tags=TAG,
        parameters=[OpenApiParameter("format", str, enum=["csv", "xlsx"])],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, bulk.FORMATS["xlsx"]): OpenApiTypes.BINARY,
        },
        summary="Ekspor produk (CSV/XLSX)",
    )
    def get(self, request):
        vendor = self.membership(request).vendor
        fmt = request.query_params.get("format", "csv")
        if fmt not in bulk.FORMATS:
            raise ValidationError({"format": ["Format harus csv atau xlsx."]})
        products = (
            Product.objects.filter(vendor=vendor)
            .exclude(status=Product.Status.ARCHIVED)
            .select_related("category")
            .order_by("name", "pk")
        )
        response = HttpResponse(bulk.export_bytes(products, fmt), content_type=bulk.FORMATS[fmt])
        response["Content-Disposition"] = f'attachment; filename="produk-{vendor.slug}.{fmt}"'
        return response

    def perform_content_negotiation(self, request, force=False):
        # ?format=csv|xlsx names the file format, not a DRF renderer.
        return super().perform_content_negotiation(request, force=True)


class InvitationView(MemberAPIView):
    @extend_schema(
        tags=TAG,
        request=InvitationSerializer,
        responses={201: InvitationSerializer},
        summary="Undang staf lewat email",
    )
    def post(self, request):
        membership = self.membership(request)
        if membership.role != VendorMember.Role.OWNER:
            raise NotFound()
        form = InviteForm(request.data)
        if not form.is_valid():
            raise _form_errors(form)
        try:
            invitation = services.invite_member(
                vendor=membership.vendor, by=request.user, email=form.cleaned_data["email"]
            )
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("vendor/", MyVendorView.as_view(), name="me_vendor"),
    path("vendor/steps/<slug:step>/", StepView.as_view(), name="me_vendor_step"),
    path("vendor/submit/", SubmitView.as_view(), name="me_vendor_submit"),
    path("vendor/readiness/", ReadinessView.as_view(), name="me_vendor_readiness"),
    path("vendor/documents/", DocumentListView.as_view(), name="me_vendor_documents"),
    path("vendor/documents/<int:pk>/", DocumentDetailView.as_view(), name="me_vendor_document"),
    path(
        "vendor/documents/<int:pk>/file/",
        DocumentFileView.as_view(),
        name="me_vendor_document_file",
    ),
    path("vendor/products/", ProductListView.as_view(), name="me_vendor_products"),
    path("vendor/products/import/", ProductImportView.as_view(), name="me_vendor_import"),
    path("vendor/products/export/", ProductExportView.as_view(), name="me_vendor_export"),
    path("vendor/products/<int:pk>/", ProductDetailView.as_view(), name="me_vendor_product"),
    path(
        "vendor/products/<int:pk>/archive/",
        ProductArchiveView.as_view(),
        name="me_vendor_product_archive",
    ),
    path("vendor/invitations/", InvitationView.as_view(), name="me_vendor_invitations"),
]
