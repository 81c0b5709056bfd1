"""Vendor-side catalogue forms: a product with photos, and the bulk import upload."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from vendors.links import check_link_scheme
from vendors.uploads import decode_image

from .models import Category, Product


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, after a full decode with Pillow.

    Wagtail checks the extension and the signature, then asks Pillow for the size, which
    raises (a 500) on a signature followed by a page or a script. Decode it all first and
    refuse anything that is not a whole image with a form error.
    """

    def to_python(self, data):
        if data:
            decode_image(
                data,
                ValidationError(
                    _("Berkas ini bukan foto JPEG, PNG atau WebP yang utuh."), code="invalid_image"
                ),
            )
        return super().to_python(data)


class ProductForm(forms.ModelForm):
    photo = DecodedImageField(
        label=_("Foto produk"),
        required=False,
        help_text=_("JPEG, PNG atau WebP, paling besar 5 MB. Foto pertama jadi foto utama."),
    )
    photo_alt = forms.CharField(
        label=_("Keterangan foto"),
        required=False,
        max_length=200,
        help_text=_("Apa yang terlihat di foto, untuk pembaca layar."),
    )

    class Meta:
        model = Product
        fields = [
            "name", "category", "kind", "description", "brand", "unit", "price",
            "price_valid_until", "min_order", "lead_time_days", "capacity", "tkdn_percent",
            "tkdn_bmp_percent", "tkdn_certificate_number", "is_pdn", "has_sni", "is_halal",
            "ekatalog_url", "toko_daring_url", "keywords", "status",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "price_valid_until": forms.DateInput(attrs={"type": "date"}),
            "price": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        }
        error_messages = {
            "category": {"required": _("Kategori wajib dipilih.")},
            "price": {
                "required": _("Harga wajib diisi dalam Rupiah penuh."),
                "invalid": _("Harga harus bilangan bulat tanpa titik atau koma, mis. 52000."),
            },
            "min_order": {"invalid": _("Pesanan minimum harus bilangan bulat.")},
            "lead_time_days": {"invalid": _("Waktu kirim harus jumlah hari (bilangan bulat).")},
            "tkdn_percent": {"invalid": _("TKDN harus angka 0–100, mis. 45,5.")},
            "ekatalog_url": {
                "invalid": _("Tautan e-Katalog harus alamat web lengkap (https://...).")
            },
            "toko_daring_url": {
                "invalid": _("Tautan toko daring harus alamat web lengkap (https://...).")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self._meta.fields:
                blank = Product._meta.get_field(name).error_messages.get("blank")
                if blank and name not in (self._meta.error_messages or {}):
                    # The model's message names the field ("Nama produk wajib diisi.").
                    field.error_messages["required"] = blank
        self.fields["category"].queryset = Category.objects.select_related("parent__parent")
        self.fields["status"].choices = [
            (Product.Status.DRAFT, Product.Status.DRAFT.label),
            (Product.Status.PUBLISHED, Product.Status.PUBLISHED.label),
        ]
        self.fields["unit"].widget.attrs["list"] = "unit-suggestions"
        self.fields["ekatalog_url"].help_text = _(
            "Tautan produk Anda di Katalog v6 (katalog.inaproc.id). Host lain diperiksa UKPBJ."
        )
        self.fields["toko_daring_url"].help_text = _(
            "Tautan produk di toko daring (mis. Tokopedia, Shopee, Blibli, PaDi UMKM)."
        )

    def clean_ekatalog_url(self):
        return check_link_scheme(self.cleaned_data.get("ekatalog_url", ""), "ekatalog_url")

    def clean_toko_daring_url(self):
        return check_link_scheme(self.cleaned_data.get("toko_daring_url", ""), "toko_daring_url")

    def product_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_("Kolom: nama, kategori, satuan, harga (wajib), dan kolom lain dari templat."),
        error_messages={"required": _("Pilih berkas CSV atau XLSX.")},
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Berkas harus berekstensi .csv atau .xlsx."))
        if f.size > 10 * 1024 * 1024:
            raise ValidationError(_("Berkas impor paling besar 10 MB."))
        return f
