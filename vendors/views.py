"""Public vendor pages: the A-Z directory (/penyedia/) and the vendor profile
(/penyedia/<slug>/). Only verified vendors are shown; anything else is a 404."""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from catalog import selectors as catalog_selectors
from catalog.models import Category

from . import selectors
from .models import Kecamatan, Vendor
from .serializers import public_email, public_phone, public_whatsapp

DIRECTORY_PAGE_SIZE = 30
PROFILE_PRODUCTS_PAGE_SIZE = 24


class DirectoryFilterForm(forms.Form):
    """The directory's filters, all in the URL (letter, kecamatan, category)."""

    letter = forms.ChoiceField(
        required=False,
        choices=[("", _("Semua"))] + [(c, c) for c in (*selectors.LETTERS, selectors.OTHER_LETTER)],
        label=_("Huruf awal"),
    )
    kecamatan = forms.ModelChoiceField(
        queryset=Kecamatan.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Semua kecamatan"),
        label=_("Kecamatan"),
        error_messages={"invalid_choice": _("Kecamatan ini tidak ada di Kabupaten Batang.")},
    )
    category = forms.ModelChoiceField(
        queryset=Category.objects.order_by("path"),
        to_field_name="slug",
        required=False,
        empty_label=_("Semua kategori"),
        label=_("Kategori"),
        error_messages={"invalid_choice": _("Kategori ini tidak dikenal.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Indent subcategories so the tree reads in a plain <select>.
        self.fields["category"].label_from_instance = lambda c: "\u2003" * (c.depth - 1) + c.name


def _page_number(request) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and int(raw) > 0 else 1


@require_safe
def directory(request):
    """Verified vendors A-Z, filtered by letter, kecamatan and category, 30 per page."""
    form = DirectoryFilterForm(request.GET or None)
    vendors = selectors.public_vendors()
    letter = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["kecamatan"]:
            vendors = vendors.filter(kecamatan=data["kecamatan"])
        if data["category"]:
            vendors = vendors.filter(catalog_selectors.vendors_selling_in(data["category"]))
        letter = data["letter"]
    counts = selectors.letter_counts(vendors)
    if letter:
        vendors = selectors.filter_by_letter(vendors, letter)
    page = Paginator(vendors, DIRECTORY_PAGE_SIZE).get_page(_page_number(request))
    keep = request.GET.copy()
    keep.pop("page", None)
    keep_letter = keep.copy()
    keep_letter.pop("letter", None)
    return render(
        request,
        "vendors/directory.html",
        {
            "form": form,
            "page_obj": page,
            "vendors": page.object_list,
            "letter": letter,
            "letters": [(c, counts[c]) for c in (*selectors.LETTERS, selectors.OTHER_LETTER)],
            "query_without_page": keep.urlencode(),
            "query_without_letter": keep_letter.urlencode(),
            "total": page.paginator.count,
        },
    )


def organization_jsonld(request, vendor: Vendor, categories) -> dict:
    """schema.org Organization for a vendor profile (public contacts only)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": vendor.name,
        "url": request.build_absolute_uri(vendor.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": vendor.kecamatan.name if vendor.kecamatan else "",
            "addressRegion": "Jawa Tengah",
            "addressCountry": "ID",
            **({"streetAddress": vendor.desa.name} if vendor.desa else {}),
        },
    }
    if vendor.description:
        data["description"] = vendor.description
    phone = public_phone(vendor) or public_whatsapp(vendor)
    if phone:
        data["telephone"] = phone
    email = public_email(vendor)
    if email:
        data["email"] = email
    same_as = [u for u in (vendor.website, vendor.inaproc_url, vendor.toko_daring_url) if u]
    if same_as:
        data["sameAs"] = same_as
    if categories:
        data["knowsAbout"] = [c.name for c in categories]
    return data


@require_safe
def detail(request, slug):
    """A verified vendor's profile with its published products (24 per page)."""
    vendor = selectors.public_vendor(slug)
    if vendor is None:
        raise Http404(_("Penyedia tidak ditemukan atau belum terverifikasi."))
    categories = list(selectors.categories_served(vendor))
    products = catalog_selectors.public_products().filter(vendor=vendor)
    page = Paginator(products, PROFILE_PRODUCTS_PAGE_SIZE).get_page(_page_number(request))
    return render(
        request,
        "vendors/detail.html",
        {
            "vendor": vendor,
            "categories": categories,
            "page_obj": page,
            "products": page.object_list,
            "phone": public_phone(vendor),
            "whatsapp": public_whatsapp(vendor),
            "email": public_email(vendor),
            "canonical_url": request.build_absolute_uri(vendor.get_absolute_url()),
            "jsonld": organization_jsonld(request, vendor, categories),
        },
    )
