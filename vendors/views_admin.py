"""Building blocks for the back office (Wagtail admin) shared by the vendors, catalog and
procurement viewsets: listing views that load related rows in one query, a delete view that
explains protected rows instead of failing, and the admin forms of vendors and their documents.
"""

from django import forms
from django.contrib import messages
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Desa, Vendor
from .uploads import ALLOWED_DOCUMENT_TYPES
from .validators import validate_kbli


class RelatedIndexView(generic.IndexView):
    """An index view whose rows come with their related rows (no query per row).

    Subclasses set ``select_related`` (and optionally ``annotations``) instead of overriding
    ``get_base_queryset``.
    """

    select_related: tuple[str, ...] = ()
    annotations: dict = {}

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.annotations:
            queryset = queryset.annotate(**self.annotations)
        return queryset


class ProtectedDeleteView(generic.DeleteView):
    """Deleting a row that others still point to (PROTECT) says why, instead of a server error."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except (ProtectedError, RestrictedError) as exc:
            blocking = list(exc.protected_objects if isinstance(exc, ProtectedError) else [])
            blocking = blocking or list(getattr(exc, "restricted_objects", []))
            example = blocking[0] if blocking else None
            messages.error(
                self.request,
                gettext(
                    "%(object)s tidak dapat dihapus karena masih dipakai oleh data lain "
                    "(misalnya %(example)s). Ubah atau hapus data tersebut terlebih dahulu."
                )
                % {"object": self.object, "example": example or "-"},
            )
            return redirect(self.get_success_url())


class BackOfficeViewSet(ModelViewSet):
    """Defaults shared by every back-office listing of this project."""

    index_view_class = RelatedIndexView
    delete_view_class = ProtectedDeleteView
    # Our models are not in Wagtail's search index: search with the ORM over search_fields.
    search_backend_name = None
    copy_view_enabled = False
    # Wagtail's reference index would re-index on every save (imports, seeds, services);
    # the "usage" of vendors and products is shown by our own pages instead.
    add_to_reference_index = False
    list_per_page = 50

    def get_index_view_kwargs(self, **kwargs):
        kwargs.setdefault("select_related", getattr(self, "list_select_related", ()))
        kwargs.setdefault("annotations", getattr(self, "list_annotations", {}))
        return super().get_index_view_kwargs(**kwargs)


def unique_slug_for(model, text: str, *, exclude_pk=None, max_length: int = 200) -> str:
    """A slug for `text` that no other row of `model` uses ("dinas-x", "dinas-x-2", ...)."""
    base = slugify(text)[:max_length].strip("-") or model._meta.model_name
    slug, n = base, 1
    others = model._default_manager.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class AutoSlugAdminForm(WagtailAdminModelForm):
    """A slug may be left empty: it is then made from the name, unique among its kind."""

    slug_source_field = "name"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Kosongkan untuk dibuat otomatis dari nama.")

    def clean(self):
        cleaned = super().clean()
        if (
            "slug" in self.fields
            and not cleaned.get("slug")
            and cleaned.get(self.slug_source_field)
        ):
            cleaned["slug"] = unique_slug_for(
                self._meta.model, cleaned[self.slug_source_field], exclude_pk=self.instance.pk
            )
        return cleaned


class KBLIListField(forms.CharField):
    """KBLI codes typed as "47611, 10792" and stored as ["47611", "10792"]."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Kode KBLI 5 digit dari NIB, dipisah koma (mis. 47611, 10792).")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(str(code) for code in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if isinstance(value, (list, tuple)):
            return [str(code) for code in value]
        codes = [part.strip() for part in text.replace(";", ",").replace("\n", ",").split(",")]
        unique = []
        for code in codes:
            if code and code not in unique:
                unique.append(code)
        return unique

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        errors = []
        for code in value:
            try:
                validate_kbli(code)
            except forms.ValidationError as exc:
                errors.extend(exc.error_list)
        if errors:
            raise forms.ValidationError(errors)

    def has_changed(self, initial, data):
        return self.prepare_value(initial or []) != self.prepare_value(self.to_python(data))


def allow_formatted_input(form, *field_names):
    """Let people type "01.234.567.8-901.000" into a 16-digit field.

    The model fields strip the punctuation and then check the length with their own message;
    the form field's max_length would refuse the typed text first, with a generic message.
    """
    for name in field_names:
        field = form.fields.get(name)
        if field is None:
            continue
        field.max_length = None
        field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
        field.widget.attrs.pop("maxlength", None)


class VendorAdminForm(WagtailAdminModelForm):
    kbli_codes = KBLIListField(label=_("kode KBLI"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allow_formatted_input(self, "nib", "npwp", "phone", "whatsapp")
        if "desa" in self.fields:
            # Desa labels include their kecamatan; load both in one query.
            self.fields["desa"].queryset = Desa.objects.select_related("kecamatan")

    def save(self, commit=True):
        vendor = super().save(commit=False)
        if (
            "status" in self.changed_data
            and vendor.status == Vendor.Status.VERIFIED
            and not vendor.verified_at
        ):
            vendor.verified_at = timezone.now()
            vendor.verified_by = self.for_user
        if commit:
            vendor.save()
            self.save_m2m()
        return vendor


class PrivateFileInput(forms.FileInput):
    """A file input that never renders a link to the stored file: vendor documents have no
    public URL (a permission-checked download view serves them)."""

    def format_value(self, value):
        return None


class VendorDocumentAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "vendor" in self.fields:
            self.fields["vendor"].queryset = Vendor.objects.only("pk", "name")
        if "file" in self.fields:
            self.fields["file"].widget = PrivateFileInput(
                attrs={"accept": ",".join(ALLOWED_DOCUMENT_TYPES)}
            )
            limit = filesizeformat(_max_document_bytes())
            help_text = gettext("PDF, JPEG atau PNG, paling besar %(limit)s.") % {"limit": limit}
            if self.instance.pk and self.instance.file:
                help_text = (
                    gettext(
                        "Berkas tersimpan: %(type)s, %(size)s. "
                        "Unggah berkas baru untuk menggantinya."
                    )
                    % {
                        "type": document_type_label(self.instance),
                        "size": filesizeformat(self.instance.size_bytes),
                    }
                    + " "
                    + help_text
                )
            self.fields["file"].help_text = help_text

    def save(self, commit=True):
        document = super().save(commit=False)
        if document.pk is None and document.uploaded_by_id is None and self.for_user:
            document.uploaded_by = self.for_user
        if commit:
            document.save()
            self.save_m2m()
        return document


def _max_document_bytes() -> int:
    from django.conf import settings

    return settings.VENDOR_DOCUMENT_MAX_BYTES


def document_type_label(document) -> str:
    """ "application/pdf" -> "PDF"; what a reviewer needs without opening the file."""
    return ALLOWED_DOCUMENT_TYPES.get(document.content_type, document.content_type or "-")
