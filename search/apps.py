from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Pencarian katalog"

    def ready(self):
        from . import signals  # noqa: F401
