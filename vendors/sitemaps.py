"""Sitemap of the public vendor profiles (verified vendors only)."""

from django.contrib.sitemaps import Sitemap

from .models import Vendor


class VendorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Vendor.objects.verified().only("slug", "updated_at").order_by("pk")

    def lastmod(self, vendor):
        return vendor.updated_at
