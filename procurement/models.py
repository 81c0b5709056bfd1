"""The buying side: OPDs (regional agencies) and their buyers."""

from django.conf import settings
from django.db import models
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
