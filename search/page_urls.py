"""The catalogue search page, mounted at /cari/ by config/urls.py."""

from django.urls import path

from .views import search_page

app_name = "search"

urlpatterns = [path("", search_page, name="page")]
