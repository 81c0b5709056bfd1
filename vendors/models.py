"""Vendors (penyedia), their members and documents, and Batang's reference geography."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .fields import NIBField, NPWPField, PhoneField
from .storage import private_document_storage
from .uploads import sniff_document
from .validators import validate_kbli_list


class Kecamatan(models.Model):
    """One of the 15 kecamatan of Kabupaten Batang (BPS code 3325)."""

    code = models.CharField(_("kode BPS"), max_length=8, unique=True)
    name = models.CharField(_("nama"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    desa_count = models.PositiveSmallIntegerField(_("jumlah desa/kelurahan"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self):
        return self.name


class Desa(models.Model):
    """A desa or kelurahan within a kecamatan (loaded as far as verified)."""

    class Kind(models.TextChoices):
        DESA = "desa", _("Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")

    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="desa_set", verbose_name=_("kecamatan")
    )
    name = models.CharField(_("nama"), max_length=80)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.DESA)

    class Meta:
        ordering = ["kecamatan__name", "name"]
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "name"], name="unique_desa_per_kecamatan")
        ]

    def __str__(self):
        return f"{self.name}, {self.kecamatan.name}"


class VendorQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=Vendor.Status.VERIFIED)


_KECAMATAN_REQUIRED = _(
    "Kecamatan wajib diisi: alamat usaha harus di salah satu kecamatan Kabupaten Batang."
)


class Vendor(models.Model):
    """A Batang-based business (penyedia) that sells to the regency's agencies."""

    class LegalForm(models.TextChoices):
        PERORANGAN = "perorangan", _("Perorangan")
        UD = "ud", _("UD")
        CV = "cv", _("CV")
        PT = "pt", _("PT")
        KOPERASI = "koperasi", _("Koperasi")

    class Scale(models.TextChoices):
        MIKRO = "mikro", _("Mikro")
        KECIL = "kecil", _("Kecil")
        MENENGAH = "menengah", _("Menengah")
        BESAR = "besar", _("Besar")

    class PKPStatus(models.TextChoices):
        UNKNOWN = "unknown", _("Belum diketahui")
        PKP = "pkp", _("PKP")
        NON_PKP = "non_pkp", _("Non-PKP")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")
        SUSPENDED = "suspended", _("Dibekukan")
        # The vendor asked for its data to be deleted (UU PDP): hidden at once, deleted later.
        WITHDRAWN = "withdrawn", _("Menunggu penghapusan data")

    name = models.CharField(
        _("nama usaha"), max_length=200, error_messages={"blank": _("Nama usaha wajib diisi.")}
    )
    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True)
    legal_form = models.CharField(
        _("bentuk usaha"), max_length=12, choices=LegalForm.choices, default=LegalForm.PERORANGAN
    )
    nib = NIBField(
        _("NIB"),
        unique=True,
        error_messages={
            "unique": _("NIB ini sudah terdaftar."),
            "blank": _("NIB wajib diisi: 13 digit angka dari OSS."),
        },
    )
    npwp = NPWPField(_("NPWP"), blank=True)
    kbli_codes = models.JSONField(
        _("kode KBLI"), default=list, blank=True, validators=[validate_kbli_list]
    )
    scale = models.CharField(
        _("skala usaha"), max_length=10, choices=Scale.choices, default=Scale.MIKRO
    )
    is_koperasi = models.BooleanField(_("koperasi"), default=False)
    pkp_status = models.CharField(
        _("status PKP"), max_length=10, choices=PKPStatus.choices, default=PKPStatus.UNKNOWN
    )

    address = models.CharField(
        _("alamat"), max_length=255, error_messages={"blank": _("Alamat usaha wajib diisi.")}
    )
    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        related_name="vendors",
        verbose_name=_("kecamatan"),
        null=True,  # null only so a missing value gets our message, not an IntegrityError
        blank=False,
        error_messages={"null": _KECAMATAN_REQUIRED, "blank": _KECAMATAN_REQUIRED},
    )
    desa = models.ForeignKey(
        Desa,
        on_delete=models.PROTECT,
        related_name="vendors",
        verbose_name=_("desa/kelurahan"),
        null=True,
        blank=True,
    )

    phone = PhoneField(_("telepon"), blank=True)
    phone_public = models.BooleanField(_("tampilkan telepon ke publik"), default=False)
    whatsapp = PhoneField(_("WhatsApp"), blank=True)
    whatsapp_public = models.BooleanField(_("tampilkan WhatsApp ke publik"), default=False)
    email = models.EmailField(_("email"), blank=True)
    email_public = models.BooleanField(_("tampilkan email ke publik"), default=True)
    website = models.URLField(_("situs web"), blank=True)
    description = models.TextField(_("deskripsi"), blank=True)

    inaproc_url = models.URLField(_("tautan toko di INAPROC/Katalog"), blank=True)
    toko_daring_url = models.URLField(_("tautan toko daring"), blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_reason = models.TextField(_("alasan status"), blank=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diverifikasi oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True, db_index=True)

    objects = VendorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("penyedia")
        verbose_name_plural = _("penyedia")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("vendors:detail", kwargs={"slug": self.slug})

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def is_umk(self) -> bool:
        return self.scale in (self.Scale.MIKRO, self.Scale.KECIL)

    @property
    def has_inaproc_link(self) -> bool:
        return bool(self.inaproc_url or self.toko_daring_url)

    def clean(self):
        errors = {}
        if (
            self.kecamatan_id is not None
            and self.desa_id is not None
            and self.desa.kecamatan_id != self.kecamatan_id
        ):
            errors["desa"] = _("Desa/kelurahan yang dipilih tidak berada di kecamatan %(kec)s.") % {
                "kec": self.kecamatan.name
            }
        if self.legal_form == self.LegalForm.KOPERASI:
            self.is_koperasi = True
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Vendor, self.name)
        super().save(*args, **kwargs)


def unique_slug(model, text: str, max_length: int = 200) -> str:
    """A slug for `text` that no row of `model` uses yet ("toko-maju", "toko-maju-2", ...)."""
    base = slugify(text)[:max_length].strip("-") or "penyedia"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class VendorMember(models.Model):
    """A user who acts for a vendor. A user acts for at most one vendor."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Pemilik")
        STAFF = "staff", _("Staf")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="vendor_membership",
        verbose_name=_("pengguna"),
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="members", verbose_name=_("penyedia")
    )
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, default=Role.OWNER)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("anggota penyedia")
        verbose_name_plural = _("anggota penyedia")

    def __str__(self):
        return f"{self.user} – {self.vendor} ({self.get_role_display()})"


def vendor_document_path(instance, filename):
    # The stored name never reuses the uploaded name: it could carry personal data or tricks.
    import uuid

    ext = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        instance.content_type, "bin"
    )
    return f"vendors/{instance.vendor_id}/documents/{uuid.uuid4().hex}.{ext}"


class VendorDocument(models.Model):
    """A legal document of a vendor, stored privately (no public URL)."""

    class Kind(models.TextChoices):
        NIB = "nib", _("NIB")
        NPWP = "npwp", _("NPWP")
        AKTA = "akta", _("Akta pendirian")
        PKP = "pkp", _("Surat PKP")
        TKDN = "tkdn", _("Sertifikat TKDN")
        SNI = "sni", _("Sertifikat SNI")
        HALAL = "halal", _("Sertifikat halal")
        OTHER = "other", _("Lainnya")

    class ReviewStatus(models.TextChoices):
        PENDING = "pending", _("Menunggu pemeriksaan")
        ACCEPTED = "accepted", _("Diterima")
        REJECTED = "rejected", _("Ditolak")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="documents", verbose_name=_("penyedia")
    )
    kind = models.CharField(_("jenis dokumen"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("nomor dokumen"), max_length=100, blank=True)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)
    tkdn_percent = models.DecimalField(
        _("persentase TKDN"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    file = models.FileField(
        _("berkas"),
        upload_to=vendor_document_path,
        storage=private_document_storage,
        max_length=255,
    )
    content_type = models.CharField(_("jenis berkas"), max_length=50, editable=False)
    size_bytes = models.PositiveIntegerField(_("ukuran (byte)"), default=0, editable=False)
    review_status = models.CharField(
        _("status pemeriksaan"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PENDING,
    )
    review_note = models.TextField(_("catatan pemeriksaan"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        ordering = ["vendor", "kind", "-uploaded_at"]
        verbose_name = _("dokumen penyedia")
        verbose_name_plural = _("dokumen penyedia")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.vendor}"

    def clean(self):
        errors = {}
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            errors["expires_on"] = _("Tanggal berlaku sampai tidak boleh sebelum tanggal terbit.")
        if self.kind == self.Kind.TKDN and self.tkdn_percent is None:
            errors["tkdn_percent"] = _("Persentase TKDN wajib diisi untuk sertifikat TKDN.")
        if self.file and not getattr(self.file, "_committed", True):
            try:
                self.content_type, self.size_bytes = sniff_document(self.file)
            except ValidationError as exc:
                errors["file"] = exc.messages
        if errors:
            raise ValidationError(errors)


# --- Vendor self-service: audit trail, invitations, reviewed edits, reminders ---------------


class AuditEventQuerySet(models.QuerySet):
    def unacknowledged(self):
        return self.filter(by_staff=False, acknowledged_at__isnull=True)


class AuditEvent(models.Model):
    """Who did what to which object of a vendor, when, with the change as a JSON diff.

    `changes` maps a field name to {"old": ..., "new": ...} (JSON-safe values; foreign keys as
    ids). Vendor-side events (by_staff=False) wait for a UKPBJ acknowledgement.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("Dibuat")
        UPDATE = "update", _("Diubah")
        DELETE = "delete", _("Dihapus")
        SUBMIT = "submit", _("Diajukan untuk verifikasi")
        VERIFY = "verify", _("Diverifikasi")
        REJECT = "reject", _("Ditolak")
        SUSPEND = "suspend", _("Dibekukan")
        REVISION_REQUEST = "revision_request", _("Perubahan data kunci diajukan")
        REVISION_APPROVE = "revision_approve", _("Perubahan data kunci disetujui")
        REVISION_REJECT = "revision_reject", _("Perubahan data kunci ditolak")
        INVITE = "invite", _("Undangan anggota dikirim")
        JOIN = "join", _("Anggota bergabung")
        ARCHIVE = "archive", _("Diarsipkan")
        IMPORT = "import", _("Impor massal")
        LINK_FLAG = "link_flag", _("Tautan perlu diperiksa")

    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("penyedia"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    by_staff = models.BooleanField(_("oleh UKPBJ"), default=False)
    action = models.CharField(_("tindakan"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("jenis objek"), max_length=40)
    object_id = models.CharField(_("id objek"), max_length=40, blank=True)
    object_repr = models.CharField(_("objek"), max_length=255, blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    acknowledged_at = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditinjau oleh"),
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        indexes = [models.Index(fields=["vendor", "-created_at"], name="audit_vendor_created")]

    def __str__(self):
        return f"{self.get_action_display()} – {self.object_repr}"


def _invitation_token():
    import secrets

    return secrets.token_urlsafe(32)


class VendorInvitation(models.Model):
    """An owner's invitation, sent by email, for a person to join the vendor as staff."""

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("penyedia")
    )
    email = models.EmailField(_("email"))
    role = models.CharField(
        _("peran"), max_length=10, choices=VendorMember.Role.choices, default="staff"
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diundang oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    accepted_at = models.DateTimeField(_("diterima pada"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterima oleh"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("undangan anggota")
        verbose_name_plural = _("undangan anggota")

    def __str__(self):
        return f"{self.email} → {self.vendor}"

    @property
    def is_open(self) -> bool:
        from django.utils import timezone

        return self.accepted_at is None and self.expires_at > timezone.now()


class VendorRevision(models.Model):
    """Proposed edits to the key fields of a verified vendor, waiting for UKPBJ review.

    The Vendor row (what the public sees) keeps the last verified values until a UKPBJ staff
    member approves; `changes` holds the proposed values (foreign keys as ids).
    """

    KEY_FIELDS = ("name", "nib", "npwp", "address", "kecamatan", "desa")

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu pemeriksaan")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("penyedia")
    )
    changes = models.JSONField(_("perubahan yang diajukan"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reason = models.TextField(_("alasan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diajukan oleh"),
    )
    created_at = models.DateTimeField(_("diajukan pada"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("perubahan data kunci")
        verbose_name_plural = _("perubahan data kunci")
        constraints = [
            models.UniqueConstraint(
                fields=["vendor"],
                condition=models.Q(status="pending"),
                name="one_pending_revision_per_vendor",
            )
        ]

    def __str__(self):
        return f"{self.vendor} ({self.get_status_display()})"


class RegistrationProgress(models.Model):
    """Which registration wizard steps a vendor has completed (so a draft can be resumed)."""

    vendor = models.OneToOneField(
        Vendor, on_delete=models.CASCADE, related_name="registration_progress"
    )
    completed_steps = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kemajuan pendaftaran")
        verbose_name_plural = _("kemajuan pendaftaran")

    def __str__(self):
        return f"{self.vendor}: {', '.join(self.completed_steps)}"


class DocumentReminder(models.Model):
    """An expiry reminder email already sent for a document (one per expiry date)."""

    document = models.ForeignKey(VendorDocument, on_delete=models.CASCADE, related_name="reminders")
    expires_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pengingat dokumen")
        verbose_name_plural = _("pengingat dokumen")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "expires_on"], name="one_reminder_per_document_expiry"
            )
        ]

    def __str__(self):
        return f"{self.document} ({self.expires_on})"


class LinkReview(models.Model):
    """A store/product link on a host we do not know yet: accepted, but flagged for UKPBJ review.

    Known hosts (INAPROC, partner marketplaces) are listed in vendors/links.py.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Perlu diperiksa")
        APPROVED = "approved", _("Diterima")
        REJECTED = "rejected", _("Ditolak")

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="link_reviews", verbose_name=_("penyedia")
    )
    object_type = models.CharField(_("jenis objek"), max_length=40)  # "vendor" or "product"
    object_id = models.PositiveBigIntegerField(_("id objek"))
    field = models.CharField(_("kolom"), max_length=40)
    url = models.URLField(_("tautan"), max_length=500)
    host = models.CharField(_("host"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tautan untuk diperiksa")
        verbose_name_plural = _("tautan untuk diperiksa")
        constraints = [
            models.UniqueConstraint(
                fields=["object_type", "object_id", "field", "url"], name="one_review_per_link"
            )
        ]

    def __str__(self):
        return self.url


class DeletionRequest(models.Model):
    """A vendor's request to delete its personal data (UU 27/2022 PDP).

    The listing leaves public view when the request is made; the deletion itself is carried
    out by UKPBJ or, at the latest, by `carry_out_deletions` once `due_at` has passed
    (docs/decisions/0018-personal-data-export-and-deletion.md). The row outlives the vendor as
    the record that the request was handled: it keeps the business name and counts only.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu dilaksanakan")
        DONE = "done", _("Sudah dilaksanakan")

    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deletion_requests",
        verbose_name=_("penyedia"),
    )
    vendor_ref = models.PositiveBigIntegerField(_("id penyedia"))
    vendor_name = models.CharField(_("nama usaha"), max_length=200)
    previous_status = models.CharField(_("status sebelumnya"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diminta oleh"),
    )
    requested_at = models.DateTimeField(_("diminta pada"), auto_now_add=True)
    due_at = models.DateTimeField(_("dilaksanakan paling lambat"))
    carried_out_at = models.DateTimeField(_("dilaksanakan pada"), null=True, blank=True)
    carried_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dilaksanakan oleh"),
    )
    summary = models.JSONField(_("ringkasan"), default=dict, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("permintaan penghapusan data")
        verbose_name_plural = _("permintaan penghapusan data")
        constraints = [
            models.UniqueConstraint(
                fields=["vendor_ref"],
                condition=models.Q(status="pending"),
                name="one_pending_deletion_per_vendor",
            )
        ]

    def __str__(self):
        return f"{self.vendor_name} ({self.get_status_display()})"
