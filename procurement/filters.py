"""FilterSet of the public OPD list."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from config.api import OrderingFilter
from vendors.models import Kecamatan

from .models import OPD, Shortlist


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


class IntegerFilter(django_filters.NumberFilter):
    """A whole number: "?planned_year=2026.5" is a 400, not an empty list."""

    field_class = forms.IntegerField


class ShortlistFilterSet(django_filters.FilterSet):
    """Filters of the buyer's shortlist list (/api/v1/me/shortlists/)."""

    status = django_filters.ChoiceFilter(choices=Shortlist.Status.choices)
    planned_year = IntegerFilter()
    planned_quarter = django_filters.TypedChoiceFilter(
        choices=Shortlist.Quarter.choices, coerce=int
    )

    class Meta:
        model = Shortlist
        fields = ["status", "planned_year", "planned_quarter"]
