"""FilterSet of the public OPD list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from config.api import OrderingFilter
from vendors.models import Kecamatan

from .models import OPD


class OPDFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(
        choices=OPD.Kind.choices, distinct=False, label=_("Jenis OPD")
    )
    kecamatan = django_filters.ModelChoiceFilter(
        field_name="kecamatan",
        to_field_name="slug",
        queryset=Kecamatan.objects.all(),
        label=_("Kecamatan"),
    )
    ordering = OrderingFilter(
        fields=(("name", "name"), ("short_name", "short_name")), label=_("Urutan")
    )

    class Meta:
        model = OPD
        fields: list[str] = []
