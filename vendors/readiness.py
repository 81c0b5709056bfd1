"""The "siap Katalog v6?" checklist: what a vendor still lacks before listing on INAPROC.

Each item says what is missing and links to the guidance page (Wagtail, by slug) that explains
it; when that page does not exist (yet), the link goes to the guidance index /panduan/.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Vendor, VendorDocument

GUIDANCE_INDEX = "/panduan/"
GUIDE_KATALOG = "usaha-lokal-masuk-katalog-v6"
GUIDE_TKDN = "preferensi-tkdn-pdn"


@dataclass
class CheckItem:
    key: str
    label: str
    ok: bool
    detail: str = ""
    guidance_slug: str = GUIDE_KATALOG
    guidance_url: str = GUIDANCE_INDEX
    problems: list[str] = field(default_factory=list)


def guidance_url(slug: str) -> str:
    """URL of the live guidance page with this slug, else the guidance index."""
    try:
        from wagtail.models import Page

        page = Page.objects.live().filter(slug=slug).first()
    except Exception:  # noqa: BLE001 - no page tree yet must not break the dashboard
        page = None
    return (page.url if page is not None else None) or GUIDANCE_INDEX


def _category_kbli(category) -> set[str]:
    hints = set()
    for node in category.ancestors(include_self=True):
        hints.update(str(h) for h in node.kbli_hints or [])
    return hints


def readiness_checklist(vendor: Vendor) -> list[CheckItem]:
    """The checklist items for `vendor`, in the order a vendor should work through them."""
    # Local import: the catalogue depends on vendors, not the other way round, except here,
    # where the vendor's dashboard looks at its own products.
    from catalog.models import Product

    products = list(
        Product.objects.filter(vendor=vendor)
        .exclude(status=Product.Status.ARCHIVED)
        .select_related("category__parent__parent")
        .prefetch_related("images")
    )
    today = timezone.localdate()
    valid_docs = {
        d.kind
        for d in vendor.documents.all()
        if d.review_status != VendorDocument.ReviewStatus.REJECTED
        and (d.expires_on is None or d.expires_on >= today)
    }
    kbli = {str(c) for c in vendor.kbli_codes or []}
    items: list[CheckItem] = []

    items.append(
        CheckItem(
            "nib",
            _("NIB tercantum dan dokumennya diunggah"),
            bool(vendor.nib) and VendorDocument.Kind.NIB in valid_docs,
            _("Isi NIB 13 digit dari OSS dan unggah dokumen NIB."),
        )
    )
    items.append(
        CheckItem(
            "npwp",
            _("NPWP 16 digit"),
            len(vendor.npwp or "") == 16,
            _("Isi NPWP 16 digit (NPWP lama 15 digit diawali 0)."),
        )
    )
    items.append(
        CheckItem(
            "pkp",
            _("Status PKP diketahui"),
            vendor.pkp_status != Vendor.PKPStatus.UNKNOWN,
            _("Pilih apakah usaha Anda PKP atau non-PKP."),
        )
    )
    mismatched = [
        p.name for p in products if (hints := _category_kbli(p.category)) and not (hints & kbli)
    ]
    items.append(
        CheckItem(
            "kbli",
            _("KBLI sesuai kategori produk"),
            bool(kbli) and not mismatched,
            _("Katalog v6 menolak produk yang kategorinya tidak cocok dengan KBLI di NIB."),
            problems=mismatched[:10],
        )
    )
    cert_problems = []
    for p in products:
        if p.tkdn_percent and not (p.tkdn_certificate_number or "tkdn" in valid_docs):
            cert_problems.append(_("%(name)s: sertifikat TKDN") % {"name": p.name})
        if p.has_sni and "sni" not in valid_docs:
            cert_problems.append(_("%(name)s: sertifikat SNI") % {"name": p.name})
        if p.is_halal and "halal" not in valid_docs:
            cert_problems.append(_("%(name)s: sertifikat halal") % {"name": p.name})
    items.append(
        CheckItem(
            "certificates",
            _("Sertifikat TKDN/SNI/halal untuk produk yang mengklaimnya"),
            not cert_problems,
            _("Unggah sertifikat yang masih berlaku untuk setiap klaim TKDN, SNI atau halal."),
            guidance_slug=GUIDE_TKDN,
            problems=cert_problems[:10],
        )
    )
    incomplete = [p.name for p in products if not p.price or not list(p.images.all())]
    items.append(
        CheckItem(
            "products",
            _("Produk lengkap dengan foto dan harga"),
            bool(products) and not incomplete,
            _("Setiap produk perlu minimal satu foto dan harga satuan."),
            problems=incomplete[:10],
        )
    )
    items.append(
        CheckItem(
            "inaproc",
            _("Tautan toko INAPROC/toko daring"),
            vendor.has_inaproc_link or any(p.has_epurchasing_link for p in products),
            _("Cantumkan tautan toko Anda di INAPROC (Katalog v6) atau toko daring."),
        )
    )
    urls = {}
    for item in items:
        if item.guidance_slug not in urls:
            urls[item.guidance_slug] = guidance_url(item.guidance_slug)
        item.guidance_url = urls[item.guidance_slug]
    return items
