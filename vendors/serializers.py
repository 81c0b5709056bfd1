"""Public representations of vendors and kecamatan.

Only what a vendor shows the public: never the NPWP, NIB, street address, documents, review
notes or who verified it; phone, WhatsApp and email only when the vendor chose to show them
(null otherwise). tests/vendors/test_api.py pins the exact field sets.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Kecamatan, Vendor


def public_phone(vendor: Vendor) -> str | None:
    return vendor.phone if vendor.phone_public and vendor.phone else None


def public_whatsapp(vendor: Vendor) -> str | None:
    return vendor.whatsapp if vendor.whatsapp_public and vendor.whatsapp else None


def public_email(vendor: Vendor) -> str | None:
    return vendor.email if vendor.email_public and vendor.email else None


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class KecamatanRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kecamatan
        fields = ["slug", "name"]


class KecamatanSerializer(serializers.ModelSerializer):
    vendor_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Kecamatan
        fields = ["slug", "name", "code", "desa_count", "vendor_count", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context.get("request"), reverse("catalog:kecamatan", args=[obj.slug]))


class VendorRefSerializer(serializers.ModelSerializer):
    """A vendor as shown next to one of its products."""

    kecamatan = KecamatanRefSerializer(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Vendor
        fields = ["slug", "name", "kecamatan", "is_koperasi", "scale", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url())


class VendorSerializer(serializers.ModelSerializer):
    legal_form_label = serializers.CharField(source="get_legal_form_display", read_only=True)
    scale_label = serializers.CharField(source="get_scale_display", read_only=True)
    is_umk = serializers.BooleanField(read_only=True)
    kecamatan = KecamatanRefSerializer(read_only=True)
    desa = serializers.CharField(source="desa.name", default=None, read_only=True, allow_null=True)
    phone = serializers.SerializerMethodField()
    whatsapp = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()
    has_inaproc_link = serializers.BooleanField(read_only=True)
    product_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    products_url = serializers.SerializerMethodField()

    class Meta:
        model = Vendor
        fields = [
            "slug",
            "name",
            "legal_form",
            "legal_form_label",
            "scale",
            "scale_label",
            "is_umk",
            "is_koperasi",
            "kbli_codes",
            "kecamatan",
            "desa",
            "description",
            "website",
            "phone",
            "whatsapp",
            "email",
            "inaproc_url",
            "toko_daring_url",
            "has_inaproc_link",
            "verified_at",
            "updated_at",
            "product_count",
            "url",
            "products_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_phone(self, obj):
        return public_phone(obj)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_whatsapp(self, obj):
        return public_whatsapp(obj)

    @extend_schema_field(serializers.EmailField(allow_null=True))
    def get_email(self, obj):
        return public_email(obj)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_products_url(self, obj) -> str:
        return absolute(
            self.context.get("request"), reverse("api:vendor-products", args=[obj.slug])
        )


class ServedCategorySerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    path = serializers.CharField(read_only=True)


class VendorDetailSerializer(VendorSerializer):
    categories = serializers.SerializerMethodField()

    class Meta(VendorSerializer.Meta):
        fields = [*VendorSerializer.Meta.fields, "categories"]
        read_only_fields = fields

    @extend_schema_field(ServedCategorySerializer(many=True))
    def get_categories(self, obj):
        from .selectors import categories_served

        return ServedCategorySerializer(categories_served(obj), many=True).data
