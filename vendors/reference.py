"""Batang's reference geography, loaded from CSV files kept in vendors/data/.

Used by a data migration (so every database has the 15 kecamatan) and by
`manage.py load_reference_data` (to refresh after the files are corrected).
"""

import csv
from pathlib import Path

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_csv(name: str) -> list[dict]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def load_reference_data(Kecamatan, Desa) -> tuple[int, int]:
    """Create or update kecamatan and desa rows from the CSV files. Returns the counts."""
    by_name = {}
    for i, row in enumerate(read_csv("batang_kecamatan.csv"), start=1):
        code = row.get("code") or f"33.25.{i:02d}"
        kec, _ = Kecamatan.objects.update_or_create(
            name=row["name"],
            defaults={
                "code": code,
                "slug": slugify(row["name"]),
                "desa_count": int(row.get("desa_count") or 0),
            },
        )
        by_name[kec.name] = kec
    desa_rows = read_csv("batang_desa.csv")
    for row in desa_rows:
        Desa.objects.update_or_create(
            kecamatan=by_name[row["kecamatan"]],
            name=row["name"],
            defaults={"kind": row.get("kind") or "desa"},
        )
    return len(by_name), len(desa_rows)
