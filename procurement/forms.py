"""HTML forms of the buying side. Labels and errors in Indonesian; validation in the models."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Category

from .models import OPD, Purchase, Shortlist


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ShortlistForm(forms.ModelForm):
    """Create or edit a shortlist's header. `version` is the one the user loaded (edit only)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Shortlist
        fields = [
            "title",
            "description",
            "rup_code",
            "pagu",
            "planned_year",
            "planned_quarter",
            "category",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "pagu": forms.NumberInput(attrs={"min": 1, "step": 1, "inputmode": "numeric"}),
            "rup_code": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        error_messages = {
            "pagu": {"invalid": _("Pagu harus angka Rupiah penuh, tanpa titik atau koma.")},
            "planned_year": {"required": _("Tahun rencana wajib diisi.")},
            "planned_quarter": {"required": _("Triwulan rencana wajib dipilih.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.all()
        self.fields["category"].empty_label = _("— Tanpa kategori —")
        self.fields["pagu"].error_messages["required"] = _("Pagu wajib diisi dalam Rupiah penuh.")
        self.fields["title"].error_messages["required"] = _("Judul kebutuhan wajib diisi.")
        if not self.instance.pk:
            today = timezone.localdate()
            self.initial.setdefault("planned_year", today.year)
            self.initial.setdefault("planned_quarter", (today.month - 1) // 3 + 1)
        else:
            self.initial.setdefault("version", self.instance.version)


class AddItemForm(forms.Form):
    shortlist = forms.ModelChoiceField(
        label=_("Daftar pendek"),
        queryset=Shortlist.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Pilih daftar pendek."),
            "invalid_choice": _("Daftar pendek ini tidak ada atau sudah dikunci."),
        },
    )
    product = forms.IntegerField(required=False, widget=forms.HiddenInput)
    vendor = forms.IntegerField(required=False, widget=forms.HiddenInput)
    quantity = forms.IntegerField(
        label=_("Jumlah"),
        min_value=1,
        initial=1,
        error_messages={
            "required": _("Jumlah wajib diisi."),
            "min_value": _("Jumlah paling sedikit 1."),
            "invalid": _("Jumlah harus angka bulat."),
        },
    )
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)

    def __init__(self, *args, shortlists=None, **kwargs):
        super().__init__(*args, **kwargs)
        if shortlists is not None:
            self.fields["shortlist"].queryset = shortlists


class ItemUpdateForm(forms.Form):
    quantity = forms.IntegerField(
        label=_("Jumlah"),
        min_value=1,
        error_messages={
            "required": _("Jumlah wajib diisi."),
            "min_value": _("Jumlah paling sedikit 1."),
            "invalid": _("Jumlah harus angka bulat."),
        },
    )
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)


class PurchaseForm(forms.ModelForm):
    """Outcome of a shortlist, an item or a product. Date as a calendar date (Jakarta time)."""

    purchased_on = forms.DateField(
        label=_("Tanggal pembelian"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Tanggal pembelian tidak valid.")},
    )

    class Meta:
        model = Purchase
        fields = [
            "outcome",
            "vendor_name",
            "amount",
            "channel",
            "order_reference",
            "reason",
        ]
        widgets = {
            "outcome": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 2}),
            "amount": forms.NumberInput(attrs={"min": 1, "step": 1, "inputmode": "numeric"}),
        }
        error_messages = {
            "amount": {"invalid": _("Nilai harus angka Rupiah penuh, tanpa titik atau koma.")},
        }

    def __init__(self, *args, vendor_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", _("— Pilih cara pembelian —"))] + list(
            Purchase.Channel.choices
        )
        self.initial.setdefault("purchased_on", timezone.localdate())
        self.vendor_choices = vendor_choices or []
        if self.vendor_choices:
            self.fields["vendor_id"] = forms.TypedChoiceField(
                label=_("Penyedia"),
                coerce=int,
                required=False,
                choices=[("", _("— Pilih penyedia —"))] + [(v.pk, v.name) for v in vendor_choices],
            )
            self.order_fields(["outcome", "vendor_id"])

    def _post_clean(self):
        # The model's rules run in services.record_purchase, with the vendor and date the
        # service derives; their errors are mapped back onto this form by the view.
        pass

    def purchased_at(self) -> dt.datetime | None:
        """The date as noon Jakarta time: safely inside the day and quarter the buyer meant."""
        day = self.cleaned_data.get("purchased_on")
        if day is None:
            return None
        return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))

    def chosen_vendor(self):
        pk = self.cleaned_data.get("vendor_id")
        return next((v for v in self.vendor_choices if v.pk == pk), None)


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Purchase
        fields = ["delivered_on", "bast_signed_on", "invoice_received_on", "paid_on"]
        widgets = {name: DateInput() for name in fields}


class BudgetForm(forms.Form):
    opd = forms.ModelChoiceField(
        label=_("OPD"),
        queryset=OPD.objects.all(),
        error_messages={"required": _("Pilih OPD."), "invalid_choice": _("OPD tidak dikenal.")},
    )
    year = forms.IntegerField(
        label=_("Tahun"),
        min_value=2020,
        max_value=2100,
        error_messages={
            "required": _("Tahun wajib diisi."),
            "min_value": _("Tahun paling awal 2020."),
            "max_value": _("Tahun paling akhir 2100."),
            "invalid": _("Tahun harus angka."),
        },
    )
    pagu_goods_services = forms.IntegerField(
        label=_("Pagu belanja barang/jasa (Rp)"),
        min_value=1,
        error_messages={
            "required": _("Pagu wajib diisi dalam Rupiah penuh."),
            "min_value": _("Pagu harus lebih dari Rp 0."),
            "invalid": _("Pagu harus angka Rupiah penuh, tanpa titik atau koma."),
        },
    )
