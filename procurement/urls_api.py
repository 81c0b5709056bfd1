"""Buyer and figures API, mounted at /api/v1/ by config/urls.py."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api_buyer

router = SimpleRouter()
router.register("me/shortlists", api_buyer.ShortlistViewSet, basename="me-shortlist")
router.register(
    r"me/shortlists/(?P<shortlist_pk>\d+)/items",
    api_buyer.ShortlistItemViewSet,
    basename="me-shortlist-item",
)
router.register("me/purchases", api_buyer.PurchaseViewSet, basename="me-purchase")

urlpatterns = [
    path("stats/regency/", api_buyer.RegencyStatsView.as_view(), name="stats-regency"),
    path("stats/opds/", api_buyer.AllOPDStatsView.as_view(), name="stats-opds"),
    path("stats/opd/<slug:slug>/", api_buyer.OPDStatsView.as_view(), name="stats-opd"),
    *router.urls,
]
