"""Public catalogue pages, mounted at the site root by config/urls.py (before Wagtail)."""

from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("produk/<int:pk>/", views.product_short, name="product-short"),
    path("produk/<int:pk>/<str:slug>/", views.product_detail, name="product"),
    path("kategori/<slug:slug>/", views.category_landing, name="category"),
    path("kecamatan/<slug:slug>/", views.kecamatan_landing, name="kecamatan"),
]
