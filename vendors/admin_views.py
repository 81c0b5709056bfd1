"""UKPBJ review pages inside the Wagtail admin: verification queue (vendor data and documents
side by side; verify, reject with reason, suspend), key-field revisions, flagged links, the
audit page per vendor (acknowledge edits) and the outreach list (CSV export).

Registered by vendors/ukpbj/wagtail_hooks.py. Only UKPBJ staff (group "UKPBJ") and superusers
may use them; Wagtail already requires an admin login for every /admin/ URL.
"""

import csv
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from config.api import csv_safe

from . import services
from .access import is_ukpbj
from .forms import ReasonForm
from .models import (
    AuditEvent,
    Kecamatan,
    LinkReview,
    Vendor,
    VendorDocument,
    VendorRevision,
)


def _posted_id(request, name: str) -> int:
    """The id posted as `name`; anything else (missing, tampered) is a 404, never a 500."""
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


def ukpbj_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_ukpbj(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@ukpbj_required
def queue(request):
    submitted = (
        Vendor.objects.filter(status=Vendor.Status.SUBMITTED)
        .select_related("kecamatan")
        .annotate(document_count=Count("documents"))
        .order_by("submitted_at")
    )
    revisions = VendorRevision.objects.filter(status=VendorRevision.Status.PENDING).select_related(
        "vendor"
    )
    links = LinkReview.objects.filter(status=LinkReview.Status.PENDING).select_related("vendor")
    unacknowledged = (
        Vendor.objects.filter(
            Exists(AuditEvent.objects.unacknowledged().filter(vendor=OuterRef("pk")))
        )
        .annotate(
            open_events=Count(
                "audit_events",
                filter=Q(audit_events__by_staff=False, audit_events__acknowledged_at__isnull=True),
            )
        )
        .order_by("name")[:100]
    )
    return render(
        request,
        "vendors_ukpbj/queue.html",
        {
            "submitted": submitted,
            "revisions": revisions,
            "links": links[:100],
            "unacknowledged": unacknowledged,
        },
    )


@ukpbj_required
def review(request, pk):
    vendor = get_object_or_404(Vendor.objects.select_related("kecamatan", "desa"), pk=pk)
    reason_form = ReasonForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "verify":
                services.verify_vendor(
                    vendor=vendor, by=request.user, note=request.POST.get("reason", "")
                )
                messages.success(request, _("%(name)s diverifikasi.") % {"name": vendor.name})
            elif action in ("reject", "suspend"):
                reason_form = ReasonForm(request.POST)
                if not reason_form.is_valid():
                    raise ValidationError(reason_form.errors["reason"])
                decide = services.reject_vendor if action == "reject" else services.suspend_vendor
                decide(vendor=vendor, by=request.user, reason=reason_form.cleaned_data["reason"])
                messages.success(request, _("Keputusan disimpan dan penyedia diberi tahu."))
            elif action in ("doc_accept", "doc_reject"):
                document = get_object_or_404(
                    VendorDocument, vendor=vendor, pk=_posted_id(request, "document")
                )
                services.review_document(
                    document=document,
                    by=request.user,
                    accepted=action == "doc_accept",
                    note=request.POST.get("note", ""),
                )
                messages.success(request, _("Pemeriksaan dokumen disimpan."))
            elif action in ("revision_approve", "revision_reject"):
                revision = get_object_or_404(
                    VendorRevision, vendor=vendor, pk=_posted_id(request, "revision")
                )
                if action == "revision_approve":
                    services.approve_revision(revision=revision, by=request.user)
                else:
                    services.reject_revision(
                        revision=revision, by=request.user, reason=request.POST.get("reason", "")
                    )
                messages.success(request, _("Keputusan perubahan data disimpan."))
            elif action in ("link_approve", "link_reject"):
                link = get_object_or_404(LinkReview, vendor=vendor, pk=_posted_id(request, "link"))
                services.decide_link(link=link, by=request.user, approved=action == "link_approve")
                messages.success(request, _("Tautan ditandai sudah diperiksa."))
            else:
                raise ValidationError(_("Tindakan tidak dikenal."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("ukpbj_vendor_review", pk=vendor.pk)
    return render(
        request,
        "vendors_ukpbj/review.html",
        {
            "vendor": vendor,
            "documents": vendor.documents.all(),
            "members": vendor.members.select_related("user"),
            "revision": services.pending_revision(vendor),
            "links": vendor.link_reviews.filter(status=LinkReview.Status.PENDING),
            "reason_form": reason_form,
            "events": vendor.audit_events.select_related("actor")[:10],
        },
    )


@ukpbj_required
def audit(request, pk):
    vendor = get_object_or_404(Vendor, pk=pk)
    events = vendor.audit_events.select_related("actor", "acknowledged_by")
    if request.method == "POST":
        posted = request.POST.getlist("event")
        # Nothing ticked: all open events; tampered ids are ignored, never a 500.
        ids = (
            [int(i) for i in posted if i.isdigit()]
            if posted
            else list(events.unacknowledged().values_list("pk", flat=True))
        )
        count = services.acknowledge_events(events=list(events.filter(pk__in=ids)), by=request.user)
        messages.success(request, _("%(n)s perubahan ditandai sudah ditinjau.") % {"n": count})
        return redirect("ukpbj_vendor_audit", pk=vendor.pk)
    return render(
        request,
        "vendors_ukpbj/audit.html",
        {"vendor": vendor, "events": events[:500], "open_count": events.unacknowledged().count()},
    )


def outreach_queryset(*, category_slug: str = "", kecamatan_slug: str = ""):
    """Verified vendors without an INAPROC or toko daring link, optionally by category/kecamatan."""
    from catalog.models import Category, Product

    vendors = (
        Vendor.objects.verified()
        .filter(inaproc_url="", toko_daring_url="")
        .select_related("kecamatan")
        .annotate(
            product_count=Count(
                "products", filter=Q(products__status=Product.Status.PUBLISHED), distinct=True
            )
        )
        .order_by("kecamatan__name", "name")
    )
    if kecamatan_slug:
        vendors = vendors.filter(kecamatan__slug=kecamatan_slug)
    if category_slug:
        category = Category.objects.filter(slug=category_slug).first()
        if category is None:
            return vendors.none()
        vendors = vendors.filter(
            Exists(
                Product.objects.filter(
                    vendor=OuterRef("pk"),
                    category__path__startswith=category.path,
                    status=Product.Status.PUBLISHED,
                )
            )
        )
    return vendors


@ukpbj_required
def outreach(request):
    from catalog.models import Category

    category_slug = request.GET.get("kategori", "")
    kecamatan_slug = request.GET.get("kecamatan", "")
    vendors = outreach_queryset(category_slug=category_slug, kecamatan_slug=kecamatan_slug)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="penyedia-belum-inaproc.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(
            ["nama", "nib", "bentuk", "skala", "kecamatan", "alamat", "telepon", "whatsapp",
             "email", "produk_tayang"]
        )  # fmt: skip
        for v in vendors:
            writer.writerow(
                [csv_safe(value) for value in (  # no spreadsheet formulas from vendors' text
                    v.name, v.nib, v.get_legal_form_display(), v.get_scale_display(),
                    v.kecamatan.name if v.kecamatan else "", v.address, v.phone, v.whatsapp,
                    v.email, v.product_count)]
            )  # fmt: skip
        return response
    return render(
        request,
        "vendors_ukpbj/outreach.html",
        {
            "vendors": vendors[:500],
            "total": vendors.count(),
            "categories": Category.objects.filter(depth__lte=2),
            "kecamatan_list": Kecamatan.objects.all(),
            "category_slug": category_slug,
            "kecamatan_slug": kecamatan_slug,
        },
    )
