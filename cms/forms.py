from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SiteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Cari di seluruh situs"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
        error_messages={
            "max_length": _("Kata kunci terlalu panjang (paling banyak %(limit_value)d karakter).")
        },
    )
    halaman = forms.IntegerField(
        min_value=1,
        max_value=1000,
        required=False,
        error_messages={
            "invalid": _("Halaman harus bilangan bulat mulai dari 1."),
            "min_value": _("Halaman harus bilangan bulat mulai dari 1."),
            "max_value": _("Halaman terlalu jauh."),
        },
    )

    def clean_q(self):
        # Control characters (a pasted null byte) are not searchable text.
        value = self.cleaned_data["q"]
        return "".join(c if c.isprintable() else " " for c in value).strip()
