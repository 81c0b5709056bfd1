from django.apps import AppConfig


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = "Penyedia"

    def ready(self):
        from . import file_cleanup

        file_cleanup.connect()
