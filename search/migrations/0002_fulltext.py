"""Database-specific full-text structures.

PostgreSQL: pg_trgm, a generated weighted tsvector over our own token strings (the `simple`
config: stemming, stopwords and synonyms are done in search/text.py so every backend agrees),
a GIN index on it and a trigram index on the vocabulary.
SQLite: an FTS5 external-content table over the same token strings, kept in step by triggers.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

PG_FORWARD = [
    """
    ALTER TABLE search_productsearchdoc ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(t_name, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(t_category, '')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(t_description, '')), 'C') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(t_vendor, '')), 'D')
    ) STORED
    """,
    "CREATE INDEX search_doc_document_gin ON search_productsearchdoc USING gin (document)",
    "CREATE INDEX search_doc_category_path_like ON search_productsearchdoc "
    "(category_path varchar_pattern_ops)",
    "CREATE INDEX search_term_trgm ON search_searchterm USING gin (term gin_trgm_ops)",
    "CREATE INDEX search_term_prefix ON search_searchterm (term varchar_pattern_ops)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_term_prefix",
    "DROP INDEX IF EXISTS search_term_trgm",
    "DROP INDEX IF EXISTS search_doc_category_path_like",
    "DROP INDEX IF EXISTS search_doc_document_gin",
    "ALTER TABLE search_productsearchdoc DROP COLUMN IF EXISTS document",
]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        t_name, t_category, t_description, t_vendor,
        content='search_productsearchdoc', content_rowid='product_id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER search_fts_ai AFTER INSERT ON search_productsearchdoc BEGIN
        INSERT INTO search_fts(rowid, t_name, t_category, t_description, t_vendor)
        VALUES (new.product_id, new.t_name, new.t_category, new.t_description, new.t_vendor);
    END
    """,
    """
    CREATE TRIGGER search_fts_ad AFTER DELETE ON search_productsearchdoc BEGIN
        INSERT INTO search_fts(search_fts, rowid, t_name, t_category, t_description, t_vendor)
        VALUES ('delete', old.product_id, old.t_name, old.t_category, old.t_description,
                old.t_vendor);
    END
    """,
    """
    CREATE TRIGGER search_fts_au AFTER UPDATE ON search_productsearchdoc BEGIN
        INSERT INTO search_fts(search_fts, rowid, t_name, t_category, t_description, t_vendor)
        VALUES ('delete', old.product_id, old.t_name, old.t_category, old.t_description,
                old.t_vendor);
        INSERT INTO search_fts(rowid, t_name, t_category, t_description, t_vendor)
        VALUES (new.product_id, new.t_name, new.t_category, new.t_description, new.t_vendor);
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]


def fts5_available(connection) -> bool:
    with connection.cursor() as cursor:
        try:
            cursor.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
            cursor.execute("DROP TABLE temp._fts5_probe")
        except Exception:
            return False
    return True


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        statements = statements_by_vendor.get(connection.vendor, [])
        if connection.vendor == "sqlite" and statements and not fts5_available(connection):
            raise RuntimeError(
                "SQLite di mesin ini tidak menyertakan FTS5; pencarian katalog membutuhkannya."
            )
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
