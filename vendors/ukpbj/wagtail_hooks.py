"""Menu and URLs of the UKPBJ review pages (views in vendors/admin_views.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from vendors import admin_views, views_personal_data
from vendors.access import is_ukpbj


@hooks.register("register_admin_urls")
def register_ukpbj_urls():
    return [
        path("ukpbj/verifikasi/", admin_views.queue, name="ukpbj_queue"),
        path("ukpbj/penyedia/<int:pk>/", admin_views.review, name="ukpbj_vendor_review"),
        path("ukpbj/penyedia/<int:pk>/audit/", admin_views.audit, name="ukpbj_vendor_audit"),
        path("ukpbj/jangkauan/", admin_views.outreach, name="ukpbj_outreach"),
        path(
            "ukpbj/hapus-data/",
            views_personal_data.deletion_requests,
            name="ukpbj_deletion_requests",
        ),
        path(
            "ukpbj/hapus-data/<int:pk>/laksanakan/",
            views_personal_data.carry_out,
            name="ukpbj_deletion_carry_out",
        ),
    ]


class UKPBJMenuItem(MenuItem):
    def is_shown(self, request):
        return is_ukpbj(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return UKPBJMenuItem(
        _("Verifikasi penyedia"), reverse("ukpbj_queue"), icon_name="tasks", order=210
    )


@hooks.register("register_admin_menu_item")
def register_outreach_menu_item():
    return UKPBJMenuItem(
        _("Belum di INAPROC"), reverse("ukpbj_outreach"), icon_name="link", order=211
    )


@hooks.register("register_admin_menu_item")
def register_deletion_menu_item():
    return UKPBJMenuItem(
        _("Permintaan hapus data"),
        reverse("ukpbj_deletion_requests"),
        icon_name="bin",
        order=212,
    )
