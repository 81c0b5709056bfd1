"""Sitemap of the public vendor profiles (verified vendors only)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Vendor


class VendorSitemap(Sitemap):
    # Listed in the index at /sitemap.xml; each page of this section (?p=2, ...) holds at most
    # `limit` URLs, well under the 50,000 a sitemap file may have.
    limit = 10_000
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Vendor.objects.verified().only("slug", "updated_at").order_by("pk")

    def lastmod(self, vendor):
        return vendor.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, not Django's default of loading every item.
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]
