"""Reads for the CMS pages. Each returns a QuerySet (or plain numbers for the key figures)."""

import re

from django.apps import apps
from django.db.models import Count, Q, QuerySet

from catalog.models import Category, Product
from vendors.models import Kecamatan, Vendor

from .models import CategoryGuidance, EventPage, GuidancePage, NewsPage, RegulationPage

# Page types the site search shows as "Panduan dan informasi".
SEARCHABLE_PAGE_TYPES = (GuidancePage, RegulationPage, NewsPage, EventPage)


def kecamatan_with_vendor_counts() -> QuerySet:
    """The 15 kecamatan with how many verified vendors each has."""
    return Kecamatan.objects.annotate(
        vendor_count=Count("vendors", filter=Q(vendors__status=Vendor.Status.VERIFIED))
    ).order_by("name")


def featured_categories(home_page) -> QuerySet:
    """The categories an editor picked for the home page; the top-level ones if none were."""
    picked = Category.objects.filter(
        pk__in=home_page.featured_categories.values("category_id")
    ).order_by("sort_order", "name")
    if picked.exists():
        return picked
    return Category.objects.roots().order_by("sort_order", "name")[:8]


def key_figures() -> dict:
    """Numbers shown on the home page.

    The share of local purchases this year comes from the buyers' recorded purchases
    (`procurement.selectors.local_purchase_share`, imported lazily: nothing else in cms knows
    procurement, see docs/decisions/0014-home-figures.md). It is None when procurement is not
    installed or nothing has been bought this year; the home page then hides it instead of
    showing a made-up number.
    """
    return {
        "verified_vendors": Vendor.objects.verified().count(),
        "public_products": Product.objects.public().count(),
        "local_purchase_share": _local_purchase_share(),
    }


def _local_purchase_share() -> float | None:
    if not apps.is_installed("procurement"):
        return None
    from procurement.selectors import local_purchase_share

    share = local_purchase_share()
    return None if share is None else share["percent"]


def guidance_for_category(category) -> QuerySet:
    """Guidance links (CategoryGuidance rows) for a catalogue category, most specific first.

    A link on a parent category also applies to its children: "Cara belanja ATK lewat toko
    daring" shows on Kertas HVS too. Only live, public guidance pages are returned. Use
    `link.display_label` and `link.page.url` in templates.
    """
    lineage = [node.pk for node in category.ancestors(include_self=True)]
    live_pages = GuidancePage.objects.live().public()
    return (
        CategoryGuidance.objects.filter(category_id__in=lineage, page__in=live_pages)
        .select_related("page", "category")
        .order_by("-category__depth", "sort_order", "pk")
    )


def guidance_for_category_slugs(slugs, *, limit: int = 5) -> list:
    """Guidance links for the categories a catalogue search is filtered by (/cari/?category=atk,
    and /kategori/atk/ which redirects there): one link per guidance page, most specific
    category first. Unknown slugs match nothing. Returns at most `limit` CategoryGuidance rows.
    """
    slugs = [slug for slug in (slugs or ()) if isinstance(slug, str)][:30]
    if not slugs:
        return []
    # "atk/kertas/" -> its own path and every ancestor's ("atk/"), without walking parents.
    lineage_paths = set()
    for path in Category.objects.filter(slug__in=slugs).values_list("path", flat=True):
        parts = path.strip("/").split("/")
        lineage_paths.update("/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1))
    if not lineage_paths:
        return []
    links = (
        CategoryGuidance.objects.filter(
            category__path__in=lineage_paths, page__in=GuidancePage.objects.live().public()
        )
        .select_related("page", "category")
        .order_by("-category__depth", "sort_order", "pk")
    )
    seen, result = set(), []
    for link in links:
        if link.page_id not in seen:
            seen.add(link.page_id)
            result.append(link)
        if len(result) == limit:
            break
    return result


def search_pages(text: str):
    """Wagtail search over live, public guidance, regulation, news and training pages."""
    from wagtail.models import Page

    # Words only: SQLite's FTS5 (Wagtail's database search) reads " * ( ) : ^ and friends as
    # query syntax, so a visitor's `"><img ...` was an OperationalError (a 500).
    words = " ".join(re.findall(r"\w+", text))
    pages = Page.objects.live().public().type(*SEARCHABLE_PAGE_TYPES).specific()
    if not words:
        return pages.none()
    return pages.search(words, operator="or")
