"""Wagtail page types. The guidance content comes with the CMS issue; this is the root."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site root: a search box into the catalogue and the latest guidance."""

    intro = models.CharField(
        _("pengantar"),
        max_length=300,
        blank=True,
        default="Cari penyedia lokal Kabupaten Batang untuk belanja OPD lewat e-purchasing.",
    )
    body = RichTextField(_("isi"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("beranda")

    def get_context(self, request, *args, **kwargs):
        from django.db.models import Count, Q

        from vendors.models import Kecamatan, Vendor

        context = super().get_context(request, *args, **kwargs)
        context["kecamatan_list"] = Kecamatan.objects.annotate(
            vendor_count=Count("vendors", filter=Q(vendors__status=Vendor.Status.VERIFIED))
        ).order_by("name")
        return context
