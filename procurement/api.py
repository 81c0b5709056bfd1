"""Public read API of OPD names (for scripts that label purchases or shortlists)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny

from config.api import PublicReadMixin

from .filters import OPDFilterSet
from .models import OPD
from .serializers import OPDSerializer


@extend_schema(tags=["OPD"])
class OPDViewSet(PublicReadMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Organisasi Perangkat Daerah Kabupaten Batang: nama saja."""

    queryset = OPD.objects.order_by("name")
    serializer_class = OPDSerializer
    filterset_class = OPDFilterSet
    permission_classes = [AllowAny]
