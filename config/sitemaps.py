"""Every sitemap of the site in one dict, served at /sitemap.xml (config/urls.py).

Wagtail's sitemap lists the live, public pages. Other apps add their own Django `Sitemap`
classes here (vendors, products) under a new key.

The views are cached (`index`, `section` below): a 10,000-URL section takes seconds to build and
crawlers fetch every one. Django's `cache_page` keys each response by its absolute URL (host,
scheme, ?p=N) under a prefix holding the sitemaps' change marker, `generation()`. Saving or
deleting a product or vendor, a bulk product import, and publishing, unpublishing, moving or
deleting a Wagtail page move the marker, so the next request rebuilds the sitemap and a newly
verified vendor is listed at once. Changes that send no signal (QuerySet.update, raw SQL) show
after CACHE_TIMEOUT at the latest. The content is the same for every visitor (public rows only,
no user data), so one shared cache entry per URL is right.
"""

import time
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.views.decorators.cache import cache_page
from wagtail.contrib.sitemaps import Sitemap as WagtailPagesSitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views

from catalog.sitemaps import ProductSitemap
from vendors.sitemaps import VendorSitemap

sitemaps = {
    "halaman": WagtailPagesSitemap,
    "penyedia": VendorSitemap,
    "produk": ProductSitemap,
}

# Also the Cache-Control max-age sent with the sitemaps (cache_page sets it).
CACHE_TIMEOUT = 60 * 60
GENERATION_KEY = "sitemaps:generation"


def generation() -> int:
    """A number that changes whenever a listed product, vendor or page may have changed."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = int(time.time() * 1000)
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, int(time.time() * 1000), None)


def bump_generation(**kwargs) -> None:
    """Signal receiver: move the marker now and again after the transaction commits.

    The second bump matters: a request served between the first bump and the commit reads the
    old rows and caches them under the new marker.
    """
    _bump()
    transaction.on_commit(_bump)


def cached(view):
    """`cache_page` with the current change marker in its key prefix."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        decorated = cache_page(CACHE_TIMEOUT, key_prefix=f"sitemaps.{generation()}")(view)
        return decorated(request, *args, **kwargs)

    return wrapper


index = cached(wagtail_sitemap_views.index)
section = cached(wagtail_sitemap_views.sitemap)


def connect_signals() -> None:
    """Called from CmsConfig.ready(), so commands and workers move the marker too."""
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from catalog.models import Product
    from catalog.signals import products_bulk_saved
    from vendors.models import Vendor

    for model in (Product, Vendor):
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"sitemaps_{model.__name__}")
        post_delete.connect(
            bump_generation, sender=model, dispatch_uid=f"sitemaps_{model.__name__}_deleted"
        )
    products_bulk_saved.connect(bump_generation, sender=Product, dispatch_uid="sitemaps_bulk")
    # Page signals are sent with the specific page class as sender: connect for all senders.
    page_published.connect(bump_generation, dispatch_uid="sitemaps_page_published")
    page_unpublished.connect(bump_generation, dispatch_uid="sitemaps_page_unpublished")
    post_page_move.connect(bump_generation, dispatch_uid="sitemaps_page_moved")
    post_delete.connect(bump_generation, sender=Page, dispatch_uid="sitemaps_page_deleted")
    post_save.connect(bump_generation, sender=Site, dispatch_uid="sitemaps_site")
