"""Back office for UKPBJ staff: the regency's agencies (OPD) and their buyers (the "OPD" menu),
and, read-only, what buyers record on their own pages: shortlists, purchases, budgets and
INAPROC outreach requests."""

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from vendors.views_admin import AutoSlugAdminForm, BackOfficeViewSet

from .models import OPD, BuyerProfile, OPDBudget, OutreachRequest, Purchase, Shortlist


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Buyers write these through their own pages (with their checks); the back office looks."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"])


READ_ONLY_MODELS = (Shortlist, Purchase, OPDBudget, OutreachRequest)
for _model in READ_ONLY_MODELS:  # before any viewset asks for a (fallback) policy
    register_permission_policy(_model, ReadOnlyPolicy(_model))


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


class ReadOnlyViewSet(BackOfficeViewSet):
    inspect_view_enabled = True
    exclude_form_fields = []  # the add/edit forms exist but ReadOnlyPolicy refuses them


class ShortlistViewSet(ReadOnlyViewSet):
    model = Shortlist
    icon = "list-ul"
    menu_label = _("Daftar pendek")
    list_display = [
        "title",
        Column("opd", label=_("OPD"), sort_key="opd__name"),
        "owner",
        "status",
        "planned_year",
        "planned_quarter",
        Column("item_total", label=_("Butir"), sort_key="item_total"),
        "created_at",
    ]
    list_select_related = ("opd", "owner")
    list_annotations = {"item_total": Count("items")}
    list_filter = ["status", "planned_year", "opd"]
    search_fields = ["title", "rup_code", "opd__name", "opd__short_name"]
    ordering = "-created_at"


class PurchaseViewSet(ReadOnlyViewSet):
    model = Purchase
    icon = "tasks"
    menu_label = _("Pembelian")
    list_display = [
        "vendor_name",
        Column("opd", label=_("OPD"), sort_key="opd__name"),
        "outcome",
        "amount",
        "channel",
        "purchased_at",
        "delivered_on",
        "paid_on",
    ]
    list_select_related = ("opd",)
    list_filter = ["outcome", "channel", "opd"]
    search_fields = ["vendor_name", "order_reference", "opd__name", "opd__short_name"]
    ordering = "-purchased_at"


class OPDBudgetViewSet(ReadOnlyViewSet):
    model = OPDBudget
    icon = "table"
    menu_label = _("Pagu OPD")
    list_display = [
        Column("opd", label=_("OPD"), sort_key="opd__name"),
        "year",
        "pagu_goods_services",
        "updated_by",
        "updated_at",
    ]
    list_select_related = ("opd", "updated_by")
    list_filter = ["year", "opd"]
    search_fields = ["opd__name", "opd__short_name"]
    ordering = "opd__name"


class OutreachRequestViewSet(ReadOnlyViewSet):
    model = OutreachRequest
    icon = "mail"
    menu_label = _("Pendampingan INAPROC")
    list_display = [
        Column("vendor", label=_("Penyedia"), sort_key="vendor__name"),
        Column("opd", label=_("OPD"), sort_key="opd__name"),
        "status",
        "requested_by",
        "created_at",
    ]
    list_select_related = ("vendor", "opd", "requested_by")
    list_filter = ["status", "opd"]
    search_fields = ["vendor__name", "opd__name", "opd__short_name"]
    ordering = "-created_at"


class ProcurementViewSetGroup(ViewSetGroup):
    menu_label = _("OPD")
    menu_icon = "site"
    menu_order = 130
    items = (OPDViewSet("opd"), BuyerProfileViewSet("profil-pembeli"))


class BuyerRecordsViewSetGroup(ViewSetGroup):
    """What buyers record, read-only: its own menu so the "OPD" menu stays about accounts."""

    menu_label = _("Belanja OPD")
    menu_icon = "tasks"
    menu_order = 131
    items = (
        ShortlistViewSet("daftar-pendek"),
        PurchaseViewSet("pembelian"),
        OPDBudgetViewSet("pagu-opd"),
        OutreachRequestViewSet("pendampingan-inaproc"),
    )


@hooks.register("register_admin_viewset")
def register_procurement_viewsets():
    return [ProcurementViewSetGroup(), BuyerRecordsViewSetGroup()]
