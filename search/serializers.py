"""JSON shapes of the search API (documented in the OpenAPI schema)."""

from rest_framework import serializers

from config.openapi import ErrorResponseSerializer  # noqa: F401  (the API's one error shape)


class SearchVendorSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    kecamatan = serializers.CharField(allow_null=True)


class SearchCategorySerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField(allow_null=True)
    price = serializers.IntegerField(help_text="Harga satuan dalam Rupiah penuh.")
    unit = serializers.CharField()
    tkdn_percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    is_pdn = serializers.BooleanField()
    vendor = SearchVendorSerializer()
    category = SearchCategorySerializer()
    highlight = serializers.CharField(help_text="Cuplikan deskripsi (HTML, kata cocok di <mark>).")
    name_highlight = serializers.CharField(help_text="Nama produk (HTML, kata cocok di <mark>).")
    score = serializers.FloatField()

    @staticmethod
    def from_row(row: dict) -> dict:
        product, hit = row["product"], row["hit"]
        vendor = product.vendor
        return {
            "id": product.id,
            "name": product.name,
            "url": row["url"],
            "price": product.price,
            "unit": product.unit,
            "tkdn_percent": product.tkdn_percent,
            "is_pdn": product.is_pdn,
            "vendor": {
                "name": vendor.name,
                "slug": vendor.slug,
                "kecamatan": vendor.kecamatan.name if vendor.kecamatan_id else None,
            },
            "category": {"name": product.category.name, "slug": product.category.slug},
            "highlight": hit.highlight,
            "name_highlight": hit.name_highlight,
            "score": hit.score,
        }


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()
    parent = serializers.CharField(required=False, help_text="Kategori induk (facet kategori).")


class RelatedCategorySerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class SearchResponseSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
    backend = serializers.CharField()
    took_ms = serializers.FloatField()
    no_good_match = serializers.BooleanField(
        help_text="Benar jika tidak ada yang cocok dengan baik; lihat did_you_mean dan "
        "related_categories."
    )
    did_you_mean = serializers.CharField(allow_blank=True)
    related_categories = RelatedCategorySerializer(many=True)


class SuggestResponseSerializer(serializers.Serializer):
    q = serializers.CharField(allow_blank=True)
    suggestions = serializers.ListField(child=serializers.CharField())
