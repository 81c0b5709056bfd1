"""Vendor self-service pages (/usaha/): dashboard, registration wizard, documents, members.

Views are thin: forms validate, services write. A user only ever sees the vendor they are a
member of; another vendor's documents are a 404, not a 403, so ids do not leak.
"""

from functools import wraps

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from . import services
from .access import can_access_vendor, membership_of
from .forms import DocumentForm, InviteForm, SubmitForm, step_form_class
from .models import VendorDocument, VendorInvitation, VendorMember
from .readiness import readiness_checklist

LOGIN_URL = reverse_lazy("account_login")


def vendor_login_required(view):
    return login_required(view, login_url=LOGIN_URL)


def member_required(view):
    """The signed-in user must act for a vendor; `request.vendor` is that vendor."""

    @wraps(view)
    @vendor_login_required
    def wrapper(request, *args, **kwargs):
        membership = membership_of(request.user)
        if membership is None:
            messages.info(request, _("Daftarkan usaha Anda dulu."))
            return redirect("vendor_self:wizard")
        request.vendor = membership.vendor
        request.vendor_membership = membership
        return view(request, *args, **kwargs)

    return wrapper


def _apply_form_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@vendor_login_required
def dashboard(request):
    membership = membership_of(request.user)
    if membership is None:
        return render(request, "vendors/self/welcome.html", {})
    vendor = membership.vendor
    from catalog.models import Product  # the dashboard counts the vendor's own products

    context = {
        "vendor": vendor,
        "membership": membership,
        "steps": services.WIZARD_STEPS,
        "completed_steps": services.completed_steps(vendor),
        "next_step": services.next_step(vendor),
        "checklist": readiness_checklist(vendor),
        "expiring_documents": services.expiring_documents(vendor),
        "revision": services.pending_revision(vendor),
        "today": timezone.localdate(),
        "product_counts": {
            "published": Product.objects.filter(
                vendor=vendor, status=Product.Status.PUBLISHED
            ).count(),
            "draft": Product.objects.filter(vendor=vendor, status=Product.Status.DRAFT).count(),
        },
    }
    context["checklist_done"] = sum(1 for item in context["checklist"] if item.ok)
    return render(request, "vendors/self/dashboard.html", context)


@vendor_login_required
def wizard(request, step=None):
    membership = membership_of(request.user)
    vendor = membership.vendor if membership else None
    if step is None:
        upcoming = services.next_step(vendor)
        if upcoming is None:
            return redirect("vendor_self:submit")
        return redirect("vendor_self:wizard_step", step=upcoming.slug)
    if step not in services.STEP_BY_SLUG:
        raise Http404
    done = services.completed_steps(vendor)
    if vendor is None and step != services.WIZARD_STEPS[0].slug:
        return redirect("vendor_self:wizard_step", step=services.WIZARD_STEPS[0].slug)
    form_class = step_form_class(step)
    instance = vendor if vendor is not None else form_class._meta.model()
    if request.method == "POST":
        form = form_class(request.POST, instance=instance)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.fields}
            try:
                vendor, revision = services.save_registration_step(
                    user=request.user, step=step, data=data, vendor=vendor
                )
            except ValidationError as exc:
                _apply_form_errors(form, exc)
            else:
                if revision is not None:
                    messages.warning(
                        request,
                        _(
                            "Perubahan nama, NIB, NPWP atau alamat menunggu pemeriksaan UKPBJ. "
                            "Profil publik tetap memakai data yang sudah diverifikasi."
                        ),
                    )
                else:
                    messages.success(request, _("Tersimpan."))
                if "save_exit" in request.POST:
                    return redirect("vendor_self:dashboard")
                upcoming = services.next_step(vendor)
                order = [s.slug for s in services.WIZARD_STEPS]
                following = order[order.index(step) + 1] if step != order[-1] else None
                if following:
                    return redirect("vendor_self:wizard_step", step=following)
                if upcoming is None and vendor.status in ("draft", "rejected"):
                    return redirect("vendor_self:submit")
                return redirect("vendor_self:dashboard")
    else:
        form = form_class(instance=instance)
    steps = services.WIZARD_STEPS
    index = [s.slug for s in steps].index(step)
    return render(
        request,
        "vendors/self/wizard_step.html",
        {
            "vendor": vendor,
            "form": form,
            "step": services.STEP_BY_SLUG[step],
            "steps": steps,
            "step_number": index + 1,
            "completed_steps": done,
            "previous_step": steps[index - 1] if index > 0 else None,
            "revision": services.pending_revision(vendor) if vendor else None,
        },
    )


@member_required
def submit(request):
    vendor = request.vendor
    form = SubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_vendor(user=request.user, vendor=vendor)
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Pendaftaran diajukan. UKPBJ akan memeriksa data dan dokumen Anda."),
            )
            return redirect("vendor_self:dashboard")
    return render(
        request,
        "vendors/self/submit.html",
        {
            "vendor": vendor,
            "form": form,
            "steps": services.WIZARD_STEPS,
            "completed_steps": services.completed_steps(vendor),
            "documents": vendor.documents.all(),
            "can_submit": vendor.status in ("draft", "rejected"),
        },
    )


@member_required
def documents(request):
    vendor = request.vendor
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            fields = {k: form.cleaned_data[k] for k in services.DOCUMENT_FIELDS}
            try:
                services.upload_document(
                    vendor=vendor, user=request.user, file=form.cleaned_data["file"], **fields
                )
            except ValidationError as exc:
                _apply_form_errors(form, exc)
            else:
                messages.success(request, _("Dokumen diunggah dan menunggu pemeriksaan UKPBJ."))
                return redirect("vendor_self:documents")
    else:
        form = DocumentForm()
    return render(
        request,
        "vendors/self/documents.html",
        {
            "vendor": vendor,
            "form": form,
            "documents": vendor.documents.all(),
            "expiring_ids": set(services.expiring_documents(vendor).values_list("pk", flat=True)),
        },
    )


@vendor_login_required
@xframe_options_sameorigin  # UKPBJ's review page previews ?inline=1 in an iframe
@csp_replace({"frame-ancestors": [SELF]})
def document_download(request, pk):
    """Serve a private document to the vendor's members and UKPBJ staff; 404 for anyone else."""
    document = get_object_or_404(VendorDocument.objects.select_related("vendor"), pk=pk)
    if not can_access_vendor(request.user, document.vendor):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    ext = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        document.content_type, "bin"
    )
    response = FileResponse(
        handle,
        content_type=document.content_type or "application/octet-stream",
        as_attachment=request.GET.get("inline") != "1",
        filename=f"{document.kind}-{document.vendor.slug}-{document.pk}.{ext}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@member_required
def document_delete(request, pk):
    document = VendorDocument.objects.filter(vendor=request.vendor, pk=pk).first()
    if document is None:
        raise Http404
    try:
        services.delete_document(document=document, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Dokumen dihapus."))
    return redirect("vendor_self:documents")


@member_required
def members(request):
    vendor = request.vendor
    is_owner = request.vendor_membership.role == VendorMember.Role.OWNER
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        if not is_owner:
            raise Http404
        if form.is_valid():
            try:
                services.invite_member(
                    vendor=vendor, by=request.user, email=form.cleaned_data["email"]
                )
            except ValidationError as exc:
                _apply_form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Undangan dikirim ke %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("vendor_self:members")
    return render(
        request,
        "vendors/self/members.html",
        {
            "vendor": vendor,
            "form": form,
            "is_owner": is_owner,
            "members": vendor.members.select_related("user"),
            "invitations": vendor.invitations.filter(accepted_at__isnull=True),
        },
    )


@vendor_login_required
def accept_invitation(request, token):
    invitation = get_object_or_404(VendorInvitation.objects.select_related("vendor"), token=token)
    error = None
    if request.method == "POST":
        try:
            services.accept_invitation(invitation=invitation, user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Anda sekarang anggota %(vendor)s.") % {"vendor": invitation.vendor.name},
            )
            return redirect("vendor_self:dashboard")
    return render(
        request,
        "vendors/self/invitation.html",
        {"invitation": invitation, "error": error, "login_url": reverse("account_login")},
    )
