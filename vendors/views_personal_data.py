"""Personal data pages (UU 27/2022 PDP): "Data saya" in the vendor area (/usaha/data-saya/),
the ZIP download (the vendor's owner, and UKPBJ for a formal request), the deletion request,
and UKPBJ's list of deletion requests in the back office.

Services are in vendors/personal_data.py; the decision in docs/decisions/0018-*.md.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import personal_data
from .access import is_ukpbj, membership_of
from .admin_views import ukpbj_required
from .models import DeletionRequest, Vendor, VendorMember
from .views_self import member_required, vendor_login_required


class ConfirmDeletionForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Saya mengerti bahwa penghapusan tidak dapat dibatalkan."),
        error_messages={
            "required": gettext_lazy("Centang pernyataan ini untuk meminta penghapusan data.")
        },
    )


def _is_owner(request) -> bool:
    return request.vendor_membership.role == VendorMember.Role.OWNER


def _held_counts(vendor: Vendor) -> dict:
    from catalog.models import ProductImage
    from procurement.models import Purchase, ShortlistItem

    return {
        "products": vendor.products.count(),
        "photos": ProductImage.objects.filter(product__vendor=vendor).count(),
        "documents": vendor.documents.count(),
        "audit_events": vendor.audit_events.count(),
        "members": vendor.members.count(),
        "purchases": Purchase.objects.filter(vendor=vendor).count(),
        "shortlist_items": ShortlistItem.objects.filter(vendor=vendor).count(),
    }


@member_required
def my_data(request):
    vendor = request.vendor
    return render(
        request,
        "vendors/self/personal_data.html",
        {
            "vendor": vendor,
            "is_owner": _is_owner(request),
            "counts": _held_counts(vendor),
            "deletion": personal_data.pending_deletion(vendor),
            "deletion_days": personal_data.deletion_days(),
        },
    )


@vendor_login_required
def download(request, pk):
    """The ZIP of everything held about vendor `pk`: its owner or UKPBJ; 404 for anyone else."""
    vendor = get_object_or_404(Vendor.objects.select_related("kecamatan", "desa"), pk=pk)
    membership = membership_of(request.user)
    is_vendor_owner = (
        membership is not None
        and membership.vendor_id == vendor.pk
        and membership.role == VendorMember.Role.OWNER
    )
    if not (is_vendor_owner or is_ukpbj(request.user)):
        raise Http404
    try:
        data, documents = personal_data.prepare_export(vendor)
    except personal_data.ExportError:
        return render(
            request,
            "vendors/self/personal_data_error.html",
            {"vendor": vendor},
            status=500,
        )
    response = StreamingHttpResponse(
        personal_data.export_chunks(data, documents), content_type="application/zip"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{personal_data.export_filename(vendor)}"'
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@member_required
def request_deletion(request):
    vendor = request.vendor
    if not _is_owner(request):
        raise Http404
    pending = personal_data.pending_deletion(vendor)
    if pending is not None:
        return redirect("vendor_self:personal_data")
    form = ConfirmDeletionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            personal_data.request_deletion(vendor=vendor, user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _(
                    "Permintaan penghapusan diterima. Usaha Anda sudah tidak tampil di "
                    "direktori dan pencarian."
                ),
            )
            return redirect("vendor_self:personal_data")
    return render(
        request,
        "vendors/self/personal_data_delete.html",
        {
            "vendor": vendor,
            "form": form,
            "counts": _held_counts(vendor),
            "deletion_days": personal_data.deletion_days(),
        },
    )


# --- UKPBJ (registered in vendors/ukpbj/wagtail_hooks.py) -----------------------------------


@ukpbj_required
def deletion_requests(request):
    return render(
        request,
        "vendors_ukpbj/deletions.html",
        {
            "pending": DeletionRequest.objects.filter(status=DeletionRequest.Status.PENDING)
            .select_related("vendor")
            .order_by("due_at"),
            "done": DeletionRequest.objects.filter(status=DeletionRequest.Status.DONE)
            .select_related("carried_out_by")
            .order_by("-carried_out_at")[:50],
        },
    )


@require_POST
@ukpbj_required
def carry_out(request, pk):
    deletion = get_object_or_404(DeletionRequest, pk=pk)
    try:
        personal_data.carry_out_deletion(request=deletion, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Data %(name)s sudah dihapus; catatan pembelian OPD tetap disimpan.")
            % {"name": deletion.vendor_name},
        )
    return redirect("ukpbj_deletion_requests")
