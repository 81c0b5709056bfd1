"""Public representation of an OPD: its names only (nothing about buyers, shortlists or
purchases)."""

from rest_framework import serializers

from .models import OPD


class OPDSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = OPD
        fields = ["slug", "name", "short_name", "kind", "kind_label"]
        read_only_fields = fields
