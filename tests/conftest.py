import json

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a per-test folder, never into the developer's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: throttle counters, cached search counts and
    sitemaps, and Wagtail's rendition cache (whose URLs point into another test's media
    folder) never carry over from an earlier test."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


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
            # append=False: first among the item's own markers, so it is the closest one
            # even when the test function carries its own django_db(transaction=True).
            item.add_marker(
                pytest.mark.django_db(
                    *marker.args, **{**marker.kwargs, "serialized_rollback": True}
                ),
                append=False,
            )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Make the restore of transactional tests dependable.

    1. Django keeps the serialised data on the DatabaseWrapper of the thread that created the
       test database. Playwright's sync API runs on greenlets, and a test that used it can leave
       the main thread with a fresh wrapper that lacks the data, so the next restore would load
       nothing. Keep the data on the wrapper class as well, so every wrapper has it.
    2. Rows written after a test's closing flush (a live-server request still finishing, a
       content type created on first use) would clash with the restored rows. Empty the tables
       again right before restoring, so each transactional test starts from exactly the
       migrated state.
    """
    from django.core.management.color import no_style
    from django.db import connections
    from django.db.backends.base.creation import BaseDatabaseCreation

    for alias in connections:
        connection = connections[alias]
        contents = connection.__dict__.get("_test_serialized_contents")
        if contents is not None:
            type(connection)._test_serialized_contents = contents

    restore = BaseDatabaseCreation.deserialize_db_from_string

    def empty_then_restore(self, data):
        tables = self.connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        statements = self.connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
        self.connection.ops.execute_sql_flush(statements)
        # Content types first: restoring a page can look one up by model (creating it when
        # the cache is cold) before Django's app-ordered restore reaches the content types.
        content_types = [o for o in json.loads(data) if o["model"] == "contenttypes.contenttype"]
        restore(self, json.dumps(content_types))
        restore(self, data)

    BaseDatabaseCreation.deserialize_db_from_string = empty_then_restore
    yield
    BaseDatabaseCreation.deserialize_db_from_string = restore
