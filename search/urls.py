"""Search API routes, mounted under /api/v1/ by config/urls.py."""

from django.urls import path

from .api import SearchAPIView, SuggestAPIView

app_name = "search_api"

urlpatterns = [
    path("search/", SearchAPIView.as_view(), name="search"),
    path("search/suggest/", SuggestAPIView.as_view(), name="suggest"),
]
