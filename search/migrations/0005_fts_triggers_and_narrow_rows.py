"""SQLite: re-create the FTS5 sync triggers (0004 rebuilt the table, which drops triggers).

PostgreSQL: keep index rows narrow so facet counting over many matches reads few pages.

The token strings and the description move out of line (TOAST) and the tsvector is stored
uncompressed, so a bitmap scan for facet counts never decompresses text and ranking detoasts
cheaply. Takes effect for rows written after it (a `search_index rebuild` rewrites them all).
"""

import importlib

from django.db import migrations

COLUMNS = ["t_name", "t_category", "t_description", "t_vendor", "description", "document"]


def sqlite_triggers(schema_editor):
    fulltext = importlib.import_module("search.migrations.0002_fulltext")
    for sql in fulltext.SQLITE_BACKWARD[:3]:  # the triggers, not the FTS table
        schema_editor.execute(sql)
    for sql in fulltext.SQLITE_FORWARD[1:]:
        schema_editor.execute(sql)
    schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_triggers(schema_editor)
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_productsearchdoc SET (toast_tuple_target = 128)")
    for column in COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE search_productsearchdoc ALTER COLUMN {column} SET STORAGE EXTERNAL"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_productsearchdoc RESET (toast_tuple_target)")
    for column in COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE search_productsearchdoc ALTER COLUMN {column} SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_doc_without_fk")]

    operations = [migrations.RunPython(forwards, backwards)]
