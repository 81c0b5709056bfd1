"""What the PostgreSQL and SQLite backends share: index maintenance over the denormalised
`ProductSearchDoc` table, query planning (synonyms, typo corrections, filters), facet labels,
highlighting and the "nothing matches well" logic. Subclasses compile and run the SQL.

Per request: one vocabulary look-up (plus one correction query if a word is unknown), one
statement for the page of hits and one for the total and every facet count.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import indexing
from .. import text as textmod
from ..models import ProductSearchDoc, SearchTerm, Synonym
from ..query import FACETS, FacetValue, Hit, SearchQuery, SearchResult
from .base import IndexStatus, SearchBackend

# Column per facet in the denormalised table.
FACET_COLUMNS = {
    "category": "category_path",
    "kecamatan": "kecamatan_id",
    "scale": "scale",
    "koperasi": "is_koperasi",
    "pdn": "is_pdn",
    "tkdn": "tkdn_band",
    "verified": "verified",
    "price": "price_bucket",
    "link": "has_link",
}
BROWSE_CACHE_SECONDS = 60
BOOLEAN_FACETS = {"koperasi", "pdn", "verified", "link"}

# Tie-break: a pseudo-random permutation of product ids that changes every day. Squaring
# makes it non-linear (a linear hash would keep most pairs in the same order every day).
TIE_SQL = (
    "((((d.product_id * 2654435761 + CAST(%s AS BIGINT) * 40503) %% 2147483647) * "
    "((d.product_id * 2654435761 + CAST(%s AS BIGINT) * 40503) %% 2147483647)) %% 2147483647)"
)


def day_number(today: datetime.date | None = None) -> int:
    """The tie-break's day. SEARCH_TIE_BREAK_DATE (ISO date) pins it for benchmarks and tests."""
    pinned = getattr(settings, "SEARCH_TIE_BREAK_DATE", None)
    if today is None and pinned:
        today = datetime.date.fromisoformat(str(pinned))
    today = today or timezone.localdate()
    return today.toordinal()


def _labels():
    return {
        "scale": {
            "mikro": _("Mikro"),
            "kecil": _("Kecil"),
            "menengah": _("Menengah"),
            "besar": _("Besar"),
        },
        "koperasi": {"1": _("Koperasi"), "0": _("Bukan koperasi")},
        "pdn": {"1": _("Produk dalam negeri (PDN)"), "0": _("Belum tercatat PDN")},
        "tkdn": {
            "40plus": _("TKDN ≥ 40%"),
            "25plus": _("TKDN 25–40%"),
            "under25": _("TKDN < 25%"),
            "none": _("Tanpa TKDN"),
        },
        "verified": {"1": _("Penyedia terverifikasi"), "0": _("Belum terverifikasi")},
        "price": {
            "lt50k": _("Di bawah Rp 50.000"),
            "50k-250k": _("Rp 50.000 – Rp 250.000"),
            "250k-1m": _("Rp 250.000 – Rp 1 juta"),
            "1m-10m": _("Rp 1 juta – Rp 10 juta"),
            "gt10m": _("Di atas Rp 10 juta"),
        },
        "link": {"1": _("Ada di INAPROC/toko daring"), "0": _("Belum ada tautan e-purchasing")},
    }


@dataclass
class Plan:
    """A query compiled to SQL fragments shared by the hits and the facet statements."""

    parsed: textmod.ParsedQuery | None
    match_sql: str = ""  # backend-specific FROM/WHERE pieces (see subclasses)
    match_params: list = field(default_factory=list)
    filter_sql: dict[str, tuple[str, list]] = field(default_factory=dict)  # facet -> (cond, params)


class DatabaseBackend(SearchBackend):
    name = "database"
    weights = (1.0, 0.4, 0.2, 0.1)  # name, category+keywords, description, vendor

    # ---------------------------------------------------------------- index maintenance
    def index(self, product_ids: Iterable[int]) -> None:
        ids = sorted(set(int(i) for i in product_ids))
        if not ids:
            return
        docs = list(indexing.build_documents(ids))
        with transaction.atomic():
            ProductSearchDoc.objects.filter(product_id__in=ids).delete()
            ProductSearchDoc.objects.bulk_create([ProductSearchDoc(**d) for d in docs])
            words = set()
            for d in docs:
                words |= indexing.document_words(d)
            if words:
                existing = set(
                    SearchTerm.objects.filter(term__in=words).values_list("term", flat=True)
                )
                SearchTerm.objects.bulk_create(
                    [SearchTerm(term=w, doc_freq=1) for w in sorted(words - existing)],
                    ignore_conflicts=True,
                )
        self.vocabulary_changed()

    def delete(self, product_ids: Iterable[int]) -> None:
        ids = list(product_ids)
        if ids:
            ProductSearchDoc.objects.filter(product_id__in=ids).delete()
            indexing.bump_generation()

    def rebuild(self, chunk_size: int = 5000) -> int:
        """Rebuild from scratch in chunks; the vocabulary is recounted exactly."""
        counts: Counter[str] = Counter()
        total = 0
        with transaction.atomic():
            self._clear()
            batch = []
            for doc in indexing.build_documents(chunk_size=chunk_size):
                counts.update(indexing.document_words(doc))
                batch.append(doc)
                if len(batch) >= chunk_size:
                    self._bulk_insert(batch)
                    total += len(batch)
                    batch = []
            if batch:
                self._bulk_insert(batch)
                total += len(batch)
            self._after_load()
            SearchTerm.objects.all().delete()
            SearchTerm.objects.bulk_create(
                [SearchTerm(term=t, doc_freq=n) for t, n in counts.items()], batch_size=5000
            )
        self._after_rebuild()
        self.vocabulary_changed()
        return total

    def _clear(self):
        ProductSearchDoc.objects.all().delete()

    def _bulk_insert(self, docs: list[dict]) -> None:
        ProductSearchDoc.objects.bulk_create([ProductSearchDoc(**d) for d in docs], batch_size=2000)

    def _after_load(self):
        pass

    def _after_rebuild(self):
        pass

    def check(self) -> IndexStatus:
        expected = dict(
            indexing.public_products()
            .annotate(src=indexing.source_updated_expr())
            .values_list("id", "src")
        )
        indexed = dict(ProductSearchDoc.objects.values_list("product_id", "source_updated_at"))
        status = IndexStatus(backend=self.label(), indexed=len(indexed), expected=len(expected))
        status.missing = sorted(expected.keys() - indexed.keys())
        status.extra = sorted(indexed.keys() - expected.keys())
        status.stale = sorted(
            pid for pid, src in expected.items() if pid in indexed and indexed[pid] != src
        )
        return status

    def health(self) -> dict:
        try:
            count = ProductSearchDoc.objects.count()
        except Exception as exc:  # the health endpoint reports, it does not raise
            return {"ok": False, "backend": self.label(), "error": str(exc)[:200]}
        return {"ok": True, "backend": self.label(), "documents": count}

    def label(self) -> str:
        return f"{self.name}:{connection.vendor}"

    # ---------------------------------------------------------------- vocabulary
    def vocabulary_changed(self) -> None:
        indexing.clear_caches("vocabulary")
        indexing.bump_generation()

    def known_terms(self, words: list[str]) -> set[str]:
        if not words:
            return set()
        return set(SearchTerm.objects.filter(term__in=words).values_list("term", flat=True))

    def corrections(self, word: str) -> list[str]:
        """Closest indexed words to an unknown word (best first)."""
        raise NotImplementedError

    def _rank_candidates(self, word: str, candidates: list[tuple[str, int]]) -> list[str]:
        limit = textmod.max_edits(word)
        scored = []
        for term, df in candidates:
            if term == word or abs(len(term) - len(word)) > limit:
                continue
            dist = textmod.edit_distance(word, term, limit)
            if dist <= limit:
                scored.append(
                    (dist, abs(len(term) - len(word)), -textmod.similarity(word, term), -df, term)
                )
        scored.sort()
        return [t for *_, t in scored[:2]]

    # ---------------------------------------------------------------- suggest
    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        from ..query import clean_text

        words = textmod.tokenize(clean_text(prefix or ""))
        if not words:
            return []
        head, last = words[:-1], words[-1][:40]
        limit = max(1, min(int(limit), 20))
        upper = last[:-1] + chr(ord(last[-1]) + 1)
        terms = list(
            SearchTerm.objects.filter(term__gte=last, term__lt=upper)
            .exclude(term__in=textmod.STOPWORDS)
            .order_by("-doc_freq", "term")
            .values_list("term", flat=True)[:limit]
        )
        out = []
        lead = " ".join(head)
        for info in indexing.categories_by_path().values():
            folded = textmod.fold(info.name)
            if folded.startswith(" ".join(words)) and info.name not in out:
                out.append(info.name)
        for term in terms:
            completion = f"{lead} {term}".strip()
            if completion not in out:
                out.append(completion)
        return out[:limit]

    # ---------------------------------------------------------------- search
    def synonym_map(self):
        def build():
            rows = [
                (s.phrase, s.expansion_list(), s.two_way)
                for s in Synonym.objects.only("phrase", "expansions", "two_way")
            ]
            return textmod.build_synonym_map(rows)

        return indexing._cached("synonyms", build)

    def plan_text(self, query: SearchQuery) -> textmod.ParsedQuery | None:
        if not query.text:
            return None
        parsed = textmod.parse_query(query.text, self.synonym_map())
        if not parsed.groups:
            return None
        singles = [g.original[0] for g in parsed.groups if g.is_single_word]
        known = self.known_terms(singles)
        for group in parsed.groups:
            if not group.is_single_word or len(group.alternatives) > 1:
                continue
            word = group.original[0]
            if word in known or len(word) < 4 or not word.isalpha():
                continue
            fixes = self.corrections(word)
            for fix in fixes:
                group.alternatives.append((fix,))
            group.corrected = fixes[:1]
            group.unknown = not fixes
        return parsed

    def filter_conditions(self, query: SearchQuery) -> dict[str, tuple[str, list]]:
        """facet -> (SQL condition on alias d, params) for every filtered facet."""
        out = {}
        for name, values in query.filters.items():
            col = "d." + FACET_COLUMNS[name]
            if name == "category":
                cats = indexing.categories_by_slug()
                paths = [cats[v].path for v in values if v in cats]
                if not paths:
                    out[name] = ("1 = 0", [])
                else:
                    cond = " OR ".join(f"{col} LIKE %s" for _ in paths)
                    out[name] = (f"({cond})", [p + "%" for p in paths])
            elif name == "kecamatan":
                by_slug = {slug: kid for kid, (slug, _n) in indexing.kecamatan_map().items()}
                ids = [by_slug[v] for v in values if v in by_slug]
                if not ids:
                    out[name] = ("1 = 0", [])
                else:
                    out[name] = (f"{col} IN ({', '.join(['%s'] * len(ids))})", ids)
            elif name in BOOLEAN_FACETS:
                bools = sorted({v == "1" for v in values})
                out[name] = (f"{col} IN ({', '.join(['%s'] * len(bools))})", bools)
            else:
                out[name] = (f"{col} IN ({', '.join(['%s'] * len(values))})", list(values))
        return out

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        parsed = self.plan_text(query)
        filters = self.filter_conditions(query)
        result = SearchResult(backend=self.label(), query=query)

        if parsed is None and query.text:
            # Only punctuation or stopwords: nothing to match on.
            result.no_good_match = True
            result.took_ms = round((time.perf_counter() - started) * 1000, 2)
            return result

        mode = "all"
        if parsed is None:
            # Browsing without words counts facets over the whole catalogue: the most
            # expensive statement and the same for every visitor, so it is cached briefly.
            shape = repr((sorted(filters.items()), query.facets)).encode()
            digest = hashlib.sha1(shape).hexdigest()
            key = f"search:browse:{self.label()}:{indexing.generation()}:{digest}"
            cached = cache.get(key)
            if cached is None:
                cached = self.count_and_facets(parsed, mode, filters, query.facets)
                cache.set(key, cached, BROWSE_CACHE_SECONDS)
            total, facet_rows = cached
        else:
            total, facet_rows = self.count_and_facets(parsed, mode, filters, query.facets)
        if parsed is not None and total == 0 and len(parsed.positive) >= 3:
            mode = "most"
            total, facet_rows = self.count_and_facets(parsed, mode, filters, query.facets)

        if parsed is not None and total == 0:
            result.no_good_match = True
            # Corrections were already tried in this query; what may help is leaving out the
            # words nothing in the catalogue contains ("kertas origami" -> "kertas").
            kept = [g for g in parsed.positive if not g.unknown]
            if kept and len(kept) < len(parsed.positive):
                result.did_you_mean = " ".join(
                    g.corrected[0] if g.corrected else " ".join(g.original) for g in kept
                )
            related = []
            if parsed.positive:
                _t, rows = self.count_and_facets(parsed, "any", {}, ("category",))
                related = self._related_categories(rows)
            result.suggestions = {
                "did_you_mean": result.did_you_mean,
                "related_categories": related,
            }
            result.facets = self.build_facets(query, {})
            result.took_ms = round((time.perf_counter() - started) * 1000, 2)
            return result

        rows = []
        if total and query.offset < total:
            rows = self.fetch_hits(parsed, mode, filters, query)
        exact, stems = parsed.highlight_terms() if parsed else (set(), set())
        for pid, score, name, description in rows:
            hit = Hit(id=pid, score=round(float(score), 6))
            hit.highlight = textmod.highlight(description, exact, stems, max_chars=220)
            hit.name_highlight = textmod.highlight(name, exact, stems)
            result.hits.append(hit)
        result.total = total
        result.facets = self.build_facets(query, facet_rows)
        if parsed is not None:
            result.did_you_mean = parsed.corrected_text()
            result.suggestions = {"did_you_mean": result.did_you_mean, "related_categories": []}
        result.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    def _related_categories(self, facet_rows) -> list[dict]:
        counts = facet_rows.get("category", {}) if facet_rows else {}
        cats = indexing.categories_by_path()
        best = sorted(counts.items(), key=lambda kv: -kv[1])[:5]
        return [
            {"value": cats[p].slug, "label": cats[p].name, "count": n}
            for p, n in best
            if p in cats and n > 0
        ]

    # -- SQL shared by both database engines; each engine supplies _match() ------------------

    def fetch_hits(self, parsed, mode, filters, query):
        """One page of hits: (product_id, score, name, description), ordered by the query's sort
        with the daily tie-break."""
        from_sql, where, params, rank, rank_params = self._match(parsed, mode)
        for cond, p in filters.values():
            where.append(cond)
            params += p
        day = day_number()
        order = {
            "relevance": "score DESC, tie DESC",
            "price_asc": "d.price ASC, tie DESC",
            "price_desc": "d.price DESC, tie DESC",
            "newest": "d.listed_at DESC, d.product_id DESC",
        }[query.sort]
        sql = (
            f"SELECT d.product_id, {rank} AS score, d.name, d.description, {TIE_SQL} AS tie "
            f"{from_sql} "
            + (f"WHERE {' AND '.join(where)} " if where else "")
            + f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        rows = self._select(
            sql, rank_params + [day, day] + params + [query.page_size, query.offset], parsed
        )
        return [row[:4] for row in rows]

    def _select(self, sql, params, parsed):
        """Rows of one statement on the index (`parsed` is None when browsing without words)."""
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _facet_rows_sql(self, parsed, mode, filters, facets):
        """The matching rows with their facet columns and one f_<name> column per filter (0 when
        the row passes it), so each facet can be counted with every filter but its own.
        Returns (inner SQL, facet columns, SQL of the number of failed filters, params)."""
        from_sql, where, params, _rank, _rank_params = self._match(parsed, mode)
        fail_cols, fail_params = [], []
        for name, (cond, p) in filters.items():
            fail_cols.append(f"CASE WHEN {cond} THEN 0 ELSE 1 END AS f_{name}")
            fail_params += p
        nfail = " + ".join(f"f_{n}" for n in filters) or "0"
        columns = sorted({FACET_COLUMNS[f] for f in facets})
        inner_cols = ", ".join([f"d.{c}" for c in columns] + fail_cols) or "1 AS one"
        inner = f"SELECT {inner_cols} {from_sql} " + (
            f"WHERE {' AND '.join(where)}" if where else ""
        )
        return inner, columns, nfail, fail_params + params

    def min_groups(self, parsed: textmod.ParsedQuery, mode: str) -> int:
        n = len(parsed.positive)
        if mode == "all":
            return n
        if mode == "most":
            return max(2, math.ceil(n / 2))
        return 1

    # Subclasses implement _match(parsed, mode) -> (from_sql, where, params, rank,
    # rank_params) and count_and_facets(parsed, mode, filters, facets) -> (total,
    # {facet: {raw value: count}}).

    def _match(self, parsed, mode):
        raise NotImplementedError

    def count_and_facets(self, parsed, mode, filters, facets):
        raise NotImplementedError

    # ---------------------------------------------------------------- facets
    def build_facets(self, query: SearchQuery, rows: dict) -> dict[str, list[FacetValue]]:
        labels = _labels()
        out: dict[str, list[FacetValue]] = {}
        for name in query.facets:
            selected = set(query.filters.get(name, ()))
            counts = rows.get(name, {}) if rows else {}
            values: list[FacetValue] = []
            if name == "category":
                values = self._category_facet(counts, selected)
            elif name == "kecamatan":
                kec = indexing.kecamatan_map()
                for kid, (slug, kname) in sorted(kec.items(), key=lambda kv: kv[1][1]):
                    n = counts.get(kid, 0)
                    if n or slug in selected:
                        values.append(FacetValue(slug, kname, n, slug in selected))
            else:
                for value in FACETS[name]:
                    key = (value == "1") if name in BOOLEAN_FACETS else value
                    n = counts.get(key, 0)
                    if n or value in selected:
                        values.append(
                            FacetValue(value, str(labels[name][value]), n, value in selected)
                        )
            out[name] = values
        return out

    def _category_facet(self, counts: dict[str, int], selected: set[str]) -> list[FacetValue]:
        cats = indexing.categories_by_path()
        totals: Counter[str] = Counter()
        for path, n in counts.items():
            if not n:
                continue
            parts = path.strip("/").split("/")
            for i in range(len(parts)):
                totals["/".join(parts[: i + 1]) + "/"] += n
        values = []
        for path in sorted(totals):
            info = cats.get(path)
            if info is None or info.depth > 2:
                continue
            parent = cats.get(info.parent_path) if info.parent_path else None
            values.append(
                FacetValue(
                    info.slug,
                    info.name,
                    totals[path],
                    info.slug in selected,
                    parent=parent.slug if parent else None,
                )
            )
        have = {v.value for v in values}
        by_slug = indexing.categories_by_slug()
        for slug in sorted(selected - have):
            if slug in by_slug:
                values.append(FacetValue(slug, by_slug[slug].name, 0, True))
        return values
