"""Serializers of the buyer API (/api/v1/me/...) and the figures API (/api/v1/stats/...).

Writes go through procurement.services; these classes only shape and validate input.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from catalog.models import Category

from .models import Purchase, Shortlist, ShortlistExport, ShortlistItem
from .selectors import live_changes


class ShortlistItemSerializer(serializers.ModelSerializer):
    total_price = serializers.IntegerField(read_only=True, allow_null=True)
    on_inaproc = serializers.BooleanField(read_only=True)
    changes = serializers.SerializerMethodField()
    product = serializers.IntegerField(source="product_id", required=False, allow_null=True)
    vendor = serializers.IntegerField(source="vendor_id", required=False, allow_null=True)

    class Meta:
        model = ShortlistItem
        fields = [
            "id",
            "product",
            "vendor",
            "quantity",
            "note",
            "position",
            "added_at",
            "snap_product_name",
            "snap_vendor_name",
            "snap_unit_price",
            "snap_unit",
            "snap_tkdn_percent",
            "snap_tkdn_bmp_percent",
            "snap_is_pdn",
            "snap_kecamatan",
            "snap_inaproc_url",
            "snap_toko_daring_url",
            "snap_is_umk",
            "snap_is_koperasi",
            "snap_lead_time_days",
            "snap_category_name",
            "total_price",
            "on_inaproc",
            "changes",
        ]
        read_only_fields = [f for f in fields if f not in ("product", "vendor", "quantity", "note")]

    def get_changes(self, item) -> list[str]:
        return [change.code for change in live_changes(item)]


class ShortlistItemCreateSerializer(serializers.Serializer):
    product = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    vendor = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    quantity = serializers.IntegerField(
        min_value=1, default=1, error_messages={"min_value": _("Jumlah paling sedikit 1.")}
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if not attrs.get("product") and not attrs.get("vendor"):
            raise serializers.ValidationError(
                {"product": [_("Isi product atau vendor yang akan ditambahkan.")]}
            )
        return attrs


class ShortlistItemUpdateSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(
        min_value=1, error_messages={"min_value": _("Jumlah paling sedikit 1.")}
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class MoveSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(
        choices=[("up", "up"), ("down", "down")],
        error_messages={"invalid_choice": _("Arah harus 'up' atau 'down'.")},
    )


class SlugField(serializers.SlugRelatedField):
    """A slug lookup that never sends a NUL byte to the database (PostgreSQL rejects it with
    an error, which would be a 500): such a value is just an unknown slug."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


class ShortlistSerializer(serializers.ModelSerializer):
    opd = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    owner = serializers.CharField(source="owner.get_username", read_only=True)
    category = SlugField(
        slug_field="slug", queryset=Category.objects.all(), required=False, allow_null=True
    )
    item_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Shortlist
        fields = [
            "id",
            "opd",
            "owner",
            "title",
            "description",
            "rup_code",
            "pagu",
            "planned_year",
            "planned_quarter",
            "category",
            "status",
            "version",
            "item_count",
            "created_at",
            "updated_at",
            "locked_at",
            "exported_at",
        ]
        read_only_fields = [
            "id",
            "opd",
            "owner",
            "status",
            "version",
            "item_count",
            "created_at",
            "updated_at",
            "locked_at",
            "exported_at",
        ]


class ShortlistDetailSerializer(ShortlistSerializer):
    items = ShortlistItemSerializer(many=True, read_only=True)

    class Meta(ShortlistSerializer.Meta):
        fields = [*ShortlistSerializer.Meta.fields, "items"]


class ShortlistUpdateSerializer(ShortlistSerializer):
    """PATCH: header fields plus the `version` the client last saw (required)."""

    version = serializers.IntegerField(min_value=1)

    class Meta(ShortlistSerializer.Meta):
        read_only_fields = [f for f in ShortlistSerializer.Meta.read_only_fields if f != "version"]


class ShortlistExportSerializer(serializers.ModelSerializer):
    exported_by = serializers.CharField(
        source="exported_by.get_username", read_only=True, allow_null=True
    )

    class Meta:
        model = ShortlistExport
        fields = ["id", "format", "exported_by", "exported_at"]
        read_only_fields = fields


class PurchaseSerializer(serializers.ModelSerializer):
    shortlist = serializers.IntegerField(source="shortlist_id", required=False, allow_null=True)
    shortlist_item = serializers.IntegerField(
        source="shortlist_item_id", required=False, allow_null=True
    )
    product = serializers.IntegerField(source="product_id", required=False, allow_null=True)
    vendor = serializers.IntegerField(source="vendor_id", required=False, allow_null=True)
    opd = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    waiting_for_paperwork = serializers.BooleanField(read_only=True)

    class Meta:
        model = Purchase
        fields = [
            "id",
            "opd",
            "shortlist",
            "shortlist_item",
            "product",
            "vendor",
            "vendor_name",
            "outcome",
            "reason",
            "amount",
            "purchased_at",
            "channel",
            "order_reference",
            "is_batang_vendor",
            "is_umk_or_koperasi",
            "tkdn_percent",
            "delivered_on",
            "bast_signed_on",
            "invoice_received_on",
            "paid_on",
            "waiting_for_paperwork",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "opd",
            "is_batang_vendor",
            "is_umk_or_koperasi",
            "tkdn_percent",
            "waiting_for_paperwork",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"channel": {"required": False}, "amount": {"min_value": 1}}


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Purchase
        fields = ["delivered_on", "bast_signed_on", "invoice_received_on", "paid_on"]


class QuarterSerializer(serializers.Serializer):
    quarter = serializers.IntegerField()
    amount = serializers.IntegerField()
    cumulative = serializers.IntegerField()
    percent = serializers.FloatField(allow_null=True)
    target = serializers.IntegerField()
    meets_target = serializers.BooleanField(allow_null=True)


class AmountSerializer(serializers.Serializer):
    key = serializers.CharField()
    amount = serializers.IntegerField()


class FiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    opd = serializers.CharField(allow_null=True, required=False)
    pagu = serializers.IntegerField(allow_null=True)
    realised = serializers.IntegerField()
    purchase_count = serializers.IntegerField()
    absorption_percent = serializers.FloatField(allow_null=True)
    quarters = QuarterSerializer(many=True)
    batang_amount = serializers.IntegerField()
    batang_percent = serializers.FloatField(allow_null=True)
    umk_amount = serializers.IntegerField()
    umk_percent = serializers.FloatField(allow_null=True)
    umk_floor = serializers.IntegerField()
    umk_meets_floor = serializers.BooleanField(allow_null=True)
    tkdn25_amount = serializers.IntegerField()
    tkdn25_percent = serializers.FloatField(allow_null=True)
    by_channel = AmountSerializer(many=True)
    by_category = AmountSerializer(many=True)
    waiting_count = serializers.IntegerField()

    def to_representation(self, figs):
        data = dict(figs)
        data["opd"] = figs["opd"].slug if figs.get("opd") is not None else None
        data["by_channel"] = [{"key": k, "amount": v} for k, v in figs["by_channel"]]
        data["by_category"] = [{"key": k, "amount": v} for k, v in figs["by_category"]]
        return super().to_representation(data)
