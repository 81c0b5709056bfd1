"""Public vendor pages, mounted at /penyedia/ by config/urls.py."""

from django.urls import path

from . import views

app_name = "vendors"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.detail, name="detail"),
]
