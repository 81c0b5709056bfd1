"""FilterSets of the public catalogue API (products, categories).

Every filter a buyer uses on INAPROC or in the search page has a counterpart here;
tests/catalog/test_api.py fails when a Product field is neither filtered nor explicitly
listed as not filterable.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from config.api import OrderingFilter, StrictBooleanFilter
from vendors.models import Kecamatan, Vendor

from . import selectors
from .models import Category, Product

TEXT_HELP = _(
    "Kata kunci (mis. atk, nasi kotak, servis ac). Dicari oleh mesin pencarian katalog; "
    "tanpa `ordering` hasil diurutkan menurut relevansi (paling banyak 1000 hasil terbaik)."
)


@extend_schema_field(OpenApiTypes.STR)
class SlugMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Rows chosen by slug (`?kecamatan=subah&kecamatan=limpung`); an unknown slug is a 400."""


class SearchTextFilter(django_filters.CharFilter):
    """`q`: delegates matching and ranking to the catalogue search service."""

    def __init__(self, *args, to_ids, **kwargs):
        kwargs.setdefault("label", _("Kata kunci"))
        kwargs.setdefault("help_text", TEXT_HELP)
        kwargs.setdefault("max_length", 200)
        self.to_ids = to_ids
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        from search.query import SearchQueryError

        try:
            product_ids = selectors.search_product_ids(value)
        except SearchQueryError as exc:
            raise ValidationError({"q": [m for msgs in exc.errors.values() for m in msgs]}) from exc
        return selectors.order_by_ids(qs, self.to_ids(product_ids))


def category_filter(field_name: str, method: str):
    return SlugMultipleChoiceFilter(
        field_name=field_name,
        to_field_name="slug",
        queryset=Category.objects.all(),
        method=method,
        distinct=False,
        label=_("Kategori"),
        help_text=_("Slug kategori; termasuk semua subkategorinya. Boleh diulang."),
    )


def kecamatan_filter(field_name: str):
    return SlugMultipleChoiceFilter(
        # The filter compares `field_name` with the chosen rows' `to_field_name`.
        field_name=f"{field_name}__slug",
        to_field_name="slug",
        queryset=Kecamatan.objects.all(),
        distinct=False,
        label=_("Kecamatan"),
        help_text=_("Slug kecamatan (mis. subah). Boleh diulang."),
    )


class ProductFilterSet(django_filters.FilterSet):
    q = SearchTextFilter(to_ids=lambda ids: ids)
    category = category_filter("category", "filter_category")
    kecamatan = kecamatan_filter("vendor__kecamatan")
    vendor = SlugMultipleChoiceFilter(
        field_name="vendor__slug",
        to_field_name="slug",
        queryset=Vendor.objects.verified(),
        distinct=False,
        label=_("Penyedia"),
        help_text=_("Slug penyedia. Boleh diulang."),
    )
    scale = django_filters.MultipleChoiceFilter(
        field_name="vendor__scale",
        choices=Vendor.Scale.choices,
        distinct=False,
        label=_("Skala usaha"),
    )
    koperasi = StrictBooleanFilter(field_name="vendor__is_koperasi", label=_("Koperasi"))
    kind = django_filters.ChoiceFilter(choices=Product.Kind.choices, label=_("Jenis"))
    pdn = StrictBooleanFilter(field_name="is_pdn", label=_("Produk dalam negeri (PDN)"))
    sni = StrictBooleanFilter(field_name="has_sni", label=_("Ber-SNI"))
    halal = StrictBooleanFilter(field_name="is_halal", label=_("Bersertifikat halal"))
    tkdn_min = django_filters.NumberFilter(
        field_name="tkdn_percent", lookup_expr="gte", min_value=0, max_value=100,
        label=_("TKDN minimum (%)"),
    )  # fmt: skip
    tkdn_bmp_min = django_filters.NumberFilter(
        field_name="tkdn_bmp_percent", lookup_expr="gte", min_value=0, max_value=100,
        label=_("TKDN + BMP minimum (%)"),
    )  # fmt: skip
    price_min = django_filters.NumberFilter(
        field_name="price", lookup_expr="gte", min_value=0, label=_("Harga minimum (Rp)")
    )
    price_max = django_filters.NumberFilter(
        field_name="price", lookup_expr="lte", min_value=0, label=_("Harga maksimum (Rp)")
    )
    price_valid_on = django_filters.DateFilter(
        method="filter_price_valid_on",
        field_name="price_valid_until",
        label=_("Harga masih berlaku pada tanggal"),
        help_text=_("Tanggal (YYYY-MM-DD); harga tanpa batas berlaku ikut tampil."),
    )
    lead_time_max = django_filters.NumberFilter(
        field_name="lead_time_days", lookup_expr="lte", min_value=0,
        label=_("Waktu kirim maksimum (hari)"),
    )  # fmt: skip
    has_inaproc_link = StrictBooleanFilter(
        method="filter_has_link",
        field_name="ekatalog_url",
        label=_("Ada tautan e-Katalog/toko daring"),
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Diperbarui sejak"),
        help_text=_("Tanggal/waktu ISO 8601, mis. 2026-02-01 atau 2026-02-01T08:00:00+07:00."),
    )
    ordering = OrderingFilter(
        fields=(
            ("name", "name"),
            ("price", "price"),
            ("tkdn_percent", "tkdn"),
            ("lead_time_days", "lead_time"),
            ("updated_at", "updated"),
        ),
        label=_("Urutan"),
    )

    class Meta:
        model = Product
        fields: list[str] = []

    def filter_category(self, queryset, name, value):
        if not value:
            return queryset
        query = Q()
        for category in value:
            query |= Q(category__path__startswith=category.path)
        return queryset.filter(query)

    def filter_has_link(self, queryset, name, value):
        if value is None:
            return queryset
        linked = ~Q(ekatalog_url="") | ~Q(toko_daring_url="")
        return queryset.filter(linked) if value else queryset.exclude(linked)

    def filter_price_valid_on(self, queryset, name, value):
        return queryset.filter(Q(price_valid_until__isnull=True) | Q(price_valid_until__gte=value))


class CategoryFilterSet(django_filters.FilterSet):
    parent = django_filters.ModelChoiceFilter(
        field_name="parent",
        to_field_name="slug",
        queryset=Category.objects.all(),
        label=_("Induk"),
        help_text=_("Slug kategori induk: hanya anak langsungnya."),
    )
    depth = django_filters.NumberFilter(
        field_name="depth", min_value=1, max_value=3, label=_("Tingkat (1-3)")
    )
    ordering = OrderingFilter(
        fields=(("path", "path"), ("name", "name"), ("sort_order", "sort_order")),
        label=_("Urutan"),
    )

    class Meta:
        model = Category
        fields: list[str] = []
