"""Public catalogue pages: the product page (/produk/<id>/<slug>/) and the category and
kecamatan landing URLs, which open the catalogue search with that filter set."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from vendors.models import Kecamatan

from . import selectors
from .models import Category, Product

SEARCH_PAGE_FALLBACK = "/cari/"


def _public_product_or_404(pk: int) -> Product:
    product = selectors.public_product(pk)
    if product is None:
        raise Http404(_("Produk tidak ditemukan atau tidak tayang."))
    return product


def product_jsonld(request, product: Product) -> dict:
    """schema.org Product with one Offer in IDR, sold by the vendor's Organization."""
    vendor = product.vendor
    offer = {
        "@type": "Offer",
        "price": str(product.price),
        "priceCurrency": "IDR",
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "eligibleQuantity": {
            "@type": "QuantitativeValue",
            "minValue": product.min_order,
            "unitText": product.unit,
        },
        "seller": {
            "@type": "Organization",
            "name": vendor.name,
            "url": request.build_absolute_uri(vendor.get_absolute_url()),
        },
    }
    if product.price_valid_until:
        offer["priceValidUntil"] = product.price_valid_until.isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "sku": str(product.pk),
        "category": product.category.name,
        "offers": offer,
    }
    if product.description:
        data["description"] = product.description
    if product.brand:
        data["brand"] = {"@type": "Brand", "name": product.brand}
    images = [request.build_absolute_uri(i.image.file.url) for i in product.images.all()]
    if images:
        data["image"] = images
    return data


@require_safe
def product_detail(request, pk, slug):
    """A published product of a verified vendor; any other slug redirects to the canonical."""
    product = _public_product_or_404(pk)
    if slug != product.slug:
        return redirect(product.get_absolute_url(), permanent=True)
    more = (
        selectors.public_products().filter(vendor_id=product.vendor_id).exclude(pk=product.pk)[:6]
    )
    return render(
        request,
        "catalog/product_detail.html",
        {
            "product": product,
            "vendor": product.vendor,
            "images": list(product.images.all()),
            "breadcrumbs": product.category.ancestors(include_self=True),
            "more_products": more,
            "canonical_url": request.build_absolute_uri(product.get_absolute_url()),
            "jsonld": product_jsonld(request, product),
        },
    )


@require_safe
def product_short(request, pk):
    """/produk/<id>/ (e.g. typed from a printed shortlist) goes to the canonical URL."""
    return redirect(_public_product_or_404(pk).get_absolute_url(), permanent=True)


def search_url(**params) -> str:
    try:
        base = reverse("search:page")
    except NoReverseMatch:  # the search page is not mounted (e.g. a trimmed-down URLconf)
        base = SEARCH_PAGE_FALLBACK
    return f"{base}?{urlencode(params)}"


@require_safe
def category_landing(request, slug):
    """/kategori/<slug>/ opens the catalogue search filtered to the category and below it."""
    category = get_object_or_404(Category, slug=slug)
    return redirect(search_url(category=category.slug))


@require_safe
def kecamatan_landing(request, slug):
    """/kecamatan/<slug>/ opens the catalogue search filtered to vendors of that kecamatan."""
    kecamatan = get_object_or_404(Kecamatan, slug=slug)
    return redirect(search_url(kecamatan=kecamatan.slug))
