"""Vendor-side forms: the registration wizard steps, documents and member invitations.

Every error message is Indonesian and names the field; model validation (NIB, NPWP, phone,
KBLI) runs through ModelForm -> Model.full_clean for the step's fields only.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .links import check_link_scheme
from .models import Desa, Vendor, VendorDocument
from .services import STEP_BY_SLUG, check_nib_available
from .validators import validate_kbli


class KBLIField(forms.CharField):
    """KBLI codes typed as "47611, 56210" -> ["47611", "56210"]."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Kode KBLI 5 digit dari NIB Anda, pisahkan dengan koma."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        codes = [c.strip() for c in value.replace(";", ",").replace(" ", ",").split(",")]
        return [c for c in codes if c]

    def validate(self, value):
        super().validate(value)
        errors = []
        for code in value:
            try:
                validate_kbli(code)
            except ValidationError as exc:
                errors.extend(exc.error_list)
        if errors:
            raise ValidationError(errors)


class VendorStepForm(forms.ModelForm):
    """Base for the wizard steps; subclasses are built per step by `step_form_class`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            try:
                model_field = Vendor._meta.get_field(name)
            except Exception:  # noqa: BLE001 - form-only fields
                model_field = None
            if model_field is not None and "blank" in model_field.error_messages:
                # The model's message names the field and the fix ("Nama usaha wajib diisi.").
                field.error_messages["required"] = model_field.error_messages["blank"]
            if name in ("nib", "npwp", "phone", "whatsapp"):
                # People type separators ("01.234.567.8-901.000"); the model field strips
                # them, so the typed length may exceed the stored one.
                field.max_length = 40
                field.validators = [
                    v for v in field.validators if not isinstance(v, MaxLengthValidator)
                ]
                field.widget.attrs["maxlength"] = "40"
            if isinstance(field, forms.URLField):
                field.error_messages["invalid"] = _(
                    "%(label)s harus alamat web lengkap yang diawali https:// atau http://."
                ) % {"label": field.label}
            if isinstance(field.widget, forms.CheckboxInput):
                continue
            field.widget.attrs.setdefault("class", "input")
            if name in ("nib", "npwp", "phone", "whatsapp"):
                field.widget.attrs["inputmode"] = "numeric" if name != "phone" else "tel"

    def clean_nib(self):
        nib = self.cleaned_data.get("nib", "")
        try:
            check_nib_available(nib, exclude_vendor=self.instance if self.instance.pk else None)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return nib

    def clean_inaproc_url(self):
        return check_link_scheme(self.cleaned_data.get("inaproc_url", ""), "inaproc_url")

    def clean_toko_daring_url(self):
        return check_link_scheme(self.cleaned_data.get("toko_daring_url", ""), "toko_daring_url")

    def clean(self):
        cleaned = super().clean()
        if {"phone", "whatsapp", "email"} <= set(self.fields) and not (
            cleaned.get("phone") or cleaned.get("whatsapp") or cleaned.get("email")
        ):
            raise ValidationError(
                {"phone": _("Isi minimal satu kontak: telepon, WhatsApp atau email.")}
            )
        return cleaned

    def _post_clean(self):
        # The NIB uniqueness message comes from clean_nib (it tells how to ask for access).
        super()._post_clean()
        if "nib" in self._errors:
            msgs = self._errors["nib"]
            taken = str(Vendor._meta.get_field("nib").error_messages["unique"])
            self._errors["nib"] = self.error_class([m for m in msgs if m != taken] or msgs)

    def validate_unique(self):
        exclude = self._get_validation_exclusions()
        exclude.add("nib")
        try:
            self.instance.validate_unique(exclude=exclude)
        except ValidationError as e:
            self._update_errors(e)


def step_form_class(step_slug: str):
    step = STEP_BY_SLUG[step_slug]
    attrs = {"Meta": type("Meta", (), {"model": Vendor, "fields": list(step.fields)})}
    if "kbli_codes" in step.fields:
        attrs["kbli_codes"] = KBLIField(label=_("Kode KBLI"), required=False)
    if "desa" in step.fields:
        attrs["desa"] = forms.ModelChoiceField(
            queryset=Desa.objects.select_related("kecamatan"),
            required=False,
            label=_("Desa/kelurahan"),
        )
    if "description" in step.fields:
        attrs["description"] = forms.CharField(
            label=_("Deskripsi singkat usaha"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    return type(f"VendorStep_{step_slug}_Form", (VendorStepForm,), attrs)


class SubmitForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Saya menyatakan data dan dokumen yang saya isi benar."),
        error_messages={"required": _("Centang pernyataan ini untuk mengajukan verifikasi.")},
    )


class DocumentForm(forms.ModelForm):
    """Upload a document. The file is checked by its content in VendorDocument.clean()."""

    class Meta:
        model = VendorDocument
        fields = ["kind", "number", "issued_on", "expires_on", "tkdn_percent", "file"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
            "file": forms.ClearableFileInput(
                attrs={"accept": "application/pdf,image/jpeg,image/png"}
            ),
        }
        error_messages = {
            "kind": {"required": _("Jenis dokumen wajib dipilih.")},
            "file": {"required": _("Berkas wajib dipilih (PDF, JPEG atau PNG, maks. 5 MB).")},
            "tkdn_percent": {"invalid": _("Persentase TKDN harus angka, mis. 45,5.")},
        }
        help_texts = {
            "file": _("PDF, JPEG atau PNG, paling besar 5 MB."),
            "tkdn_percent": _("Hanya untuk sertifikat TKDN."),
        }

    def clean_tkdn_percent(self):
        value = self.cleaned_data.get("tkdn_percent")
        if value is not None and not (0 <= value <= 100):
            raise ValidationError(_("Persentase TKDN harus antara 0 dan 100."))
        return value


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email orang yang diundang"),
        error_messages={
            "required": _("Email wajib diisi."),
            "invalid": _("Email tidak valid, mis. nama@contoh.id."),
        },
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Alasan wajib diisi agar penyedia tahu yang harus diperbaiki.")
        },
    )
