"""Sitemap of the public product pages (published products of verified vendors)."""

from django.contrib.sitemaps import Sitemap

from .models import Product


class ProductSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Product.objects.public().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, product):
        return product.updated_at
