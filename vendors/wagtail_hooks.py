"""Back office for UKPBJ staff: vendors, their members and documents, Batang's geography.

Listings search with the ORM (``search_fields``): these models are not in Wagtail's search
index, so Wagtail filters with ``icontains`` on the listed fields, which works the same on
SQLite and PostgreSQL. Access follows Django model permissions through Wagtail's permission
policy (the UKPBJ group gets them in vendors/roles.py).
"""

from django.db.models import Count
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn, StatusTagColumn
from wagtail.admin.viewsets.base import ViewSetGroup

from .models import Desa, Kecamatan, Vendor, VendorDocument, VendorMember
from .views_admin import (
    BackOfficeViewSet,
    VendorAdminForm,
    VendorDocumentAdminForm,
    document_type_label,
)


class VendorViewSet(BackOfficeViewSet):
    model = Vendor
    icon = "group"
    menu_label = _("Penyedia")
    list_display = [
        "name",
        "legal_form",
        "kecamatan",
        "scale",
        StatusFlagColumn("is_koperasi", label=_("Koperasi"), true_label=_("Koperasi")),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda vendor: vendor.status == Vendor.Status.VERIFIED,
        ),
        DateColumn("verified_at", label=_("Diverifikasi"), sort_key="verified_at"),
        DateColumn("updated_at", label=_("Diperbarui"), sort_key="updated_at"),
    ]
    list_select_related = ("kecamatan",)
    list_filter = ["status", "legal_form", "scale", "is_koperasi", "pkp_status", "kecamatan"]
    search_fields = ["name", "nib", "address", "email"]
    list_export = [
        "name",
        "nib",
        "npwp",
        "get_legal_form_display",
        "get_scale_display",
        "is_koperasi",
        "address",
        "kecamatan",
        "email",
        "get_status_display",
        "verified_at",
        "inaproc_url",
        "toko_daring_url",
    ]
    export_headings = {
        "get_legal_form_display": _("Bentuk usaha"),
        "get_scale_display": _("Skala usaha"),
        "get_status_display": _("Status"),
    }
    export_filename = "penyedia"

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("legal_form"),
                    FieldPanel("scale"),
                    FieldPanel("is_koperasi"),
                    FieldPanel("description"),
                ],
                heading=_("Identitas usaha"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("nib"),
                    FieldPanel("npwp"),
                    FieldPanel("kbli_codes"),
                    FieldPanel("pkp_status"),
                ],
                heading=_("Legalitas"),
            ),
            MultiFieldPanel(
                [FieldPanel("address"), FieldPanel("kecamatan"), FieldPanel("desa")],
                heading=_("Alamat"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("phone"),
                    FieldPanel("phone_public"),
                    FieldPanel("whatsapp"),
                    FieldPanel("whatsapp_public"),
                    FieldPanel("email"),
                    FieldPanel("email_public"),
                    FieldPanel("website"),
                ],
                heading=_("Kontak"),
            ),
            MultiFieldPanel(
                [FieldPanel("inaproc_url"), FieldPanel("toko_daring_url")],
                heading=_("Tautan e-purchasing"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("status_reason"),
                    FieldPanel("submitted_at", read_only=True),
                    FieldPanel("verified_at", read_only=True),
                    FieldPanel("verified_by", read_only=True),
                ],
                heading=_("Status verifikasi"),
            ),
        ],
        base_form_class=VendorAdminForm,
    )


class VendorMemberViewSet(BackOfficeViewSet):
    model = VendorMember
    icon = "user"
    menu_label = _("Anggota penyedia")
    list_display = [
        "user",
        Column("vendor", label=_("Penyedia"), sort_key="vendor__name"),
        "role",
        DateColumn("created_at", label=_("Dibuat"), sort_key="created_at"),
    ]
    list_select_related = ("user", "vendor")
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "vendor__name"]
    ordering = "vendor__name"
    form_fields = ["user", "vendor", "role"]


def document_download_link(document):
    """A link to the permission-checked download view; never to the stored file."""
    try:
        url = reverse("vendor_self:document_download", args=[document.pk])
    except NoReverseMatch:
        return ""
    return format_html(
        '<a href="{}" aria-label="{}">{}</a>',
        url,
        _("Unduh %(document)s") % {"document": document.get_kind_display()},
        _("Unduh"),
    )


class VendorDocumentViewSet(BackOfficeViewSet):
    """Documents are private: the listing and the form show type and size, never a file URL."""

    model = VendorDocument
    icon = "doc-full"
    menu_label = _("Dokumen penyedia")
    list_display = [
        "kind",
        Column("vendor", label=_("Penyedia"), sort_key="vendor__name"),
        "number",
        Column("file_type", label=_("Jenis berkas"), accessor=document_type_label),
        Column(
            "file_size",
            label=_("Ukuran"),
            accessor=lambda doc: filesizeformat(doc.size_bytes),
            sort_key="size_bytes",
        ),
        DateColumn("expires_on", label=_("Berlaku sampai"), sort_key="expires_on"),
        StatusTagColumn(
            "get_review_status_display",
            label=_("Status pemeriksaan"),
            sort_key="review_status",
            primary=lambda doc: doc.review_status == VendorDocument.ReviewStatus.ACCEPTED,
        ),
        DateColumn("uploaded_at", label=_("Diunggah"), sort_key="uploaded_at"),
        Column("download", label=_("Berkas"), accessor=document_download_link),
    ]
    list_select_related = ("vendor",)
    list_filter = ["kind", "review_status"]
    search_fields = ["number", "vendor__name", "vendor__nib"]
    ordering = "-uploaded_at"

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("vendor"),
                    FieldPanel("kind"),
                    FieldPanel("number"),
                    FieldPanel("issued_on"),
                    FieldPanel("expires_on"),
                    FieldPanel("tkdn_percent"),
                    FieldPanel("file"),
                ],
                heading=_("Dokumen"),
            ),
            MultiFieldPanel(
                [FieldPanel("review_status"), FieldPanel("review_note")],
                heading=_("Pemeriksaan"),
            ),
        ],
        base_form_class=VendorDocumentAdminForm,
    )


class KecamatanViewSet(BackOfficeViewSet):
    """Reference data loaded by a migration: mostly read, rarely corrected."""

    model = Kecamatan
    icon = "pick"
    menu_label = _("Kecamatan")
    list_display = [
        "name",
        "code",
        Column("desa_count", label=_("Jumlah desa/kelurahan (BPS)"), sort_key="desa_count"),
        Column("desa_recorded", label=_("Desa/kelurahan tercatat"), sort_key="desa_recorded"),
        Column("vendor_total", label=_("Penyedia"), sort_key="vendor_total"),
    ]
    list_annotations = {
        "desa_recorded": Count("desa_set", distinct=True),
        "vendor_total": Count("vendors", distinct=True),
    }
    search_fields = ["name", "code"]
    inspect_view_enabled = True
    inspect_view_fields = ["code", "name", "slug", "desa_count"]
    edit_handler = ObjectList(
        [
            FieldPanel("code", read_only=True),
            FieldPanel("name"),
            FieldPanel("slug", read_only=True),
            FieldPanel("desa_count"),
        ]
    )


class DesaViewSet(BackOfficeViewSet):
    model = Desa
    icon = "pick"
    menu_label = _("Desa/kelurahan")
    list_display = [
        "name",
        "kind",
        Column("kecamatan", label=_("Kecamatan"), sort_key="kecamatan__name"),
    ]
    list_select_related = ("kecamatan",)
    list_filter = ["kecamatan", "kind"]
    search_fields = ["name"]
    form_fields = ["kecamatan", "name", "kind"]
    # UKPBJ staff may only view reference data: the row links to a read-only page.
    inspect_view_enabled = True
    inspect_view_fields = ["name", "kind", "kecamatan"]


class VendorViewSetGroup(ViewSetGroup):
    menu_label = _("Penyedia")
    menu_icon = "group"
    menu_order = 110
    items = (
        VendorViewSet("penyedia"),
        VendorMemberViewSet("anggota-penyedia"),
        VendorDocumentViewSet("dokumen-penyedia"),
        KecamatanViewSet("kecamatan"),
        DesaViewSet("desa"),
    )


@hooks.register("register_admin_viewset")
def register_vendor_viewsets():
    return VendorViewSetGroup()
