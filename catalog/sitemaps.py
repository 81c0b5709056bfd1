"""Sitemap of the public product pages (published products of verified vendors)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Product


class ProductSitemap(Sitemap):
    # Listed in the index at /sitemap.xml; each page of this section (?p=2, ...) holds at most
    # `limit` URLs, well under the 50,000 a sitemap file may have.
    limit = 10_000
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Product.objects.public().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, product):
        return product.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, not Django's default of loading every item.
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]
