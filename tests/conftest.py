import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded files go to a per-test folder, never into the developer's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
