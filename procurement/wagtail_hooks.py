"""Back office for UKPBJ staff: the regency's agencies (OPD) and their buyers (the "OPD" menu)."""

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup

from vendors.views_admin import AutoSlugAdminForm, BackOfficeViewSet

from .models import OPD, BuyerProfile


class OPDViewSet(BackOfficeViewSet):
    model = OPD
    icon = "site"
    menu_label = _("OPD")
    list_display = [
        "name",
        "short_name",
        "kind",
        Column("kecamatan", label=_("Kecamatan"), sort_key="kecamatan__name"),
        Column("buyer_total", label=_("Pembeli"), sort_key="buyer_total"),
    ]
    list_select_related = ("kecamatan",)
    list_annotations = {"buyer_total": Count("buyers")}
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    ordering = "name"
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("short_name"),
            FieldPanel("slug"),
            FieldPanel("kind"),
            FieldPanel("kecamatan"),
        ],
        base_form_class=AutoSlugAdminForm,
    )


class BuyerProfileAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            self.fields["user"].queryset = get_user_model().objects.order_by("username")
        if "opd" in self.fields:
            self.fields["opd"].queryset = OPD.objects.order_by("name")


class BuyerProfileViewSet(BackOfficeViewSet):
    model = BuyerProfile
    icon = "user"
    menu_label = _("Profil pembeli")
    list_display = [
        "user",
        Column("full_name", label=_("Nama"), accessor=lambda p: p.user.get_full_name()),
        Column("opd", label=_("OPD"), sort_key="opd__name"),
        "role",
        "position",
    ]
    list_select_related = ("user", "opd")
    list_filter = ["role", "opd"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "opd__name",
        "opd__short_name",
        "position",
    ]
    ordering = "opd__name"
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("opd"), FieldPanel("role"), FieldPanel("position")],
        base_form_class=BuyerProfileAdminForm,
    )


class ProcurementViewSetGroup(ViewSetGroup):
    menu_label = _("OPD")
    menu_icon = "site"
    menu_order = 130
    items = (OPDViewSet("opd"), BuyerProfileViewSet("profil-pembeli"))


@hooks.register("register_admin_viewset")
def register_procurement_viewsets():
    return ProcurementViewSetGroup()
