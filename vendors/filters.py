"""FilterSets of the public vendor API (vendors, kecamatan).

tests/vendors/test_api.py fails when a Vendor field is neither filtered nor explicitly listed
as not filterable (with the reason).
"""

import re

import django_filters
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from catalog import selectors as catalog_selectors
from catalog.filters import SearchTextFilter, category_filter, kecamatan_filter
from catalog.models import Product
from config.api import OrderingFilter, StrictBooleanFilter

from . import selectors
from .models import Kecamatan, Vendor

_KBLI_RE = re.compile(r"^[0-9]{5}$")


class VendorFilterSet(django_filters.FilterSet):
    q = SearchTextFilter(to_ids=catalog_selectors.vendor_ids_for_product_ids)
    letter = django_filters.ChoiceFilter(
        method="filter_letter",
        field_name="name",
        choices=[(c, c) for c in (*selectors.LETTERS, selectors.OTHER_LETTER)],
        label=_("Huruf awal nama"),
    )
    category = category_filter("products__category", "filter_category")
    kecamatan = kecamatan_filter("kecamatan")
    scale = django_filters.MultipleChoiceFilter(
        choices=Vendor.Scale.choices, distinct=False, label=_("Skala usaha")
    )
    umk = StrictBooleanFilter(
        method="filter_umk", field_name="scale", label=_("Usaha mikro/kecil (UMK)")
    )
    koperasi = StrictBooleanFilter(field_name="is_koperasi", label=_("Koperasi"))
    legal_form = django_filters.MultipleChoiceFilter(
        choices=Vendor.LegalForm.choices, distinct=False, label=_("Bentuk usaha")
    )
    pkp = django_filters.ChoiceFilter(
        field_name="pkp_status", choices=Vendor.PKPStatus.choices, label=_("Status PKP")
    )
    kbli = django_filters.CharFilter(
        method="filter_kbli",
        field_name="kbli_codes",
        label=_("Kode KBLI"),
        help_text=_("Kode KBLI 5 digit."),
    )
    pdn = StrictBooleanFilter(
        method="filter_pdn", field_name="products__is_pdn", label=_("Punya produk PDN")
    )
    tkdn_min = django_filters.NumberFilter(
        method="filter_tkdn_min", field_name="products__tkdn_percent", min_value=0,
        max_value=100, label=_("Punya produk dengan TKDN minimum (%)"),
    )  # fmt: skip
    has_inaproc_link = StrictBooleanFilter(
        method="filter_has_link", field_name="inaproc_url", label=_("Punya toko di INAPROC")
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Diperbarui sejak"),
        help_text=_("Tanggal/waktu ISO 8601, mis. 2026-02-01."),
    )
    verified_since = django_filters.IsoDateTimeFilter(
        field_name="verified_at", lookup_expr="gte", label=_("Diverifikasi sejak")
    )
    ordering = OrderingFilter(
        fields=(
            ("name", "name"),
            ("updated_at", "updated"),
            ("verified_at", "verified"),
            ("product_count", "product_count"),
        ),
        label=_("Urutan"),
    )

    class Meta:
        model = Vendor
        fields: list[str] = []

    def filter_letter(self, queryset, name, value):
        return selectors.filter_by_letter(queryset, value) if value else queryset

    def filter_category(self, queryset, name, value):
        if not value:
            return queryset
        query = Q()
        for category in value:
            query |= catalog_selectors.vendors_selling_in(category)
        return queryset.filter(query)

    def filter_umk(self, queryset, name, value):
        if value is None:
            return queryset
        umk = Q(scale__in=[Vendor.Scale.MIKRO, Vendor.Scale.KECIL])
        return queryset.filter(umk) if value else queryset.exclude(umk)

    def filter_kbli(self, queryset, name, value):
        from rest_framework.exceptions import ValidationError

        value = (value or "").strip()
        if not value:
            return queryset
        if not _KBLI_RE.match(value):
            raise ValidationError({"kbli": [_("Kode KBLI harus 5 digit angka.")]})
        # JSON text containment works the same on SQLite and PostgreSQL.
        return queryset.alias(kbli_text=Cast("kbli_codes", TextField())).filter(
            kbli_text__contains=f'"{value}"'
        )

    def _with_public_products(self, queryset, condition: Q, value):
        if value is None:
            return queryset
        vendors = Product.objects.public().filter(condition).values("vendor_id")
        return queryset.filter(pk__in=vendors) if value else queryset.exclude(pk__in=vendors)

    def filter_pdn(self, queryset, name, value):
        return self._with_public_products(queryset, Q(is_pdn=True), value)

    def filter_tkdn_min(self, queryset, name, value):
        if value is None:
            return queryset
        return self._with_public_products(queryset, Q(tkdn_percent__gte=value), True)

    def filter_has_link(self, queryset, name, value):
        if value is None:
            return queryset
        linked = ~Q(inaproc_url="") | ~Q(toko_daring_url="")
        return queryset.filter(linked) if value else queryset.exclude(linked)


class KecamatanFilterSet(django_filters.FilterSet):
    has_vendors = StrictBooleanFilter(
        method="filter_has_vendors", field_name="vendors", label=_("Ada penyedia terverifikasi")
    )
    ordering = OrderingFilter(
        fields=(("name", "name"), ("code", "code"), ("vendor_count", "vendor_count")),
        label=_("Urutan"),
    )

    class Meta:
        model = Kecamatan
        fields: list[str] = []

    def filter_has_vendors(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(vendor_count__gt=0) if value else queryset.filter(vendor_count=0)
