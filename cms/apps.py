from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Konten panduan"

    def ready(self):
        # The sitemaps' cache marker moves when products, vendors or pages change.
        from config.sitemaps import connect_signals

        connect_signals()
