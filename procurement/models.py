"""The buying side: OPDs (regional agencies) and their buyers."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendors.models import Kecamatan


class OPD(models.Model):
    """Organisasi Perangkat Daerah: a regional agency of Kabupaten Batang."""

    class Kind(models.TextChoices):
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        KECAMATAN = "kecamatan", _("Kecamatan")
        RSUD = "rsud", _("RSUD")
        OTHER = "lainnya", _("Lainnya")

    name = models.CharField(_("nama"), max_length=200, unique=True)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opds",
        verbose_name=_("kecamatan"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")

    def __str__(self):
        return self.short_name or self.name


class BuyerProfile(models.Model):
    """Links a user to the one OPD they buy for."""

    class Role(models.TextChoices):
        BUYER = "buyer", _("Pembeli (PPK/Pejabat Pengadaan)")
        HEAD = "head", _("Kepala OPD (PA/KPA)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="buyer_profile",
        verbose_name=_("pengguna"),
    )
    opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, related_name="buyers", verbose_name=_("OPD")
    )
    role = models.CharField(_("peran"), max_length=8, choices=Role.choices, default=Role.BUYER)
    position = models.CharField(_("jabatan"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("profil pembeli")
        verbose_name_plural = _("profil pembeli")

    def __str__(self):
        return f"{self.user} – {self.opd}"


# --- Shortlists, purchases and budgets -------------------------------------------------------

RUP_CODE_RE = r"^\d{6,12}$"


def validate_rup_code(value: str) -> None:
    """A SiRUP package code: digits only (SiRUP shows e.g. 45123678), 6 to 12 of them."""
    if value and not re.fullmatch(RUP_CODE_RE, value):
        raise ValidationError(
            _("Kode RUP harus berupa 6–12 digit angka seperti di SiRUP, mis. 45123678."),
            code="invalid_rup_code",
        )


def _positive_rupiah(label):
    return [MinValueValidator(1, message=_("%(label)s harus lebih dari Rp 0.") % {"label": label})]


class Shortlist(models.Model):
    """A buyer's list of candidate products/vendors for one need, before buying on INAPROC."""

    class Status(models.TextChoices):
        OPEN = "open", _("Terbuka")
        LOCKED = "locked", _("Dikunci")
        DONE = "done", _("Selesai")

    class Quarter(models.IntegerChoices):
        Q1 = 1, _("Triwulan I")
        Q2 = 2, _("Triwulan II")
        Q3 = 3, _("Triwulan III")
        Q4 = 4, _("Triwulan IV")

    opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, related_name="shortlists", verbose_name=_("OPD")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="shortlists",
        verbose_name=_("pemilik"),
    )
    title = models.CharField(
        _("judul kebutuhan"),
        max_length=200,
        error_messages={"blank": _("Judul kebutuhan wajib diisi.")},
    )
    description = models.TextField(_("uraian kebutuhan"), blank=True)
    rup_code = models.CharField(
        _("kode RUP"),
        max_length=12,
        blank=True,
        validators=[validate_rup_code],
        help_text=_("Opsional. Kode paket di SiRUP, 6–12 digit angka."),
    )
    pagu = models.PositiveBigIntegerField(
        _("pagu (Rp)"),
        validators=_positive_rupiah(_("Pagu")),
        error_messages={"null": _("Pagu wajib diisi dalam Rupiah penuh.")},
        help_text=_("Batas anggaran paket dalam Rupiah penuh, tanpa titik atau koma."),
    )
    planned_year = models.PositiveSmallIntegerField(
        _("tahun rencana"),
        validators=[
            MinValueValidator(2020, message=_("Tahun rencana paling awal 2020.")),
            MaxValueValidator(2100, message=_("Tahun rencana paling akhir 2100.")),
        ],
    )
    planned_quarter = models.PositiveSmallIntegerField(
        _("triwulan rencana"), choices=Quarter.choices
    )
    category = models.ForeignKey(
        "catalog.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shortlists",
        verbose_name=_("kategori"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    version = models.PositiveIntegerField(_("versi"), default=1)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    locked_at = models.DateTimeField(_("dikunci pada"), null=True, blank=True)
    exported_at = models.DateTimeField(_("terakhir diunduh"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("daftar pendek")
        verbose_name_plural = _("daftar pendek")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("procurement:shortlist_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def planned_label(self) -> str:
        return f"{self.get_planned_quarter_display()} {self.planned_year}"


class ShortlistItem(models.Model):
    """A product or vendor on a shortlist, with a snapshot of the listing when it was added.

    The snapshot is what goes into the procurement file: prices change, the file must not.
    """

    shortlist = models.ForeignKey(
        Shortlist, on_delete=models.CASCADE, related_name="items", verbose_name=_("daftar pendek")
    )
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shortlist_items",
        verbose_name=_("produk"),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shortlist_items",
        verbose_name=_("penyedia"),
    )
    quantity = models.PositiveIntegerField(
        _("jumlah"),
        default=1,
        validators=[MinValueValidator(1, message=_("Jumlah paling sedikit 1."))],
    )
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    position = models.PositiveIntegerField(_("urutan"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditambahkan oleh"),
    )
    added_at = models.DateTimeField(_("ditambahkan"), auto_now_add=True)

    # Snapshot taken when the item was added.
    snap_product_name = models.CharField(
        _("nama produk (saat ditambahkan)"), max_length=200, blank=True
    )
    snap_vendor_name = models.CharField(_("nama penyedia (saat ditambahkan)"), max_length=200)
    snap_unit_price = models.PositiveBigIntegerField(
        _("harga satuan (Rp, saat ditambahkan)"), null=True, blank=True
    )
    snap_unit = models.CharField(_("satuan"), max_length=30, blank=True)
    snap_tkdn_percent = models.DecimalField(
        _("TKDN (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    snap_tkdn_bmp_percent = models.DecimalField(
        _("TKDN + BMP (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    snap_is_pdn = models.BooleanField(_("PDN"), default=False)
    snap_kecamatan = models.CharField(_("kecamatan"), max_length=60, blank=True)
    snap_inaproc_url = models.URLField(_("tautan INAPROC"), max_length=500, blank=True)
    snap_toko_daring_url = models.URLField(_("tautan toko daring"), max_length=500, blank=True)
    snap_is_umk = models.BooleanField(_("UMK"), default=False)
    snap_is_koperasi = models.BooleanField(_("koperasi"), default=False)
    snap_lead_time_days = models.PositiveSmallIntegerField(
        _("waktu kirim (hari)"), null=True, blank=True
    )
    snap_category_name = models.CharField(_("kategori"), max_length=200, blank=True)

    class Meta:
        ordering = ["shortlist", "position", "id"]
        verbose_name = _("butir daftar pendek")
        verbose_name_plural = _("butir daftar pendek")
        constraints = [
            models.CheckConstraint(
                # Once the vendor's data is deleted (UU PDP), the item keeps only its snapshot.
                condition=models.Q(product__isnull=False)
                | models.Q(vendor__isnull=False)
                | ~models.Q(snap_vendor_name=""),
                name="shortlist_item_product_or_vendor",
            )
        ]

    def __str__(self):
        return self.snap_product_name or self.snap_vendor_name

    @property
    def total_price(self):
        if self.snap_unit_price is None:
            return None
        return self.snap_unit_price * self.quantity

    @property
    def handoff_url(self) -> str:
        return self.snap_inaproc_url or self.snap_toko_daring_url

    @property
    def on_inaproc(self) -> bool:
        return bool(self.handoff_url)


class ShortlistExport(models.Model):
    """A download of a shortlist for the procurement file (who, when, which format)."""

    class Format(models.TextChoices):
        XLSX = "xlsx", _("XLSX")
        CSV = "csv", _("CSV")
        PRINT = "print", _("Halaman cetak")

    shortlist = models.ForeignKey(
        Shortlist, on_delete=models.CASCADE, related_name="exports", verbose_name=_("daftar pendek")
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diunduh oleh"),
    )
    exported_at = models.DateTimeField(_("diunduh pada"), auto_now_add=True)
    format = models.CharField(_("format"), max_length=6, choices=Format.choices)

    class Meta:
        ordering = ["-exported_at", "-id"]
        verbose_name = _("unduhan daftar pendek")
        verbose_name_plural = _("unduhan daftar pendek")

    def __str__(self):
        return f"{self.shortlist} ({self.get_format_display()})"


class OutreachRequest(models.Model):
    """A buyer asks UKPBJ to help a vendor onto INAPROC (it is not there yet)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Menunggu")
        DONE = "done", _("Ditangani")

    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.CASCADE,
        related_name="outreach_requests",
        verbose_name=_("penyedia"),
    )
    opd = models.ForeignKey(
        OPD, on_delete=models.CASCADE, related_name="outreach_requests", verbose_name=_("OPD")
    )
    shortlist_item = models.ForeignKey(
        ShortlistItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outreach_requests",
        verbose_name=_("butir daftar pendek"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diminta oleh"),
    )
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("permintaan pendampingan INAPROC")
        verbose_name_plural = _("permintaan pendampingan INAPROC")
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "opd"],
                condition=models.Q(status="open"),
                name="one_open_outreach_per_vendor_and_opd",
            )
        ]

    def __str__(self):
        return f"{self.vendor} ({self.opd})"


class Purchase(models.Model):
    """The outcome of a shortlist or a single item: bought (and its paperwork), or not."""

    class Outcome(models.TextChoices):
        BOUGHT = "bought", _("Dibeli")
        NOT_BOUGHT = "not_bought", _("Tidak jadi dibeli")
        NONE_SUITABLE = "none_suitable", _("Tidak ada yang sesuai")

    class Channel(models.TextChoices):
        KATALOG_LOKAL = "katalog_lokal", _("e-Katalog lokal")
        KATALOG_SEKTORAL = "katalog_sektoral", _("e-Katalog sektoral")
        KATALOG_NASIONAL = "katalog_nasional", _("e-Katalog nasional")
        TOKO_DARING = "toko_daring", _("Toko daring")
        PENGADAAN_LANGSUNG = "pengadaan_langsung", _("Pengadaan langsung")
        OTHER = "lainnya", _("Lainnya")

    opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, related_name="purchases", verbose_name=_("OPD")
    )
    shortlist = models.ForeignKey(
        Shortlist,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="purchases",
        verbose_name=_("daftar pendek"),
    )
    shortlist_item = models.ForeignKey(
        ShortlistItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="purchases",
        verbose_name=_("butir daftar pendek"),
    )
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="purchases",
        verbose_name=_("produk"),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="purchases",
        verbose_name=_("penyedia"),
    )
    vendor_name = models.CharField(
        _("nama penyedia"),
        max_length=200,
        blank=True,
        help_text=_(
            "Diisi otomatis dari direktori; isi sendiri bila penyedia dari luar direktori."
        ),
    )
    outcome = models.CharField(
        _("hasil"), max_length=14, choices=Outcome.choices, default=Outcome.BOUGHT
    )
    reason = models.TextField(_("alasan"), blank=True)
    amount = models.PositiveBigIntegerField(_("nilai (Rp)"), null=True, blank=True)
    purchased_at = models.DateTimeField(_("tanggal pembelian"), null=True, blank=True)
    channel = models.CharField(
        _("cara pembelian"), max_length=20, choices=Channel.choices, blank=True
    )
    order_reference = models.CharField(_("nomor pesanan/kontrak"), max_length=100, blank=True)

    # Figures for the dashboard, fixed when the purchase is recorded.
    is_batang_vendor = models.BooleanField(_("penyedia Batang"), default=False)
    is_umk_or_koperasi = models.BooleanField(_("UMK atau koperasi"), default=False)
    tkdn_percent = models.DecimalField(
        _("TKDN (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    category = models.ForeignKey(
        "catalog.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="purchases",
        verbose_name=_("kategori"),
    )

    # Payment milestones: what payment waits on.
    delivered_on = models.DateField(_("barang/jasa diterima"), null=True, blank=True)
    bast_signed_on = models.DateField(_("BAST ditandatangani"), null=True, blank=True)
    invoice_received_on = models.DateField(_("tagihan diterima"), null=True, blank=True)
    paid_on = models.DateField(_("dibayar"), null=True, blank=True)

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        ordering = ["-purchased_at", "-id"]
        verbose_name = _("pembelian")
        verbose_name_plural = _("pembelian")
        permissions = [("view_all_opd_figures", _("Dapat melihat angka semua OPD"))]
        indexes = [models.Index(fields=["opd", "purchased_at"], name="purchase_opd_date")]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.vendor_name or '-'}"

    def get_absolute_url(self):
        return reverse("procurement:purchase_detail", kwargs={"pk": self.pk})

    @property
    def is_bought(self) -> bool:
        return self.outcome == self.Outcome.BOUGHT

    @property
    def waiting_for_paperwork(self) -> bool:
        return self.is_bought and self.delivered_on is not None and self.paid_on is None

    def clean(self):
        errors = {}
        if self.is_bought:
            if not self.amount:
                errors["amount"] = _("Nilai pembelian wajib diisi dan lebih dari Rp 0.")
            if self.purchased_at is None:
                errors["purchased_at"] = _("Tanggal pembelian wajib diisi.")
            if not self.channel:
                errors["channel"] = _("Cara pembelian wajib dipilih.")
            if self.vendor_id is None and not self.vendor_name.strip():
                errors["vendor_name"] = _("Penyedia wajib diisi untuk pembelian.")
        elif self.outcome == self.Outcome.NONE_SUITABLE and not self.reason.strip():
            errors["reason"] = _("Alasan wajib diisi bila tidak ada yang sesuai.")
        if self.purchased_at is not None:
            bought_on = timezone.localdate(self.purchased_at)
            for field in ("delivered_on", "bast_signed_on", "invoice_received_on", "paid_on"):
                value = getattr(self, field)
                if value is not None and value < bought_on:
                    errors[field] = _(
                        "Tanggal %(label)s tidak boleh sebelum tanggal pembelian."
                    ) % {"label": self._meta.get_field(field).verbose_name}
        if not self.is_bought:
            for field in ("delivered_on", "bast_signed_on", "invoice_received_on", "paid_on"):
                if getattr(self, field) is not None:
                    errors[field] = _("Tahapan pembayaran hanya untuk pembelian yang terjadi.")
        if errors:
            raise ValidationError(errors)


class OPDBudget(models.Model):
    """An OPD's budget ceiling (pagu) for goods and services in one year."""

    opd = models.ForeignKey(
        OPD, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("OPD")
    )
    year = models.PositiveSmallIntegerField(
        _("tahun"),
        validators=[
            MinValueValidator(2020, message=_("Tahun paling awal 2020.")),
            MaxValueValidator(2100, message=_("Tahun paling akhir 2100.")),
        ],
    )
    pagu_goods_services = models.PositiveBigIntegerField(
        _("pagu belanja barang/jasa (Rp)"),
        validators=_positive_rupiah(_("Pagu")),
        error_messages={"null": _("Pagu wajib diisi dalam Rupiah penuh.")},
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diperbarui oleh"),
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        ordering = ["opd", "-year"]
        verbose_name = _("pagu OPD")
        verbose_name_plural = _("pagu OPD")
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "year"],
                name="one_budget_per_opd_and_year",
                violation_error_message=_("Pagu OPD untuk tahun ini sudah ada."),
            )
        ]

    def __str__(self):
        return f"{self.opd} {self.year}"
