"""The vendor's own products, mounted at /usaha/produk/ (inside the vendor_self namespace)."""

from django.urls import path

from . import views_self

app_name = "products"

urlpatterns = [
    path("", views_self.product_list, name="list"),
    path("baru/", views_self.product_create, name="create"),
    path("impor/", views_self.product_import, name="import"),
    path("ekspor/", views_self.product_export, name="export"),
    path("<int:pk>/", views_self.product_edit, name="edit"),
    path("<int:pk>/arsipkan/", views_self.product_archive, name="archive"),
]
