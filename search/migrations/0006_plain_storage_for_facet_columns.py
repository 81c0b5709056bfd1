"""PostgreSQL: keep the short columns every facet count and every page of hits reads in line.

0005 set `toast_tuple_target = 128`, so a row over the 2 kB threshold (a long description) is
shrunk to 128 bytes: after the EXTERNAL columns, the toaster also moved the short EXTENDED ones
(`category_path`, `name`, ...) out of line, and the facet statement for a common word fetched
them back from TOAST row by row (measured: "kantor", 28.5k matches, 124k extra buffer reads,
~300 ms of 640). PLAIN keeps them in the heap; they are bounded (at most 400 bytes together).
Takes effect for rows written after it (a `search_index rebuild` rewrites them all).
"""

from django.db import migrations

COLUMNS = ["name", "category_path", "scale", "tkdn_band", "price_bucket"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE search_productsearchdoc ALTER COLUMN {column} SET STORAGE PLAIN"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE search_productsearchdoc ALTER COLUMN {column} SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0005_fts_triggers_and_narrow_rows")]

    operations = [migrations.RunPython(forwards, backwards)]
