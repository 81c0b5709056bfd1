"""The relevance set: load it, run it, score it.

The set lives in tests/search/relevance/ (vendors.csv, products.csv, queries.json; see the
README there). The relevance test (tests/search/test_relevance.py) and the bench both use this
module, so the metrics are defined once:

- A query's judgements map product keys to grades: 3 exact, 2 good substitute, 1 marginal;
  unlisted products are 0. "Relevant" means grade >= RELEVANT_GRADE (2).
- recall@k: relevant products in the top k / min(k, number of relevant products), so a query
  with 25 relevant products can still reach 1.0. Queries without relevant products: None.
- nDCG@k: gain = grade (linear), discount 1 / log2(rank + 1); the ideal ranking is the
  judgements sorted by grade. Queries without judgements: None.
- reciprocal rank: 1 / rank of the first relevant product in the top k (0 if none).
- No-match queries (kind "no_match", empty judgements) are excluded from recall, nDCG and MRR.
  They are scored separately: a success when the run says nothing matched well
  (`no_good_match`) or returns no hits at all; a failure when any hit is presented as a match.

Only plain Python here besides the loader: the metric functions take ranked product keys.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings

RELEVANT_GRADE = 2
K = 10
KINDS = (
    "abbreviation",
    "synonym",
    "typo",
    "kecamatan",
    "multi_word",
    "loanword",
    "brand",
    "exact",
    "no_match",
)
NO_MATCH = "no_match"


def corpus_dir() -> Path:
    return Path(settings.BASE_DIR) / "tests" / "search" / "relevance"


# --------------------------------------------------------------------------------------------
# The set, as files
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelevanceQuery:
    id: str
    text: str
    kind: str
    judgements: dict[str, int] = field(default_factory=dict)
    note: str = ""

    @property
    def relevant(self) -> set[str]:
        return {key for key, grade in self.judgements.items() if grade >= RELEVANT_GRADE}


def read_vendors(directory: Path | None = None) -> list[dict]:
    with open((directory or corpus_dir()) / "vendors.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def read_products(directory: Path | None = None) -> list[dict]:
    with open((directory or corpus_dir()) / "products.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def read_queries(directory: Path | None = None) -> list[RelevanceQuery]:
    path = (directory or corpus_dir()) / "queries.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        RelevanceQuery(
            id=item["id"],
            text=item["text"],
            kind=item["kind"],
            judgements={str(k): int(v) for k, v in item.get("judgements", {}).items()},
            note=item.get("note", ""),
        )
        for item in data["queries"]
    ]


# --------------------------------------------------------------------------------------------
# Loading into the database
# --------------------------------------------------------------------------------------------


def load_corpus(directory: Path | None = None) -> dict[str, int]:
    """Create the set's vendors and products through the ORM (validated with full_clean).

    Kecamatan, desa and categories must exist already (migrations load them). Returns the
    mapping product key ("p001") -> Product id. Call it inside a transaction (a test's `db`
    fixture) or on an empty bench database: NIBs are fixed and unique.
    """
    from django.db import transaction
    from django.utils import timezone

    from catalog.models import Category, Product
    from vendors.models import Desa, Kecamatan, Vendor

    vendors_rows = read_vendors(directory)
    product_rows = read_products(directory)
    categories = {c.slug: c for c in Category.objects.all()}
    kecamatan = {k.name: k for k in Kecamatan.objects.all()}

    kbli_by_vendor: dict[str, list[str]] = {}
    for row in product_rows:
        hints = categories[row["category"]].kbli_hints or []
        bucket = kbli_by_vendor.setdefault(row["vendor"], [])
        bucket.extend(h for h in hints if h not in bucket)

    now = timezone.now()
    vendor_ids: dict[str, Vendor] = {}
    key_to_id: dict[str, int] = {}
    with transaction.atomic():
        for row in vendors_rows:
            number = int(row["key"].lstrip("v"))
            kec = kecamatan[row["kecamatan"]]
            desa = None
            if row.get("desa"):
                desa = Desa.objects.get(kecamatan=kec, name=row["desa"])
            vendor = Vendor(
                name=row["name"],
                legal_form=row["legal_form"],
                scale=row["scale"],
                is_koperasi=row["is_koperasi"] == "1",
                nib=f"{8125000000000 + number:013d}",
                npwp=f"{8125000000000000 + number:016d}",
                kbli_codes=kbli_by_vendor.get(row["key"], [])[:5],
                address=row["address"],
                kecamatan=kec,
                desa=desa,
                phone=f"+62812{3325000 + number:07d}",
                email=f"penyedia{number:03d}@contoh.id",
                description=row["description"],
                inaproc_url=row.get("inaproc_url", ""),
                status=row["status"],
                verified_at=now if row["status"] == Vendor.Status.VERIFIED else None,
            )
            vendor.full_clean()
            vendor.save()
            vendor_ids[row["key"]] = vendor

        for row in product_rows:
            product = Product(
                vendor=vendor_ids[row["vendor"]],
                category=categories[row["category"]],
                kind=row["kind"],
                name=row["name"],
                description=row["description"],
                keywords=row["keywords"],
                brand=row["brand"],
                unit=row["unit"],
                price=int(row["price"]),
                tkdn_percent=Decimal(row["tkdn"]) if row["tkdn"] else None,
                is_pdn=row["pdn"] == "1",
                status=row["status"],
            )
            product.full_clean()
            product.save()
            key_to_id[row["key"]] = product.pk
    return key_to_id


# --------------------------------------------------------------------------------------------
# Metrics (pure functions over ranked product keys)
# --------------------------------------------------------------------------------------------


def recall_at_k(ranked: Sequence[str], judgements: Mapping[str, int], k: int = K) -> float | None:
    relevant = {key for key, grade in judgements.items() if grade >= RELEVANT_GRADE}
    if not relevant:
        return None
    found = len(relevant.intersection(ranked[:k]))
    return found / min(k, len(relevant))


def dcg(grades: Iterable[int]) -> float:
    return sum(grade / math.log2(rank + 1) for rank, grade in enumerate(grades, start=1))


def ndcg_at_k(ranked: Sequence[str], judgements: Mapping[str, int], k: int = K) -> float | None:
    ideal = dcg(sorted((g for g in judgements.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return None
    return dcg(judgements.get(key, 0) for key in ranked[:k]) / ideal


def reciprocal_rank(
    ranked: Sequence[str], judgements: Mapping[str, int], k: int = K
) -> float | None:
    if not any(grade >= RELEVANT_GRADE for grade in judgements.values()):
        return None
    for rank, key in enumerate(ranked[:k], start=1):
        if judgements.get(key, 0) >= RELEVANT_GRADE:
            return 1 / rank
    return 0.0


def mean(values: Iterable[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


# --------------------------------------------------------------------------------------------
# Running a set and reporting
# --------------------------------------------------------------------------------------------


@dataclass
class Ranking:
    """What a search run gives back for one query: product ids, best first."""

    ids: list[int]
    no_good_match: bool = False


Runner = Callable[[str], Ranking]


def run_query(backend, text: str) -> Ranking:
    """One buyer query through a search backend, as the catalogue page runs it (top 10)."""
    from .query import SearchQuery

    result = backend.search(SearchQuery(text=text, page_size=K, facets=()))
    return Ranking(ids=result.ids, no_good_match=result.no_good_match)


def service_runner(backend) -> Runner:
    """A runner for `evaluate` over a backend from `search.backends.get_backend(name)`."""
    return lambda text: run_query(backend, text)


@dataclass
class QueryScore:
    query: RelevanceQuery
    ranked: list[str]  # product keys (ids outside the corpus appear as "#<id>")
    no_good_match: bool
    recall: float | None
    ndcg: float | None
    rr: float | None

    @property
    def no_match_ok(self) -> bool | None:
        if self.query.kind != NO_MATCH:
            return None
        return self.no_good_match or not self.ranked

    @property
    def missed(self) -> list[str]:
        top = set(self.ranked[:K])
        return sorted(key for key in self.query.relevant if key not in top)


@dataclass
class KindScore:
    kind: str
    queries: int
    recall: float | None
    ndcg: float | None
    mrr: float | None
    no_match_success: float | None = None


@dataclass
class Report:
    name: str
    scores: list[QueryScore]

    def _judged(self, kind: str | None = None) -> list[QueryScore]:
        return [
            s
            for s in self.scores
            if s.query.kind != NO_MATCH and (kind is None or s.query.kind == kind)
        ]

    @property
    def recall(self) -> float | None:
        return mean(s.recall for s in self._judged())

    @property
    def ndcg(self) -> float | None:
        return mean(s.ndcg for s in self._judged())

    @property
    def mrr(self) -> float | None:
        return mean(s.rr for s in self._judged())

    @property
    def no_match_success(self) -> float | None:
        flags = [s.no_match_ok for s in self.scores if s.query.kind == NO_MATCH]
        return sum(flags) / len(flags) if flags else None

    def by_kind(self) -> list[KindScore]:
        rows = []
        for kind in KINDS:
            scores = [s for s in self.scores if s.query.kind == kind]
            if not scores:
                continue
            if kind == NO_MATCH:
                ok = [s.no_match_ok for s in scores]
                rows.append(KindScore(kind, len(scores), None, None, None, sum(ok) / len(ok)))
            else:
                rows.append(
                    KindScore(
                        kind,
                        len(scores),
                        mean(s.recall for s in scores),
                        mean(s.ndcg for s in scores),
                        mean(s.rr for s in scores),
                    )
                )
        return rows


def evaluate(
    name: str,
    queries: Sequence[RelevanceQuery],
    runner: Runner,
    key_to_id: Mapping[str, int],
    k: int = K,
) -> Report:
    """Run every query through `runner` and score the top `k` against the judgements."""
    id_to_key = {pid: key for key, pid in key_to_id.items()}
    scores = []
    for query in queries:
        ranking = runner(query.text)
        ranked = [id_to_key.get(pid, f"#{pid}") for pid in ranking.ids[:k]]
        scores.append(
            QueryScore(
                query=query,
                ranked=ranked,
                no_good_match=ranking.no_good_match,
                recall=recall_at_k(ranked, query.judgements, k),
                ndcg=ndcg_at_k(ranked, query.judgements, k),
                rr=reciprocal_rank(ranked, query.judgements, k),
            )
        )
    return Report(name=name, scores=scores)


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_kind_table(*reports: Report) -> str:
    """Per kind: recall@10, nDCG@10, MRR (no-match: success rate), one column group per run."""
    header = f"{'kind':<13}{'n':>3}  " + "  ".join(f"{r.name[:26]:<26}" for r in reports)
    sub = f"{'':<13}{'':>3}  " + "  ".join(f"{'R@10':>8}{'nDCG':>9}{'MRR':>9}" for _ in reports)
    lines = [header, sub]
    kinds = [row.kind for row in reports[0].by_kind()]
    per_report = [{row.kind: row for row in r.by_kind()} for r in reports]
    for kind in kinds:
        cells = []
        for table in per_report:
            row = table[kind]
            if kind == NO_MATCH:
                cells.append(f"{'ok ' + _fmt(row.no_match_success).strip():>26}")
            else:
                cells.append(f"{_fmt(row.recall):>8}{_fmt(row.ndcg):>9}{_fmt(row.mrr):>9}")
        lines.append(f"{kind:<13}{per_report[0][kind].queries:>3}  " + "  ".join(cells))
    total = []
    for r in reports:
        total.append(f"{_fmt(r.recall):>8}{_fmt(r.ndcg):>9}{_fmt(r.mrr):>9}")
    lines.append(f"{'ALL (judged)':<13}{len(reports[0]._judged()):>3}  " + "  ".join(total))
    return "\n".join(lines)


def format_failures(report: Report, limit: int = 40) -> str:
    """The worst queries of a run: what was expected and what came back."""
    rows = []
    judged = sorted(report._judged(), key=lambda s: (s.ndcg or 0) + (s.recall or 0))
    for s in judged[:limit]:
        if (s.recall or 0) >= 0.999 and (s.ndcg or 0) >= 0.95:
            continue
        rows.append(
            f"[{s.query.kind}] {s.query.id} {s.query.text!r}: R@10={_fmt(s.recall).strip()} "
            f"nDCG={_fmt(s.ndcg).strip()} got={s.ranked[:10]} missed={s.missed[:10]}"
        )
    for s in report.scores:
        if s.query.kind == NO_MATCH and not s.no_match_ok:
            rows.append(
                f"[no_match] {s.query.id} {s.query.text!r}: presented as matches: {s.ranked[:10]}"
            )
    return "\n".join(rows)


# --------------------------------------------------------------------------------------------
# Baseline: the plain keyword search a developer writes first
# --------------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[\w-]+", re.UNICODE)


def keyword_baseline(text: str, limit: int = K) -> Ranking:
    """AND of `icontains` per word on name + description, over public products.

    Ordered by the number of words found in the name (then by name, id): what Django's admin
    `search_fields` does, plus the obvious "name matches first" tweak. No stemming, synonyms,
    typo tolerance or vendor/kecamatan fields.
    """
    from django.db.models import Case, IntegerField, Q, Value, When

    from catalog.models import Product

    words = [w for w in _WORD_RE.findall(text.lower()) if w][:10]
    if not words:
        return Ranking(ids=[], no_good_match=True)
    qs = Product.objects.public()
    name_hits = []
    for word in words:
        qs = qs.filter(Q(name__icontains=word) | Q(description__icontains=word))
        name_hits.append(
            Case(When(name__icontains=word, then=Value(1)), default=0, output_field=IntegerField())
        )
    qs = qs.annotate(name_hits=sum(name_hits[1:], name_hits[0]))
    ids = list(qs.order_by("-name_hits", "name", "id").values_list("id", flat=True)[:limit])
    return Ranking(ids=ids, no_good_match=not ids)
