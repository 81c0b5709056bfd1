"""SQLite: an FTS5 external-content table with bm25 column weights; facet counts by GROUP BY
over the matched set (one statement, UNION ALL over a materialised CTE); typo corrections
from an in-process trigram index of the vocabulary."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db import connection

from .. import indexing
from .. import text as textmod
from ..models import SearchTerm
from .database import FACET_COLUMNS, DatabaseBackend

TABLE = "search_productsearchdoc"


def fts_alternative(alt: tuple[str, ...]) -> str:
    if len(alt) == 1:
        word = alt[0]
        stemmed = textmod.stem_token(word)
        return f'("{word}" OR "{stemmed}")' if stemmed else f'"{word}"'
    return '"' + " ".join(alt) + '"'


def fts_group(group: textmod.Group) -> str:
    return "(" + " OR ".join(fts_alternative(a) for a in group.alternatives) + ")"


def compile_fts(parsed: textmod.ParsedQuery, mode: str) -> str:
    """Our parsed query as an FTS5 MATCH string (tokens are [a-z0-9]+, always quoted)."""
    joiner = " AND " if mode == "all" else " OR "
    expr = "(" + joiner.join(fts_group(g) for g in parsed.positive) + ")"
    if parsed.negative:
        expr += " NOT (" + " OR ".join(fts_group(g) for g in parsed.negative) + ")"
    return expr


class SQLiteBackend(DatabaseBackend):
    # ---------------------------------------------------------------- typo corrections
    def _vocabulary(self):
        def build():
            terms: dict[str, int] = dict(SearchTerm.objects.values_list("term", "doc_freq"))
            grams: dict[str, list[str]] = defaultdict(list)
            for term in terms:
                if term.isalpha():
                    for g in textmod.trigrams(term):
                        grams[g].append(term)
            return terms, grams

        return indexing._cached("vocabulary", build)

    def corrections(self, word: str) -> list[str]:
        terms, grams = self._vocabulary()
        wanted = textmod.trigrams(word)
        shared: Counter[str] = Counter()
        for g in wanted:
            shared.update(grams.get(g, ()))
        need = max(2, int(len(wanted) * 0.3))
        candidates = [(t, terms[t]) for t, n in shared.most_common(200) if n >= need]
        return self._rank_candidates(word, candidates)

    def _after_rebuild(self):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            # Planner statistics for the tables just loaded (cheap: sampled by SQLite).
            cursor.execute(f"ANALYZE {TABLE}")
            cursor.execute("ANALYZE search_searchterm")

    # ---------------------------------------------------------------- SQL
    def _match(self, parsed, mode):
        """(FROM clause, WHERE conditions, params, rank expression, rank params)."""
        if parsed is None:
            return f"FROM {TABLE} d", [], [], "d.boost", []
        from_sql = f"FROM search_fts JOIN {TABLE} d ON d.product_id = search_fts.rowid"
        where = ["search_fts MATCH %s"]
        params = [compile_fts(parsed, "all" if mode == "all" else "any")]
        coverage, cov_params = "1", []
        if mode != "all":
            parts = [
                "(d.product_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))"
                for _ in parsed.positive
            ]
            group_q = [fts_group(g) for g in parsed.positive]
            where.append(f"({' + '.join(parts)}) >= %s")
            params += group_q + [self.min_groups(parsed, mode)]
            n = len(parsed.positive)
            coverage = f"(({' + '.join(parts)}) * 1.0 / {n}) * (({' + '.join(parts)}) * 1.0 / {n})"
            cov_params = group_q + group_q
        w = ", ".join(str(x) for x in self.weights)
        rank = f"(-bm25(search_fts, {w})) * d.boost * {coverage}"
        return from_sql, where, params, rank, cov_params

    def count_and_facets(self, parsed, mode, filters, facets):
        inner, columns, nfail, params = self._facet_rows_sql(parsed, mode, filters, facets)
        parts = ["SELECT 'total', NULL, SUM(nfail = 0) FROM s"]
        for f in facets:
            own = f" - f_{f}" if f in filters else ""
            col = FACET_COLUMNS[f]
            parts.append(f"SELECT '{f}', {col}, SUM(nfail{own} = 0) FROM s GROUP BY {col}")
        sql = (
            f"WITH s AS MATERIALIZED (SELECT *, {nfail} AS nfail FROM ({inner}) "
            f"WHERE {nfail} <= 1) " + " UNION ALL ".join(parts)
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total = 0
        out: dict[str, dict] = {f: {} for f in facets}
        for facet, value, count in rows:
            if facet == "total":
                total = count or 0
            elif count:
                key = bool(value) if facet in ("koperasi", "pdn", "verified", "link") else value
                out[facet][key] = count
        return total, out
