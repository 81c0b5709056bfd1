"""Placeholder; filled in the API step."""

urlpatterns = []
