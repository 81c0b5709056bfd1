"""Serializers of the vendor self-service API (/api/v1/me/vendor/...).

Output shapes are serializers; input is validated by the same Django forms as the HTML pages
(vendors/forms.py, catalog/forms.py), so the API and the pages give identical Indonesian
messages. The input serializers below document those fields in the OpenAPI schema.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalog.models import Product, ProductImage

from .models import Vendor, VendorDocument, VendorInvitation, VendorRevision


def _choices_help(choices) -> str:
    return "Salah satu: " + ", ".join(value for value, _label in choices)


class VendorRevisionSerializer(serializers.ModelSerializer):
    status = serializers.CharField(
        read_only=True, help_text=_choices_help(VendorRevision.Status.choices)
    )

    class Meta:
        model = VendorRevision
        fields = ["id", "changes", "status", "reason", "created_at", "decided_at"]


class MyVendorSerializer(serializers.ModelSerializer):
    kecamatan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    desa = serializers.StringRelatedField(allow_null=True)
    status = serializers.CharField(read_only=True, help_text=_choices_help(Vendor.Status.choices))
    completed_steps = serializers.SerializerMethodField()
    pending_revision = serializers.SerializerMethodField()
    role = serializers.SerializerMethodField()

    class Meta:
        model = Vendor
        fields = [
            "id", "name", "slug", "legal_form", "nib", "npwp", "kbli_codes", "scale",
            "is_koperasi", "pkp_status", "address", "kecamatan", "desa", "phone",
            "phone_public", "whatsapp", "whatsapp_public", "email", "email_public", "website",
            "description", "inaproc_url", "toko_daring_url", "status", "status_reason",
            "submitted_at", "verified_at", "completed_steps", "pending_revision", "role",
        ]  # fmt: skip
        read_only_fields = fields

    def get_completed_steps(self, vendor) -> list[str]:
        from .services import completed_steps

        return completed_steps(vendor)

    @extend_schema_field(VendorRevisionSerializer(allow_null=True))
    def get_pending_revision(self, vendor):
        from .services import pending_revision

        revision = pending_revision(vendor)
        return VendorRevisionSerializer(revision).data if revision else None

    def get_role(self, vendor) -> str:
        membership = self.context.get("membership")
        return membership.role if membership else ""


class StepInputSerializer(serializers.Serializer):
    """Any subset of the step's fields (see the wizard: usaha, alamat, kontak, toko)."""

    legal_form = serializers.ChoiceField(choices=Vendor.LegalForm.choices, required=False)
    name = serializers.CharField(required=False)
    nib = serializers.CharField(required=False, help_text="13 digit NIB dari OSS")
    npwp = serializers.CharField(required=False, help_text="16 digit (15 digit diawali 0)")
    kbli_codes = serializers.CharField(required=False, help_text="Kode KBLI, dipisah koma")
    scale = serializers.ChoiceField(choices=Vendor.Scale.choices, required=False)
    is_koperasi = serializers.BooleanField(required=False)
    pkp_status = serializers.ChoiceField(choices=Vendor.PKPStatus.choices, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    address = serializers.CharField(required=False)
    kecamatan = serializers.IntegerField(required=False, help_text="id kecamatan")
    desa = serializers.IntegerField(required=False, allow_null=True, help_text="id desa")
    phone = serializers.CharField(required=False, allow_blank=True)
    phone_public = serializers.BooleanField(required=False)
    whatsapp = serializers.CharField(required=False, allow_blank=True)
    whatsapp_public = serializers.BooleanField(required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    email_public = serializers.BooleanField(required=False)
    website = serializers.URLField(required=False, allow_blank=True)
    inaproc_url = serializers.URLField(required=False, allow_blank=True)
    toko_daring_url = serializers.URLField(required=False, allow_blank=True)


class DocumentSerializer(serializers.ModelSerializer):
    # Plain strings (not enums) so the schema has no clashing "kind"/"status" enum names.
    kind = serializers.CharField(
        read_only=True, help_text=_choices_help(VendorDocument.Kind.choices)
    )
    review_status = serializers.CharField(
        read_only=True, help_text=_choices_help(VendorDocument.ReviewStatus.choices)
    )
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = VendorDocument
        fields = [
            "id", "kind", "number", "issued_on", "expires_on", "tkdn_percent", "content_type",
            "size_bytes", "review_status", "review_note", "uploaded_at", "download_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_download_url(self, document) -> str:
        return f"/api/v1/me/vendor/documents/{document.pk}/file/"


class DocumentInputSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_choices_help(VendorDocument.Kind.choices))
    number = serializers.CharField(required=False, allow_blank=True)
    issued_on = serializers.DateField(required=False, allow_null=True)
    expires_on = serializers.DateField(required=False, allow_null=True)
    tkdn_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    file = serializers.FileField(help_text="PDF, JPEG atau PNG, maks. 5 MB (dicek isinya)")


class MyProductImageSerializer(serializers.ModelSerializer):
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = ProductImage
        fields = ["id", "alt_text", "sort_order", "thumbnail_url"]

    def get_thumbnail_url(self, item) -> str:
        return item.image.get_rendition("fill-320x320").url


class MyProductSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    images = MyProductImageSerializer(many=True, read_only=True)
    kind = serializers.CharField(read_only=True, help_text=_choices_help(Product.Kind.choices))
    status = serializers.CharField(read_only=True, help_text=_choices_help(Product.Status.choices))

    class Meta:
        model = Product
        fields = [
            "id", "name", "category", "kind", "description", "brand", "unit", "price",
            "price_valid_until", "min_order", "lead_time_days", "capacity", "tkdn_percent",
            "tkdn_bmp_percent", "tkdn_certificate_number", "is_pdn", "has_sni", "is_halal",
            "ekatalog_url", "toko_daring_url", "keywords", "status", "images", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class ProductInputSerializer(serializers.Serializer):
    """For PATCH every field is optional; for POST name, category, unit and price are required."""

    name = serializers.CharField()
    category = serializers.IntegerField(help_text="id kategori")
    kind = serializers.CharField(required=False, help_text="barang atau jasa")
    description = serializers.CharField(required=False, allow_blank=True)
    brand = serializers.CharField(required=False, allow_blank=True)
    unit = serializers.CharField()
    price = serializers.IntegerField(min_value=1, help_text="Rupiah penuh")
    price_valid_until = serializers.DateField(required=False, allow_null=True)
    min_order = serializers.IntegerField(required=False, min_value=1)
    lead_time_days = serializers.IntegerField(required=False, min_value=0)
    capacity = serializers.CharField(required=False, allow_blank=True)
    tkdn_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    tkdn_bmp_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    tkdn_certificate_number = serializers.CharField(required=False, allow_blank=True)
    is_pdn = serializers.BooleanField(required=False)
    has_sni = serializers.BooleanField(required=False)
    is_halal = serializers.BooleanField(required=False)
    ekatalog_url = serializers.URLField(required=False, allow_blank=True)
    toko_daring_url = serializers.URLField(required=False, allow_blank=True)
    keywords = serializers.CharField(required=False, allow_blank=True)
    status = serializers.CharField(required=False, help_text="draft atau published")
    photo = serializers.ImageField(required=False)
    photo_alt = serializers.CharField(required=False, allow_blank=True)


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV atau XLSX dengan kolom templat")
    dry_run = serializers.BooleanField(default=True, help_text="true: hanya periksa")


class ImportRowSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    name = serializers.CharField()
    action = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ImportResultSerializer(serializers.Serializer):
    saved = serializers.BooleanField()
    has_errors = serializers.BooleanField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    file_errors = serializers.ListField(child=serializers.CharField())
    error_rows = ImportRowSerializer(many=True)


class ReadinessItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    ok = serializers.BooleanField()
    detail = serializers.CharField()
    problems = serializers.ListField(child=serializers.CharField())
    guidance_url = serializers.CharField()


class InvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = VendorInvitation
        fields = ["id", "email", "role", "created_at", "expires_at", "accepted_at"]
        read_only_fields = ["id", "role", "created_at", "expires_at", "accepted_at"]


class MessageSerializer(serializers.Serializer):
    detail = serializers.CharField()
