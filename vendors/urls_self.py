"""Vendor self-service URLs, mounted at /usaha/ (products: catalog/urls_self.py)."""

from django.urls import include, path

from . import views_personal_data, views_self

app_name = "vendor_self"

urlpatterns = [
    path("", views_self.dashboard, name="dashboard"),
    path("daftar/", views_self.wizard, name="wizard"),
    path("daftar/ajukan/", views_self.submit, name="submit"),
    path("daftar/<slug:step>/", views_self.wizard, name="wizard_step"),
    path("dokumen/", views_self.documents, name="documents"),
    path("dokumen/<int:pk>/unduh/", views_self.document_download, name="document_download"),
    path("dokumen/<int:pk>/hapus/", views_self.document_delete, name="document_delete"),
    path("anggota/", views_self.members, name="members"),
    path("undangan/<str:token>/", views_self.accept_invitation, name="accept_invitation"),
    path("data-saya/", views_personal_data.my_data, name="personal_data"),
    path("data-saya/hapus/", views_personal_data.request_deletion, name="personal_data_delete"),
    path(
        "data-saya/<int:pk>/unduh/",
        views_personal_data.download,
        name="personal_data_download",
    ),
    path("produk/", include("catalog.urls_self")),
]
