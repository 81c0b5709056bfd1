"""Public representations of categories and products.

Products are shown only when published by a verified vendor (catalog.selectors); nothing here
exposes the status, the vendor's private contacts or identifiers. tests/catalog/test_api.py pins
the exact field sets.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vendors.serializers import VendorRefSerializer, absolute

from .models import Category, Product, ProductImage


class CategorySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    product_count = serializers.IntegerField(
        read_only=True, help_text="Produk tayang di kategori ini dan semua subkategorinya."
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Category
        fields = ["slug", "name", "path", "depth", "parent", "keywords", "product_count", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url())


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name", "path"]


class ProductImageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    alt = serializers.SerializerMethodField()

    class Meta:
        model = ProductImage
        fields = ["url", "alt"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context.get("request"), obj.image.file.url)

    def get_alt(self, obj) -> str:
        return obj.alt_text or obj.image.title


class ProductSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    category = CategoryRefSerializer(read_only=True)
    vendor = VendorRefSerializer(read_only=True)
    tkdn_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, read_only=True, allow_null=True
    )
    tkdn_bmp_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, read_only=True, allow_null=True
    )
    has_epurchasing_link = serializers.BooleanField(read_only=True)
    images = ProductImageSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "kind_label",
            "category",
            "vendor",
            "description",
            "brand",
            "unit",
            "price",
            "price_valid_until",
            "min_order",
            "lead_time_days",
            "capacity",
            "tkdn_percent",
            "tkdn_bmp_percent",
            "tkdn_certificate_number",
            "is_pdn",
            "has_sni",
            "is_halal",
            "ekatalog_url",
            "toko_daring_url",
            "has_epurchasing_link",
            "images",
            "updated_at",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url())
