from django.apps import AppConfig


class UKPBJBackOfficeConfig(AppConfig):
    """UKPBJ review pages in the Wagtail admin (verification queue, audit, outreach).

    A separate app only so its wagtail_hooks.py is discovered without editing the listings'
    hooks in vendors/wagtail_hooks.py; the views live in vendors/admin_views.py.
    """

    name = "vendors.ukpbj"
    label = "vendors_ukpbj"
    verbose_name = "UKPBJ: verifikasi penyedia"
