"""The catalogue: a category tree and the products and services vendors offer."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from vendors.models import Vendor
from vendors.validators import validate_kbli_list

MAX_CATEGORY_DEPTH = 3


class CategoryQuerySet(models.QuerySet):
    def roots(self):
        return self.filter(parent__isnull=True)

    def descendants_of(self, category, include_self=True):
        """The category and everything below it, by its materialised path (one indexed query)."""
        qs = self.filter(path__startswith=category.path)
        return qs if include_self else qs.exclude(pk=category.pk)


class Category(models.Model):
    """A node in a shallow tree (at most three levels), e.g. ATK > Kertas > Kertas HVS.

    `path` ("atk/kertas/") is derived from the slugs on save, so descendants are one
    `path LIKE 'atk/%'` query on every database.
    """

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
    )
    name = models.CharField(_("nama"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    path = models.CharField(_("jalur"), max_length=400, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("tingkat"), default=1, editable=False)
    keywords = models.TextField(
        _("kata kunci/sinonim"),
        blank=True,
        help_text=_("Kata lain yang dipakai pembeli, dipisah koma (mis. alat tulis kantor, ATK)."),
    )
    kbli_hints = models.JSONField(
        _("petunjuk KBLI"), default=list, blank=True, validators=[validate_kbli_list]
    )
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")

    def __str__(self):
        return " › ".join(a.name for a in self.ancestors(include_self=True))

    def get_absolute_url(self):
        return reverse("catalog:category", kwargs={"slug": self.slug})

    def ancestors(self, include_self=False):
        chain, node = [], self if include_self else self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def clean(self):
        if not self.slug and self.name:
            self.slug = slugify(self.name)
        node, depth = self.parent, 1
        while node is not None:
            if self.pk and node.pk == self.pk:
                raise ValidationError({"parent": _("Kategori tidak boleh menjadi induk dirinya.")})
            depth += 1
            node = node.parent
        if depth > MAX_CATEGORY_DEPTH:
            raise ValidationError(
                {
                    "parent": _("Pohon kategori paling banyak %(n)s tingkat.")
                    % {"n": MAX_CATEGORY_DEPTH}
                }
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        old_path = None
        if self.pk:
            old_path = Category.objects.filter(pk=self.pk).values_list("path", flat=True).first()
        self.path = (self.parent.path if self.parent else "") + self.slug + "/"
        self.depth = self.path.count("/")
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # Moving or renaming a node moves its subtree.
            for child in self.children.all():
                child.save()


class ProductQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Product.Status.PUBLISHED)

    def of_verified_vendors(self):
        return self.filter(vendor__status=Vendor.Status.VERIFIED)

    def public(self):
        """What the public and buyers may see: published products of verified vendors."""
        return self.published().of_verified_vendors()


class Product(models.Model):
    """A good (barang) or service (jasa) offered by a vendor at a price in whole Rupiah."""

    class Kind(models.TextChoices):
        GOODS = "barang", _("Barang")
        SERVICE = "jasa", _("Jasa")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        PUBLISHED = "published", _("Tayang")
        ARCHIVED = "archived", _("Diarsipkan")

    UNIT_SUGGESTIONS = [
        "pcs", "rim", "box", "pak", "lusin", "paket", "porsi", "kotak", "orang/hari",
        "unit", "unit/bulan", "unit/hari", "lembar", "meter", "m2", "m3", "kg", "liter",
        "set", "stel", "kali", "jam", "hari", "sak", "batang", "buah",
    ]  # fmt: skip

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="products", verbose_name=_("penyedia")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("kategori")
    )
    kind = models.CharField(_("jenis"), max_length=6, choices=Kind.choices, default=Kind.GOODS)
    name = models.CharField(
        _("nama produk"), max_length=200, error_messages={"blank": _("Nama produk wajib diisi.")}
    )
    slug = models.SlugField(_("slug"), max_length=220, blank=True)
    description = models.TextField(_("deskripsi"), blank=True)
    keywords = models.CharField(_("kata kunci"), max_length=255, blank=True)
    brand = models.CharField(_("merek"), max_length=80, blank=True)
    unit = models.CharField(
        _("satuan"),
        max_length=30,
        help_text=_("Mis. pcs, rim, box, paket, porsi, orang/hari."),
        error_messages={"blank": _("Satuan wajib diisi, mis. pcs, rim, paket atau porsi.")},
    )
    price = models.PositiveBigIntegerField(
        _("harga (Rp)"),
        validators=[MinValueValidator(1, message=_("Harga harus lebih dari Rp 0."))],
        error_messages={"null": _("Harga wajib diisi dalam Rupiah penuh.")},
        help_text=_("Harga satuan dalam Rupiah penuh, tanpa titik atau koma."),
    )
    price_valid_until = models.DateField(_("harga berlaku sampai"), null=True, blank=True)
    min_order = models.PositiveIntegerField(
        _("pesanan minimum"),
        default=1,
        validators=[MinValueValidator(1, message=_("Pesanan minimum paling sedikit 1."))],
    )
    lead_time_days = models.PositiveSmallIntegerField(_("waktu kirim (hari)"), default=1)
    capacity = models.CharField(
        _("kapasitas"), max_length=120, blank=True, help_text=_("Mis. 500 porsi/hari.")
    )
    tkdn_percent = models.DecimalField(
        _("TKDN (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, message=_("TKDN tidak boleh kurang dari 0%%.")),
            MaxValueValidator(100, message=_("TKDN tidak boleh lebih dari 100%%.")),
        ],
    )
    tkdn_bmp_percent = models.DecimalField(
        _("TKDN + BMP (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, message=_("TKDN + BMP tidak boleh kurang dari 0%%.")),
            MaxValueValidator(100, message=_("TKDN + BMP tidak boleh lebih dari 100%%.")),
        ],
    )
    tkdn_certificate_number = models.CharField(
        _("nomor sertifikat TKDN"), max_length=80, blank=True
    )
    is_pdn = models.BooleanField(_("produk dalam negeri (PDN)"), default=False)
    has_sni = models.BooleanField(_("ber-SNI"), default=False)
    is_halal = models.BooleanField(_("bersertifikat halal"), default=False)
    ekatalog_url = models.URLField(_("tautan e-Katalog (INAPROC)"), blank=True, max_length=500)
    toko_daring_url = models.URLField(_("tautan toko daring"), blank=True, max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True, db_index=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        indexes = [models.Index(fields=["vendor", "status"], name="product_vendor_status")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:product", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def has_epurchasing_link(self) -> bool:
        return bool(self.ekatalog_url or self.toko_daring_url)

    def clean(self):
        errors = {}
        if (
            self.tkdn_percent is not None
            and self.tkdn_bmp_percent is not None
            and self.tkdn_bmp_percent < self.tkdn_percent
        ):
            errors["tkdn_bmp_percent"] = _("TKDN + BMP tidak boleh lebih kecil dari TKDN.")
        if self.tkdn_percent is not None and self.tkdn_percent > 0:
            # A product with certified local content is by definition a domestic product.
            self.is_pdn = True
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200] or "produk"
        super().save(*args, **kwargs)


class ProductImage(models.Model):
    """A photo of a product, kept in Wagtail's image library for renditions."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="images", verbose_name=_("produk")
    )
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("foto")
    )
    alt_text = models.CharField(_("teks alternatif"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["product", "sort_order", "id"]
        verbose_name = _("foto produk")
        verbose_name_plural = _("foto produk")

    def __str__(self):
        return f"Foto {self.product}"
