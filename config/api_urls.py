"""Every route of the public API v1, mounted at /api/v1/ by config/urls.py.

One router for the apps' viewsets, the open-data CSV files and the OpenAPI schema with its
two viewers. The search endpoints (/api/v1/search/...) come from search's own include.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from catalog.api import CategoryViewSet, ProductCSVView, ProductViewSet
from procurement.api import OPDViewSet
from vendors.api import KecamatanViewSet, VendorCSVView, VendorViewSet

app_name = "api"

router = SimpleRouter()
router.register("vendors", VendorViewSet, basename="vendor")
router.register("products", ProductViewSet, basename="product")
router.register("categories", CategoryViewSet, basename="category")
router.register("kecamatan", KecamatanViewSet, basename="kecamatan")
router.register("opd", OPDViewSet, basename="opd")

urlpatterns = [
    path("vendors.csv", VendorCSVView.as_view(), name="vendors-csv"),
    path("products.csv", ProductCSVView.as_view(), name="products-csv"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    *router.urls,
]
