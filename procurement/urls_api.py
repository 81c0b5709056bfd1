"""API of the buying side under /api/v1/ (me/shortlists, me/purchases, stats)."""

urlpatterns: list = []
