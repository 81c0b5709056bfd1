import pytest


@pytest.fixture(autouse=True)
def _backups_in_tmp(settings, tmp_path):
    """Archives and restore scratch files go to a per-test folder, never into var/backups."""
    settings.BACKUP_DIR = tmp_path / "backups"
