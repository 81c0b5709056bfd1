"""Writes for vendor self-service and UKPBJ decisions.

Every function is keyword-only, runs in one transaction, validates with `full_clean` and writes
an AuditEvent. Views, the API and commands call these; none of them saves a Vendor directly.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    AuditEvent,
    RegistrationProgress,
    Vendor,
    VendorDocument,
    VendorInvitation,
    VendorMember,
    VendorRevision,
)
from .notifications import absolute_url, notify_vendor, send_templated
from .validators import normalize_nib

# --- registration wizard ---------------------------------------------------------------------


@dataclass(frozen=True)
class WizardStep:
    slug: str
    title: str
    fields: tuple[str, ...]


WIZARD_STEPS: tuple[WizardStep, ...] = (
    WizardStep(
        "usaha",
        gettext_lazy("Data usaha"),
        (
            "legal_form",
            "name",
            "nib",
            "npwp",
            "kbli_codes",
            "scale",
            "is_koperasi",
            "pkp_status",
            "description",
        ),
    ),
    WizardStep("alamat", gettext_lazy("Alamat di Batang"), ("address", "kecamatan", "desa")),
    WizardStep(
        "kontak",
        gettext_lazy("Kontak"),
        (
            "phone",
            "phone_public",
            "whatsapp",
            "whatsapp_public",
            "email",
            "email_public",
            "website",
        ),
    ),
    WizardStep(
        "toko", gettext_lazy("Toko INAPROC dan toko daring"), ("inaproc_url", "toko_daring_url")
    ),
)
STEP_BY_SLUG = {step.slug: step for step in WIZARD_STEPS}
WIZARD_FIELDS = tuple(f for step in WIZARD_STEPS for f in step.fields)
KEY_FIELDS = VendorRevision.KEY_FIELDS

# Fields a vendor never sets itself.
_NON_WIZARD_FIELDS = [
    f.name
    for f in Vendor._meta.concrete_fields
    if f.name not in WIZARD_FIELDS and not f.primary_key
]


def completed_steps(vendor: Vendor | None) -> list[str]:
    if vendor is None or vendor.pk is None:
        return []
    progress = RegistrationProgress.objects.filter(vendor=vendor).first()
    return list(progress.completed_steps) if progress else []


def next_step(vendor: Vendor | None) -> WizardStep | None:
    """The first step not completed yet (None when every step is done)."""
    done = set(completed_steps(vendor))
    for step in WIZARD_STEPS:
        if step.slug not in done:
            return step
    return None


# --- audit -----------------------------------------------------------------------------------


def _json_value(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "size"):  # a file
        return getattr(value, "name", "") or ""
    return value


def snapshot(obj: models.Model, fields) -> dict:
    """JSON-safe values of `fields` (foreign keys as ids)."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        values[name] = _json_value(getattr(obj, field.attname))
    return values


def diff(before: dict, after: dict) -> dict:
    """{field: {"old": ..., "new": ...}} for the fields whose value changed."""
    return {
        key: {"old": before.get(key), "new": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record_event(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    vendor: Vendor | None = None,
    changes: dict | None = None,
    note: str = "",
    by_staff: bool = False,
    object_type: str | None = None,
) -> AuditEvent:
    """Write one AuditEvent (called inside the caller's transaction)."""
    if vendor is None and isinstance(obj, Vendor):
        vendor = obj
    if vendor is None and obj is not None:
        vendor = getattr(obj, "vendor", None)
    return AuditEvent.objects.create(
        vendor=vendor,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        by_staff=by_staff,
        action=action,
        object_type=object_type or (obj._meta.model_name if obj is not None else "vendor"),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        changes=changes or {},
        note=note,
    )


@transaction.atomic
def acknowledge_events(*, events, by) -> int:
    """UKPBJ marks vendor-side changes as seen. Returns how many were acknowledged."""
    return (
        AuditEvent.objects.filter(pk__in=[e.pk for e in events])
        .unacknowledged()
        .update(acknowledged_at=timezone.now(), acknowledged_by=by)
    )


# --- the wizard: draft saved per step --------------------------------------------------------


def _nib_taken_error() -> ValidationError:
    return ValidationError(
        {
            "nib": _(
                "NIB ini sudah terdaftar untuk penyedia lain. Jika Anda bagian dari usaha itu, "
                "minta pemilik akun penyedia tersebut mengundang email Anda dari menu "
                "Usaha saya › Anggota, lalu buka tautan undangan di email Anda."
            )
        }
    )


def check_nib_available(nib: str, *, exclude_vendor: Vendor | None = None) -> None:
    """Raise the "ask the owner for access" error when another vendor holds this NIB."""
    nib = normalize_nib(nib)
    qs = Vendor.objects.filter(nib=nib)
    if exclude_vendor is not None and exclude_vendor.pk:
        qs = qs.exclude(pk=exclude_vendor.pk)
    if nib and qs.exists():
        raise _nib_taken_error()


@transaction.atomic
def save_registration_step(*, user, step: str, data: dict, vendor: Vendor | None = None):
    """Save one wizard step of the user's vendor and return (vendor, revision or None).

    The Vendor row is a draft holding only the steps done so far: it is validated with
    `full_clean(exclude=...)` for the fields of the steps not done yet, so a half-filled
    registration can be saved and resumed (docs/decisions/0010-vendor-registration-drafts.md).
    For a verified vendor, changes to key fields (name, NIB, NPWP, address) become a
    VendorRevision for UKPBJ review; the public listing keeps the verified values.
    """
    wizard_step = STEP_BY_SLUG[step]
    data = {k: v for k, v in data.items() if k in wizard_step.fields}
    creating = vendor is None
    if creating:
        if VendorMember.objects.filter(user=user).exists():
            raise ValidationError(_("Akun Anda sudah terhubung dengan penyedia lain."))
        if step != WIZARD_STEPS[0].slug:
            raise ValidationError(_("Mulai pendaftaran dari langkah pertama (data usaha)."))
        vendor = Vendor(status=Vendor.Status.DRAFT)
    else:
        vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)

    before = snapshot(vendor, WIZARD_FIELDS) if not creating else {}
    revision = None
    key_changes = {}
    if vendor.status == Vendor.Status.VERIFIED:
        # Key fields of a verified vendor go to review; the rest applies at once.
        proposed = Vendor(**{f.attname: getattr(vendor, f.attname) for f in Vendor._meta.fields})
        proposed._state.adding = False  # unique checks must skip the vendor itself
        for name, value in data.items():
            setattr(proposed, name, value)
        proposed_values = snapshot(proposed, KEY_FIELDS)
        key_changes = {k: v for k, v in proposed_values.items() if k in data and before.get(k) != v}
        data = {k: v for k, v in data.items() if k not in KEY_FIELDS}
        if key_changes:
            if "nib" in key_changes:
                check_nib_available(proposed.nib, exclude_vendor=vendor)
            proposed.full_clean(exclude=_NON_WIZARD_FIELDS)

    for name, value in data.items():
        setattr(vendor, name, value)

    done = set(completed_steps(vendor)) | {step}
    pending_fields = [
        f for s in WIZARD_STEPS if s.slug not in done for f in s.fields if f not in data
    ]
    if "nib" in data:
        check_nib_available(vendor.nib, exclude_vendor=vendor)
    vendor.full_clean(exclude=_NON_WIZARD_FIELDS + pending_fields)
    try:
        with transaction.atomic():
            vendor.save()
    except IntegrityError as exc:  # a concurrent registration with the same NIB
        raise _nib_taken_error() from exc

    if creating:
        VendorMember.objects.create(user=user, vendor=vendor, role=VendorMember.Role.OWNER)
        RegistrationProgress.objects.create(vendor=vendor, completed_steps=[step])
        record_event(
            actor=user, action=AuditEvent.Action.CREATE, obj=vendor,
            changes=diff({}, snapshot(vendor, wizard_step.fields)), note=str(wizard_step.title),
        )  # fmt: skip
    else:
        progress, _created = RegistrationProgress.objects.get_or_create(vendor=vendor)
        progress.completed_steps = [s.slug for s in WIZARD_STEPS if s.slug in done]
        progress.save()
        changes = diff(before, snapshot(vendor, WIZARD_FIELDS))
        if changes:
            record_event(
                actor=user, action=AuditEvent.Action.UPDATE, obj=vendor, changes=changes,
                note=str(wizard_step.title),
            )  # fmt: skip
    if key_changes:
        revision = propose_key_changes(vendor=vendor, user=user, changes=key_changes)
    flag_unknown_links(
        obj=vendor, fields=("inaproc_url", "toko_daring_url"), vendor=vendor, actor=user
    )
    return vendor, revision


def propose_key_changes(*, vendor: Vendor, user, changes: dict) -> VendorRevision:
    """Open (or extend) the vendor's pending revision of key fields."""
    revision = (
        VendorRevision.objects.select_for_update()
        .filter(vendor=vendor, status=VendorRevision.Status.PENDING)
        .first()
    )
    if revision is None:
        revision = VendorRevision(vendor=vendor, created_by=user, changes={})
    current = snapshot(vendor, KEY_FIELDS)
    merged = {**revision.changes, **changes}
    # A value set back to the verified one is no longer a change.
    revision.changes = {k: v for k, v in merged.items() if current.get(k) != v}
    if not revision.changes:
        if revision.pk:
            revision.delete()
        return None
    revision.full_clean()
    revision.save()
    record_event(
        actor=user,
        action=AuditEvent.Action.REVISION_REQUEST,
        obj=vendor,
        changes=diff({k: current.get(k) for k in changes}, changes),
        note=_("Menunggu pemeriksaan UKPBJ; profil publik memakai data terverifikasi."),
    )
    return revision


def pending_revision(vendor: Vendor) -> VendorRevision | None:
    return VendorRevision.objects.filter(
        vendor=vendor, status=VendorRevision.Status.PENDING
    ).first()


@transaction.atomic
def submit_vendor(*, user, vendor: Vendor) -> Vendor:
    """Send a completed draft (or a rejected vendor, after fixes) to the UKPBJ queue."""
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    if vendor.status not in (Vendor.Status.DRAFT, Vendor.Status.REJECTED):
        raise ValidationError(_("Penyedia ini sudah diajukan atau sudah diverifikasi."))
    missing = [s for s in WIZARD_STEPS if s.slug not in completed_steps(vendor)]
    if missing:
        raise ValidationError(
            _("Lengkapi dulu langkah: %(steps)s.")
            % {"steps": ", ".join(str(s.title) for s in missing)}
        )
    vendor.full_clean()
    if not vendor.documents.filter(kind=VendorDocument.Kind.NIB).exists():
        raise ValidationError(
            {"documents": _("Unggah dokumen NIB (PDF, JPEG atau PNG) sebelum mengajukan.")}
        )
    before = snapshot(vendor, ["status", "status_reason"])
    vendor.status = Vendor.Status.SUBMITTED
    vendor.status_reason = ""
    vendor.submitted_at = timezone.now()
    vendor.save()
    record_event(
        actor=user,
        action=AuditEvent.Action.SUBMIT,
        obj=vendor,
        changes=diff(before, snapshot(vendor, ["status", "status_reason"])),
    )
    return vendor


# --- UKPBJ decisions -------------------------------------------------------------------------


def _decide(*, vendor, by, new_status, reason, allowed_from, action, template):
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    if vendor.status not in allowed_from:
        raise ValidationError(
            _("Tindakan ini tidak bisa dilakukan untuk penyedia berstatus %(status)s.")
            % {"status": vendor.get_status_display()}
        )
    before = snapshot(vendor, ["status", "status_reason"])
    vendor.status = new_status
    vendor.status_reason = reason
    if new_status == Vendor.Status.VERIFIED:
        vendor.verified_at = timezone.now()
        vendor.verified_by = by
    vendor.full_clean()
    vendor.save()
    record_event(
        actor=by,
        action=action,
        obj=vendor,
        by_staff=True,
        changes=diff(before, snapshot(vendor, ["status", "status_reason"])),
        note=reason,
    )
    transaction.on_commit(lambda: notify_vendor(vendor, template, reason=reason))
    return vendor


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Alasan wajib diisi agar penyedia tahu yang harus diperbaiki.")}
        )
    return reason


@transaction.atomic
def verify_vendor(*, vendor: Vendor, by, note: str = "") -> Vendor:
    """UKPBJ verifies a submitted (or re-instates a suspended) vendor; it becomes public."""
    return _decide(
        vendor=vendor, by=by, new_status=Vendor.Status.VERIFIED, reason=note.strip(),
        allowed_from=(Vendor.Status.SUBMITTED, Vendor.Status.SUSPENDED),
        action=AuditEvent.Action.VERIFY, template="verified",
    )  # fmt: skip


@transaction.atomic
def reject_vendor(*, vendor: Vendor, by, reason: str) -> Vendor:
    """UKPBJ rejects a submission with a reason the vendor sees and can act on."""
    return _decide(
        vendor=vendor, by=by, new_status=Vendor.Status.REJECTED, reason=_require_reason(reason),
        allowed_from=(Vendor.Status.SUBMITTED,),
        action=AuditEvent.Action.REJECT, template="rejected",
    )  # fmt: skip


@transaction.atomic
def suspend_vendor(*, vendor: Vendor, by, reason: str) -> Vendor:
    """UKPBJ suspends a vendor: it disappears from public listings and search."""
    return _decide(
        vendor=vendor, by=by, new_status=Vendor.Status.SUSPENDED, reason=_require_reason(reason),
        allowed_from=(Vendor.Status.VERIFIED, Vendor.Status.SUBMITTED),
        action=AuditEvent.Action.SUSPEND, template="suspended",
    )  # fmt: skip


@transaction.atomic
def approve_revision(*, revision: VendorRevision, by) -> Vendor:
    """Apply a pending key-field revision to the public vendor row."""
    revision = VendorRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != VendorRevision.Status.PENDING:
        raise ValidationError(_("Perubahan ini sudah diputuskan."))
    vendor = Vendor.objects.select_for_update().get(pk=revision.vendor_id)
    before = snapshot(vendor, KEY_FIELDS)
    for name, value in revision.changes.items():
        setattr(vendor, Vendor._meta.get_field(name).attname, value)
    if "nib" in revision.changes:
        check_nib_available(vendor.nib, exclude_vendor=vendor)
    vendor.full_clean()
    vendor.save()
    revision.status = VendorRevision.Status.APPROVED
    revision.decided_by, revision.decided_at = by, timezone.now()
    revision.save()
    record_event(
        actor=by, action=AuditEvent.Action.REVISION_APPROVE, obj=vendor, by_staff=True,
        changes=diff(before, snapshot(vendor, KEY_FIELDS)),
    )  # fmt: skip
    transaction.on_commit(lambda: notify_vendor(vendor, "revision_approved"))
    return vendor


@transaction.atomic
def reject_revision(*, revision: VendorRevision, by, reason: str) -> VendorRevision:
    revision = VendorRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != VendorRevision.Status.PENDING:
        raise ValidationError(_("Perubahan ini sudah diputuskan."))
    revision.status = VendorRevision.Status.REJECTED
    revision.reason = _require_reason(reason)
    revision.decided_by, revision.decided_at = by, timezone.now()
    revision.save()
    vendor = revision.vendor
    record_event(
        actor=by, action=AuditEvent.Action.REVISION_REJECT, obj=vendor, by_staff=True,
        changes={"proposed": revision.changes}, note=revision.reason,
    )  # fmt: skip
    transaction.on_commit(
        lambda: notify_vendor(vendor, "revision_rejected", reason=revision.reason)
    )
    return revision


# --- members and invitations -----------------------------------------------------------------

INVITATION_DAYS = 14


@transaction.atomic
def invite_member(*, vendor: Vendor, by, email: str) -> VendorInvitation:
    """The vendor's owner invites a person (by email) to act for the vendor as staff."""
    membership = VendorMember.objects.filter(user=by, vendor=vendor).first()
    if membership is None or membership.role != VendorMember.Role.OWNER:
        raise ValidationError(_("Hanya pemilik akun penyedia yang dapat mengundang anggota."))
    email = (email or "").strip().lower()
    if VendorMember.objects.filter(vendor=vendor, user__email__iexact=email).exists():
        raise ValidationError({"email": _("Orang dengan email ini sudah menjadi anggota.")})
    invitation = VendorInvitation(
        vendor=vendor,
        email=email,
        role=VendorMember.Role.STAFF,
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    record_event(
        actor=by, action=AuditEvent.Action.INVITE, obj=invitation, vendor=vendor,
        changes={"email": {"old": None, "new": email}},
    )  # fmt: skip
    accept_url = absolute_url(f"/usaha/undangan/{invitation.token}/")
    transaction.on_commit(
        lambda: send_templated(
            to=[email],
            template="vendors/self/email/invitation",
            context={
                "vendor": vendor,
                "invited_by": by,
                "accept_url": accept_url,
                "days": INVITATION_DAYS,
            },
        )  # fmt: skip
    )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: VendorInvitation, user) -> VendorMember:
    """The invited person (signed in with the invited, verified email) joins as staff."""
    invitation = VendorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("Undangan ini sudah dipakai atau sudah kedaluwarsa."))
    if (user.email or "").lower() != invitation.email.lower():
        raise ValidationError(
            _("Undangan ini untuk %(email)s. Masuk dengan akun beremail itu.")
            % {"email": invitation.email}
        )
    if VendorMember.objects.filter(user=user).exists():
        raise ValidationError(_("Akun Anda sudah terhubung dengan penyedia lain."))
    member = VendorMember(user=user, vendor=invitation.vendor, role=invitation.role)
    member.full_clean()
    member.save()
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save()
    record_event(
        actor=user, action=AuditEvent.Action.JOIN, obj=member, vendor=invitation.vendor,
        changes={
            "user": {"old": None, "new": user.email},
            "role": {"old": None, "new": member.role},
        },
    )  # fmt: skip
    return member


# --- documents -------------------------------------------------------------------------------

DOCUMENT_FIELDS = ("kind", "number", "issued_on", "expires_on", "tkdn_percent")


@transaction.atomic
def upload_document(*, vendor: Vendor, user, file, **fields) -> VendorDocument:
    """Store a vendor document privately after checking its content (PDF/JPEG/PNG, 5 MB)."""
    unknown = set(fields) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    document = VendorDocument(vendor=vendor, uploaded_by=user, file=file, **fields)
    document.full_clean()
    document.save()
    record_event(
        actor=user, action=AuditEvent.Action.CREATE, obj=document,
        changes=diff({}, snapshot(document, (*DOCUMENT_FIELDS, "content_type", "size_bytes"))),
    )  # fmt: skip
    return document


@transaction.atomic
def delete_document(*, document: VendorDocument, user) -> None:
    if document.review_status == VendorDocument.ReviewStatus.ACCEPTED:
        raise ValidationError(
            _("Dokumen yang sudah diterima UKPBJ tidak bisa dihapus; unggah versi barunya.")
        )
    record_event(
        actor=user, action=AuditEvent.Action.DELETE, obj=document,
        changes=diff(snapshot(document, DOCUMENT_FIELDS), {}),
    )  # fmt: skip
    document.delete()  # the file leaves storage after commit (vendors/file_cleanup.py)


def expiring_documents(vendor: Vendor, *, within_days: int = 30, today: date | None = None):
    """Documents of the vendor that expired or expire within `within_days` days."""
    today = today or timezone.localdate()
    return vendor.documents.filter(
        expires_on__isnull=False, expires_on__lte=today + timedelta(days=within_days)
    ).order_by("expires_on")


# --- links on unknown hosts ------------------------------------------------------------------


def flag_unknown_links(*, obj, fields, vendor: Vendor, actor=None) -> list:
    """Flag links of `obj` on hosts we do not know for UKPBJ review (vendors/links.py)."""
    from .links import links_to_review
    from .models import LinkReview

    flagged = []
    object_type = obj._meta.model_name
    for field, url, host in links_to_review(obj, fields):
        review, created = LinkReview.objects.get_or_create(
            object_type=object_type,
            object_id=obj.pk,
            field=field,
            url=url,
            defaults={"vendor": vendor, "host": host},
        )
        if created:
            flagged.append(review)
            record_event(
                actor=actor, action=AuditEvent.Action.LINK_FLAG, obj=obj, vendor=vendor,
                changes={field: {"old": None, "new": url}},
                note=_("Host %(host)s belum dikenal; tautan diperiksa UKPBJ.") % {"host": host},
            )  # fmt: skip
    return flagged


@transaction.atomic
def review_document(*, document: VendorDocument, by, accepted: bool, note: str = ""):
    """UKPBJ accepts or rejects one document (a rejection needs a note the vendor sees)."""
    if not accepted and not note.strip():
        raise ValidationError(_("Catatan wajib diisi saat menolak dokumen."))
    before = snapshot(document, ["review_status", "review_note"])
    document.review_status = (
        VendorDocument.ReviewStatus.ACCEPTED if accepted else VendorDocument.ReviewStatus.REJECTED
    )
    document.review_note = note.strip()
    document.full_clean()
    document.save()
    record_event(
        actor=by, action=AuditEvent.Action.VERIFY if accepted else AuditEvent.Action.REJECT,
        obj=document, by_staff=True,
        changes=diff(before, snapshot(document, ["review_status", "review_note"])),
    )  # fmt: skip


@transaction.atomic
def decide_link(*, link, by, approved: bool):
    """UKPBJ marks a flagged link (unknown host) as acceptable or not.

    A rejected link is taken off the vendor or product it was on (if it is still there), so
    the public listing never shows it.
    """
    from django.apps import apps

    from .models import LinkReview

    link.status = LinkReview.Status.APPROVED if approved else LinkReview.Status.REJECTED
    link.reviewed_at, link.reviewed_by = timezone.now(), by
    link.full_clean()
    link.save()
    changes = {link.field: {"old": None, "new": link.url}}
    if not approved:
        model = {"vendor": Vendor, "product": apps.get_model("catalog", "Product")}.get(
            link.object_type
        )
        obj = model.objects.filter(pk=link.object_id).first() if model else None
        if obj is not None and getattr(obj, link.field, None) == link.url:
            setattr(obj, link.field, "")
            obj.save()
            changes = {link.field: {"old": link.url, "new": ""}}
    record_event(
        actor=by, action=AuditEvent.Action.VERIFY if approved else AuditEvent.Action.REJECT,
        vendor=link.vendor, object_type="link", by_staff=True,
        changes=changes, note=link.get_status_display(),
    )  # fmt: skip
