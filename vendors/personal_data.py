"""Personal data of a vendor (UU 27/2022 PDP): export everything held, and delete on request.

Export: `export_data(vendor)` gathers what the directory holds about a vendor and the accounts
acting for it; `stream_export(vendor)` streams a ZIP (data.json, the document files, and a
manifest.json with the size and SHA-256 of every member, written last) without temp files.

Deletion: `request_deletion` takes the listing off public view at once (status "withdrawn");
`carry_out_deletion` (UKPBJ, or `manage.py carry_out_deletions` once due) deletes the vendor,
its products, photos, documents (files too, after commit) and its members' accounts, and keeps
the OPDs' purchases and shortlist items with their snapshot business name and amounts.
See docs/decisions/0018-personal-data-export-and-deletion.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    AuditEvent,
    DeletionRequest,
    Vendor,
    VendorDocument,
    VendorMember,
)
from .services import record_event

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "direktori-penyedia-batang/data-pribadi/1"
DEFAULT_DELETION_DAYS = 3
_EXT = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def deletion_days() -> int:
    """Days after a request by which the deletion is carried out at the latest."""
    return int(getattr(settings, "PERSONAL_DATA_DELETION_DAYS", DEFAULT_DELETION_DAYS))


# --- export ----------------------------------------------------------------------------------


def _row(obj: models.Model, exclude=()) -> dict:
    """Every concrete field of `obj` (foreign keys as ids, files as stored names)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            value = value.name if hasattr(value, "name") else (value or "")
        data[field.attname] = value
    return data


def _json_safe(value):
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def document_archive_name(document: VendorDocument) -> str:
    return f"dokumen/{document.pk}-{document.kind}.{_EXT.get(document.content_type, 'bin')}"


def _account(user, role: str | None) -> dict:
    from allauth.account.models import EmailAddress

    return {
        "id": user.pk,
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "role": role,
        "login_emails": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
    }


def _actor(event: AuditEvent, member_emails: dict[int, str]):
    if event.actor_id in member_emails:
        return member_emails[event.actor_id]
    return "UKPBJ" if event.by_staff else None


def export_data(vendor: Vendor) -> dict:
    """Everything the directory holds about `vendor` and the accounts acting for it."""
    from catalog.models import Product
    from procurement.models import OutreachRequest, Purchase, ShortlistItem

    members = list(vendor.members.select_related("user").order_by("created_at", "pk"))
    member_emails = {m.user_id: m.user.email for m in members}

    profile = _row(vendor, exclude=("verified_by",))
    profile["kecamatan"] = vendor.kecamatan.name if vendor.kecamatan_id else None
    profile["desa"] = vendor.desa.name if vendor.desa_id else None
    profile["status_label"] = vendor.get_status_display()

    products = []
    for product in (
        Product.objects.filter(vendor=vendor)
        .select_related("category")
        .prefetch_related("images__image")
        .order_by("pk")
    ):
        row = _row(product)
        row["category"] = product.category.name
        row["images"] = [
            {
                "id": item.pk,
                "alt_text": item.alt_text,
                "sort_order": item.sort_order,
                "title": item.image.title,
                "file": item.image.file.name,
                "width": item.image.width,
                "height": item.image.height,
                "file_size": item.image.file_size,
                "created_at": item.image.created_at,
            }
            for item in product.images.all()
        ]
        products.append(row)

    documents = []
    for document in vendor.documents.order_by("pk").prefetch_related("reminders"):
        row = _row(document, exclude=("uploaded_by",))
        row["stored_name"] = row.pop("file")
        row["file_in_archive"] = document_archive_name(document)
        row["uploaded_by"] = member_emails.get(document.uploaded_by_id)
        row["reminders_sent"] = [
            {"expires_on": r.expires_on, "sent_at": r.sent_at} for r in document.reminders.all()
        ]
        documents.append(row)

    events = [
        {
            "id": e.pk,
            "created_at": e.created_at,
            "action": e.action,
            "action_label": e.get_action_display(),
            "object_type": e.object_type,
            "object_id": e.object_id,
            "object": e.object_repr,
            "changes": e.changes,
            "note": e.note,
            "by": _actor(e, member_emails),
            "by_staff": e.by_staff,
            "acknowledged_at": e.acknowledged_at,
        }
        for e in AuditEvent.objects.filter(vendor=vendor).order_by("created_at", "pk")
    ]

    purchases = [
        {
            "id": p.pk,
            "opd": p.opd.name,
            "vendor_name": p.vendor_name,
            "product": p.product.name if p.product_id else None,
            "outcome": p.outcome,
            "outcome_label": p.get_outcome_display(),
            "amount": p.amount,
            "purchased_at": p.purchased_at,
            "channel": p.channel,
            "order_reference": p.order_reference,
            "delivered_on": p.delivered_on,
            "bast_signed_on": p.bast_signed_on,
            "invoice_received_on": p.invoice_received_on,
            "paid_on": p.paid_on,
            "recorded_at": p.created_at,
        }
        for p in Purchase.objects.filter(vendor=vendor)
        .select_related("opd", "product")
        .order_by("purchased_at", "pk")
    ]
    items = ShortlistItem.objects.filter(vendor=vendor)

    data = {
        "format": EXPORT_FORMAT,
        "generated_at": timezone.now(),
        "vendor": profile,
        "accounts": [_account(m.user, m.role) for m in members],
        "registration_progress": (
            vendor.registration_progress.completed_steps
            if hasattr(vendor, "registration_progress")
            else []
        ),
        "products": products,
        "documents": documents,
        "key_field_revisions": [
            {
                **_row(r, exclude=("vendor", "created_by", "decided_by")),
                "created_by": member_emails.get(r.created_by_id),
            }
            for r in vendor.revisions.order_by("created_at", "pk")
        ],
        "audit_events": events,
        "invitations": [
            {
                "email": i.email,
                "role": i.role,
                "created_at": i.created_at,
                "expires_at": i.expires_at,
                "accepted_at": i.accepted_at,
            }
            for i in vendor.invitations.order_by("created_at", "pk")
        ],
        "link_reviews": [
            _row(link, exclude=("vendor", "reviewed_by"))
            for link in vendor.link_reviews.order_by("created_at", "pk")
        ],
        "outreach_requests": [
            {"opd": o.opd.name, "status": o.status, "created_at": o.created_at}
            for o in OutreachRequest.objects.filter(vendor=vendor)
            .select_related("opd")
            .order_by("created_at", "pk")
        ],
        "purchases": purchases,
        "shortlist_appearances": {
            "items": items.count(),
            "shortlists": items.values("shortlist").distinct().count(),
            "opds": items.values("shortlist__opd").distinct().count(),
        },
        "deletion_requests": [
            _row(d, exclude=("vendor", "requested_by", "carried_out_by"))
            for d in DeletionRequest.objects.filter(vendor=vendor).order_by("requested_at")
        ],
    }
    return _json_safe(data)


class _Sink:
    """A write-only file object that hands written bytes to the response generator."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


class ExportError(Exception):
    """A document file could not be read; nothing has been sent yet."""


def prepare_export(vendor: Vendor) -> tuple[dict, list[VendorDocument]]:
    """The data and the documents to stream, checked before the first byte is sent.

    A document whose file is missing makes the whole export fail with ExportError (the view
    shows an error page), rather than a ZIP that silently lacks it.
    """
    data = export_data(vendor)
    documents = list(vendor.documents.order_by("pk"))
    missing = [d for d in documents if not d.file.name or not d.file.storage.exists(d.file.name)]
    if missing:
        logger.error(
            "Personal data export of vendor %s stopped: %d document file(s) missing (ids %s)",
            vendor.pk,
            len(missing),
            ", ".join(str(d.pk) for d in missing),
        )
        raise ExportError([d.pk for d in missing])
    return data, documents


def stream_export(data: dict, documents: list[VendorDocument]) -> Iterator[bytes]:
    """ZIP bytes: data.json, each document file, then manifest.json (sizes and SHA-256).

    Built in memory chunk by chunk (no temporary files). A read error halfway raises, which
    aborts the download: the client gets a truncated archive that does not open, not a
    complete-looking one with a file missing.
    """
    sink = _Sink()
    manifest = []
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, chunks) -> Iterator[bytes]:
            digest, size = hashlib.sha256(), 0
            info = zipfile.ZipInfo(name, date_time=timezone.localtime().timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, mode="w") as entry:
                for chunk in chunks:
                    entry.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                    yield sink.take()
            manifest.append({"name": name, "bytes": size, "sha256": digest.hexdigest()})
            yield sink.take()

        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        yield from add("data.json", [body.encode("utf-8")])
        for document in documents:
            with document.file.storage.open(document.file.name, "rb") as handle:
                yield from add(
                    document_archive_name(document), iter(lambda h=handle: h.read(64 * 1024), b"")
                )
        summary = {"complete": True, "files": manifest}
        archive.writestr("manifest.json", json.dumps(summary, indent=2))
    yield sink.take()


def export_chunks(data: dict, documents: list[VendorDocument]) -> Iterator[bytes]:
    """`stream_export` without the empty chunks (the response sends only bytes)."""
    return (chunk for chunk in stream_export(data, documents) if chunk)


def export_filename(vendor: Vendor) -> str:
    return f"data-saya-{vendor.slug}-{timezone.localdate():%Y%m%d}.zip"


# --- deletion --------------------------------------------------------------------------------


def pending_deletion(vendor: Vendor) -> DeletionRequest | None:
    return DeletionRequest.objects.filter(
        vendor_ref=vendor.pk, status=DeletionRequest.Status.PENDING
    ).first()


def _require_owner(vendor: Vendor, user) -> None:
    if not VendorMember.objects.filter(
        vendor=vendor, user=user, role=VendorMember.Role.OWNER
    ).exists():
        raise ValidationError(_("Hanya pemilik akun penyedia yang dapat meminta penghapusan data."))


@transaction.atomic
def request_deletion(*, vendor: Vendor, user) -> DeletionRequest:
    """The owner asks for the vendor's data to be deleted: hidden from public view now."""
    _require_owner(vendor, user)
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    existing = pending_deletion(vendor)
    if existing is not None:
        return existing
    request = DeletionRequest(
        vendor=vendor,
        vendor_ref=vendor.pk,
        vendor_name=vendor.name,
        previous_status=vendor.status,
        requested_by=user,
        due_at=timezone.now() + timedelta(days=deletion_days()),
    )
    request.full_clean()
    request.save()
    before = vendor.status
    vendor.status = Vendor.Status.WITHDRAWN
    vendor.status_reason = _("Pemilik meminta penghapusan data.")
    # save() (not update()) so the search signals take the products out of the index now.
    vendor.save()
    record_event(
        actor=user,
        action=AuditEvent.Action.UPDATE,
        obj=vendor,
        changes={"status": {"old": before, "new": vendor.status}},
        note=_("Permintaan penghapusan data (UU PDP)."),
    )
    return request


def _forget_user(user) -> str:
    """Delete a vendor member's account; if other records protect it, strip its personal fields.

    Returns "deleted", "anonymised" or "kept" (a UKPBJ/OPD account: only the membership goes).
    """
    from allauth.account.models import EmailAddress

    if user.is_staff or user.is_superuser or hasattr(user, "buyer_profile"):
        return "kept"
    try:
        with transaction.atomic():
            user.delete()
        return "deleted"
    except ProtectedError:
        pass
    EmailAddress.objects.filter(user=user).delete()
    user.username = f"dihapus-{user.pk}"
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    return "anonymised"


@transaction.atomic
def carry_out_deletion(*, request: DeletionRequest, by=None) -> DeletionRequest:
    """Delete the vendor of a pending request (UKPBJ, or the daily command when due).

    Kept: the OPDs' purchases and shortlist items (government records), detached from the
    vendor with the business name and amounts as snapshots, and this request as the record
    that it was done. Deleted: the vendor row and all that hangs on it (products, photos,
    documents, revisions, invitations, link reviews, outreach requests, audit events), the
    stored files (after commit) and the members' accounts.
    """
    from catalog.models import ProductImage
    from procurement.models import Purchase, ShortlistItem

    request = DeletionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != DeletionRequest.Status.PENDING:
        raise ValidationError(_("Permintaan ini sudah dilaksanakan."))
    vendor = Vendor.objects.select_for_update().filter(pk=request.vendor_ref).first()
    summary = {"vendor_found": vendor is not None}
    if vendor is not None:
        users = [m.user for m in vendor.members.select_related("user")]
        summary.update(
            products=vendor.products.count(),
            product_photos=ProductImage.objects.filter(product__vendor=vendor).count(),
            documents=vendor.documents.count(),
            audit_events=AuditEvent.objects.filter(vendor=vendor).count(),
        )
        # Purchases and shortlist items keep the business name as their snapshot.
        summary["purchases_kept"] = Purchase.objects.filter(vendor=vendor).count()
        Purchase.objects.filter(vendor=vendor, vendor_name="").update(vendor_name=vendor.name)
        summary["shortlist_items_kept"] = ShortlistItem.objects.filter(vendor=vendor).count()
        ShortlistItem.objects.filter(vendor=vendor, snap_vendor_name="").update(
            snap_vendor_name=vendor.name
        )
        # The audit trail of the vendor is its personal data history (NPWP, phone, email...).
        AuditEvent.objects.filter(vendor=vendor).delete()
        vendor_id = vendor.pk
        vendor.delete()  # cascades; files and search index follow via signals
        transaction.on_commit(lambda: remove_empty_vendor_folders(vendor_id))
        outcomes = [_forget_user(user) for user in users]
        summary["accounts"] = {k: outcomes.count(k) for k in sorted(set(outcomes))}
    request.status = DeletionRequest.Status.DONE
    request.vendor = None
    request.carried_out_at = timezone.now()
    request.carried_out_by = by if getattr(by, "is_authenticated", False) else None
    request.summary = summary
    # Only these fields: the requester's account may be gone (its FK was set null in the DB).
    request.save(update_fields=["status", "vendor", "carried_out_at", "carried_out_by", "summary"])
    # A trace without personal data: which vendor id, that it was deleted, by whom.
    record_event(
        actor=by,
        action=AuditEvent.Action.DELETE,
        object_type="vendor",
        by_staff=True,
        note=_("Data penyedia #%(id)s dihapus atas permintaan pemilik (UU PDP).")
        % {"id": request.vendor_ref},
    )
    return request


def due_requests(now: datetime | None = None):
    return DeletionRequest.objects.filter(
        status=DeletionRequest.Status.PENDING, due_at__lte=now or timezone.now()
    ).order_by("due_at")


def remove_empty_vendor_folders(vendor_id: int) -> None:
    """Drop the vendor's (now empty) folders in the private storage; best effort."""
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "vendors" / str(vendor_id)
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True) + [root]:
        with contextlib.suppress(OSError):  # not empty or already gone
            folder.rmdir()
