"""Every sitemap of the site in one dict, served at /sitemap.xml (config/urls.py).

Wagtail's sitemap lists the live, public pages. Other apps add their own Django `Sitemap`
classes here (vendors, products) under a new key.
"""

from wagtail.contrib.sitemaps import Sitemap as WagtailPagesSitemap

from catalog.sitemaps import ProductSitemap
from vendors.sitemaps import VendorSitemap

sitemaps = {
    "halaman": WagtailPagesSitemap,
    "penyedia": VendorSitemap,
    "produk": ProductSitemap,
}
