import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a per-test folder, never into the developer's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the migration-loaded data (kecamatan, desa, category
    tree, Wagtail's root page and site, groups) when it starts.

    A transactional test empties every table when it ends. With serialized rollback the content
    serialised after migrations is loaded back before each such test; it must be on for all of
    them, or the flush of one test re-creates content types that clash with the next restore.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            item.add_marker(
                pytest.mark.django_db(
                    *marker.args, **{**marker.kwargs, "serialized_rollback": True}
                )
            )
