"""The starting category tree, kept as data in catalog/data/categories.csv.

Loaded by a data migration so every database starts with the same tree; UKPBJ staff curate it
in the back office afterwards (the loader only creates missing rows and never overwrites edits).
"""

import csv
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "categories.csv"


def read_categories() -> list[dict]:
    with DATA_FILE.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def load_categories(Category) -> int:
    """Create the categories that do not exist yet (parents first). Returns how many were made.

    Works with the historical model of a migration, so `path` and `depth` are set here rather
    than by Category.save().
    """
    created = 0
    by_slug = {c.slug: c for c in Category.objects.all()}
    for i, row in enumerate(read_categories()):
        if row["slug"] in by_slug:
            continue
        parent = by_slug.get(row["parent_slug"]) if row["parent_slug"] else None
        path = (parent.path if parent else "") + row["slug"] + "/"
        category = Category.objects.create(
            parent=parent,
            slug=row["slug"],
            name=row["name"],
            keywords=row["keywords"],
            kbli_hints=[code for code in row["kbli_hints"].split() if code],
            path=path,
            depth=path.count("/"),
            sort_order=i,
        )
        by_slug[category.slug] = category
        created += 1
    return created
