"""Buyer pages under /belanja/."""

from django.urls import path

from . import views

app_name = "procurement"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("masuk/", views.BuyerLoginView.as_view(), name="login"),
    path("keluar/", views.BuyerLogoutView.as_view(), name="logout"),
    path("daftar/", views.shortlist_list, name="shortlist_list"),
    path("daftar/baru/", views.shortlist_create, name="shortlist_create"),
    path("daftar/<int:pk>/", views.shortlist_detail, name="shortlist_detail"),
    path("daftar/<int:pk>/ubah/", views.shortlist_edit, name="shortlist_edit"),
    path("daftar/<int:pk>/bandingkan/", views.compare, name="shortlist_compare"),
    path("daftar/<int:pk>/kunci/", views.lock, name="shortlist_lock"),
    path("daftar/<int:pk>/unduh.xlsx", views.export_xlsx, name="shortlist_xlsx"),
    path("daftar/<int:pk>/unduh.csv", views.export_csv, name="shortlist_csv"),
    path("daftar/<int:pk>/cetak/", views.print_view, name="shortlist_print"),
    path("daftar/<int:pk>/hasil/", views.record_shortlist_outcome, name="shortlist_outcome"),
    path("daftar/<int:pk>/butir/<int:item_pk>/hapus/", views.item_remove, name="item_remove"),
    path("daftar/<int:pk>/butir/<int:item_pk>/pindah/", views.item_move, name="item_move"),
    path("daftar/<int:pk>/butir/<int:item_pk>/ubah/", views.item_update, name="item_update"),
    path(
        "daftar/<int:pk>/butir/<int:item_pk>/pendampingan/",
        views.item_outreach,
        name="item_outreach",
    ),
    path(
        "daftar/<int:pk>/butir/<int:item_pk>/hasil/", views.record_item_outcome, name="item_outcome"
    ),
    path("tambah/", views.add_item, name="add_item"),
    path("pembelian/", views.purchase_list, name="purchase_list"),
    path("pembelian/baru/", views.record_product_purchase, name="purchase_create"),
    path("pembelian/menunggu-berkas/", views.waiting_list, name="waiting"),
    path("pembelian/<int:pk>/", views.purchase_detail, name="purchase_detail"),
    path("anggaran/", views.budget, name="budget"),
    path("statistik/", views.stats_regency, name="stats_regency"),
    path("statistik/opd/", views.stats_all_opds, name="stats_all_opds"),
    path("statistik/opd/<slug:slug>/", views.stats_opd, name="stats_opd"),
]
