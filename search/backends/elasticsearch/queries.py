"""Pure functions that build what Elasticsearch is sent: index bodies (settings + mappings) and
query bodies. No client, no database, no settings: every input is an argument, so the output
is tested as a dict (tests/search/test_es_queries.py keeps snapshots of it).

Ranking mirrors the database backend:
- field weights name (and brand) > category and keywords > description > vendor
  (1.0 / 0.4 / 0.2 / 0.1 there; 10 / 4 / 2 / 1 here), and each field's unstemmed `.exact`
  subfield weighs twice its stemmed field, so an exact word beats a stem-only match;
- a typo clause (`fuzziness: AUTO` on the exact fields, lower weight) finds "komputr";
- the same boost as `search.indexing` (1 + 0.15 verified + 0.15 INAPROC/toko daring link +
  0.05 complete description) as function_score weights, multiplied into the text score;
- a stable daily tie-break: random_score seeded by the day on the `id` field, added with a
  weight small enough to reorder only equal (or nearly equal) scores.

Facets: every filter goes in `post_filter` (hits are filtered, aggregations are not), and each
facet's aggregation is wrapped in a filter of all the *other* facets' filters, so its counts
exclude its own filter (multi-select within a facet is OR, across facets AND).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

from ... import text as textmod
from ...query import MAX_OFFSET, MAX_PAGE_SIZE, SearchQuery
from . import analysis
from .documents import ProductDocument, VendorDocument

# The largest from + size a query may ask for (the query model refuses pages past 10,000).
MAX_RESULT_WINDOW = MAX_OFFSET + MAX_PAGE_SIZE

# Stemmed field weights; each `.exact` subfield gets EXACT_FACTOR times as much.
FIELD_WEIGHTS: dict[str, float] = {
    "name": 10,
    "brand": 10,
    "category_text": 4,
    "keywords": 4,
    "description": 2,
    "vendor_text": 1,
}
EXACT_FACTOR = 2
FUZZY_BOOST = 0.3
TIE_BREAKER = 0.3
TIE_BREAK_WEIGHT = 0.001
BOOSTS = {"verified": 0.15, "has_link": 0.15, "complete": 0.05}  # as search.indexing

FACET_FIELDS = {
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
BOOLEAN_FACETS = {"koperasi", "pdn", "verified", "link"}
FACET_SIZES = {"category": 1000, "kecamatan": 500}
DEFAULT_FACET_SIZE = 20

HIGHLIGHT = {
    "encoder": "html",
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "fields": {
        "name": {"number_of_fragments": 0},
        "description": {"fragment_size": 220, "number_of_fragments": 1, "no_match_size": 220},
    },
}


# ---------------------------------------------------------------------------------- indices
def index_settings(synonym_rows, *, shards: int = 1, replicas: int = 1) -> dict:
    return {
        "number_of_shards": shards,
        "number_of_replicas": replicas,
        "max_result_window": MAX_RESULT_WINDOW,
        "analysis": analysis.build_analysis(synonym_rows),
    }


def product_index_body(synonym_rows, *, shards: int = 1, replicas: int = 1) -> dict:
    """Settings and mappings of a product index (what `indices.create` receives)."""
    return {
        "settings": index_settings(synonym_rows, shards=shards, replicas=replicas),
        "mappings": ProductDocument._doc_type.mapping.to_dict(),
    }


def vendor_index_body(synonym_rows, *, shards: int = 1, replicas: int = 1) -> dict:
    return {
        "settings": index_settings(synonym_rows, shards=shards, replicas=replicas),
        "mappings": VendorDocument._doc_type.mapping.to_dict(),
    }


# ---------------------------------------------------------------------------------- text
def weighted_fields(exact: bool = True, stemmed: bool = True) -> list[str]:
    fields = []
    for name, weight in FIELD_WEIGHTS.items():
        if exact:
            fields.append(f"{name}.exact^{_num(weight * EXACT_FACTOR)}")
        if stemmed:
            fields.append(f"{name}^{_num(weight)}")
    return fields


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def group_clause(group: textmod.Group) -> dict:
    """What one word or phrase of the buyer's query must match.

    The synonym_graph filter of the search analyzers expands the text (atk -> alat tulis
    kantor, ...), so the clause sends the buyer's own words.
    """
    text = " ".join(group.original)
    quoted = len(group.original) > 1 and group.alternatives == [group.original]
    if quoted:
        return {"multi_match": {"query": text, "type": "phrase", "fields": weighted_fields()}}
    clauses = [
        {
            "multi_match": {
                "query": text,
                "type": "best_fields",
                "fields": weighted_fields(),
                "tie_breaker": TIE_BREAKER,
                "operator": "and",
            }
        }
    ]
    if group.is_single_word and len(text) >= 4 and text.isalpha():
        # Typos: edit distance on the unstemmed words, without synonyms (a fuzzy synonym
        # would match far too much), weighted below any real match.
        clauses.append(
            {
                "multi_match": {
                    "query": text,
                    "type": "best_fields",
                    "fields": weighted_fields(stemmed=False),
                    "analyzer": "id_exact_index",
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                    "max_expansions": 20,
                    "boost": FUZZY_BOOST,
                }
            }
        )
    if len(clauses) == 1:
        return clauses[0]
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def negated_clause(group: textmod.Group) -> dict:
    return {
        "multi_match": {
            "query": " ".join(group.original),
            "type": "phrase",
            "fields": [*weighted_fields(stemmed=False), "name", "description"],
        }
    }


def min_groups(n: int, mode: str) -> int:
    """As the database backend: all words; then, for long needs, most of them; then any."""
    if mode == "all":
        return n
    if mode == "most":
        return max(2, math.ceil(n / 2))
    return 1


def text_query(parsed: textmod.ParsedQuery | None, mode: str = "all") -> dict:
    if parsed is None or not parsed.positive:
        return {"match_all": {}}
    clauses = [group_clause(g) for g in parsed.positive]
    bool_q: dict = {}
    if mode == "all":
        bool_q["must"] = clauses
    else:
        bool_q["should"] = clauses
        bool_q["minimum_should_match"] = min_groups(len(clauses), mode)
    if parsed.negative:
        bool_q["must_not"] = [negated_clause(g) for g in parsed.negative]
    return {"bool": bool_q}


def ranked_query(inner: dict, day: int) -> dict:
    """The text score times the listing boost, plus the daily tie-break."""
    boosts = [{"weight": 1}] + [
        {"filter": {"term": {field: True}}, "weight": weight} for field, weight in BOOSTS.items()
    ]
    return {
        "function_score": {
            "query": {
                "function_score": {
                    "query": inner,
                    "functions": boosts,
                    "score_mode": "sum",
                    "boost_mode": "multiply",
                }
            },
            "functions": [
                {"random_score": {"seed": day, "field": "id"}, "weight": TIE_BREAK_WEIGHT}
            ],
            "score_mode": "sum",
            "boost_mode": "sum",
        }
    }


# ---------------------------------------------------------------------------------- filters
def facet_filter(
    name: str,
    values: Iterable[str],
    category_paths: Mapping[str, str],
    kecamatan_ids: Mapping[str, int],
) -> dict:
    """The filter for one facet's selected values (OR within the facet)."""
    values = list(values)
    field = FACET_FIELDS[name]
    if name == "category":
        paths = sorted({category_paths[v] for v in values if v in category_paths})
        if not paths:
            return {"match_none": {}}
        if len(paths) == 1:
            return {"prefix": {field: paths[0]}}
        return {
            "bool": {"should": [{"prefix": {field: p}} for p in paths], "minimum_should_match": 1}
        }
    if name == "kecamatan":
        ids = sorted({kecamatan_ids[v] for v in values if v in kecamatan_ids})
        return {"terms": {field: ids}} if ids else {"match_none": {}}
    if name in BOOLEAN_FACETS:
        return {"terms": {field: sorted({v == "1" for v in values})}}
    return {"terms": {field: sorted(set(values))}}


def filters_for(query: SearchQuery, category_paths, kecamatan_ids) -> dict[str, dict]:
    return {
        name: facet_filter(name, values, category_paths, kecamatan_ids)
        for name, values in query.filters.items()
    }


def _all_of(filters: list[dict]) -> dict:
    return {"bool": {"filter": filters}} if filters else {"match_all": {}}


def facet_aggs(facets: Iterable[str], filters: Mapping[str, dict]) -> dict:
    """One filtered aggregation per facet: the other facets' filters, then a terms count."""
    aggs = {}
    for name in facets:
        others = [f for other, f in filters.items() if other != name]
        aggs[name] = {
            "filter": _all_of(others),
            "aggs": {
                "values": {
                    "terms": {
                        "field": FACET_FIELDS[name],
                        "size": FACET_SIZES.get(name, DEFAULT_FACET_SIZE),
                    }
                }
            },
        }
    return aggs


# ---------------------------------------------------------------------------------- bodies
SORTS = {
    "relevance": [{"_score": "desc"}],
    "price_asc": [{"price": "asc"}, {"_score": "desc"}],
    "price_desc": [{"price": "desc"}, {"_score": "desc"}],
    "newest": [{"listed_at": "desc"}, {"id": "desc"}],
}


def page_window(offset: int, size: int) -> tuple[int, int]:
    """from/size kept inside the index's result window (no deep paging)."""
    start = max(0, min(int(offset), MAX_OFFSET))
    size = max(0, min(int(size), MAX_PAGE_SIZE, MAX_RESULT_WINDOW - start))
    return start, size


def spell_words(parsed: textmod.ParsedQuery | None) -> list[str]:
    """Words worth a did-you-mean look-up (as the database backend: alphabetic, 4+ letters)."""
    if parsed is None:
        return []
    return [
        g.original[0]
        for g in parsed.positive
        if g.is_single_word and len(g.alternatives) == 1
        and len(g.original[0]) >= 4 and g.original[0].isalpha()
    ]  # fmt: skip


def search_body(
    query: SearchQuery,
    parsed: textmod.ParsedQuery | None,
    *,
    day: int,
    category_paths: Mapping[str, str],
    kecamatan_ids: Mapping[str, int],
    mode: str = "all",
) -> dict:
    """The body of one catalogue search: a page of hits, the total and the facet counts."""
    filters = filters_for(query, category_paths, kecamatan_ids)
    start, size = page_window(query.offset, query.page_size)
    body: dict = {
        "query": ranked_query(text_query(parsed, mode), day),
        "from": start,
        "size": size,
        "sort": SORTS[query.sort],
        "track_total_hits": True,
        "_source": ["name", "description"],
    }
    if filters:
        body["post_filter"] = _all_of(list(filters.values()))
    if query.facets:
        body["aggs"] = facet_aggs(query.facets, filters)
    if parsed is not None:
        body["highlight"] = HIGHLIGHT
        words = spell_words(parsed)
        if words:
            body["suggest"] = {
                "text": " ".join(words),
                "spell": {
                    "term": {
                        "field": "spell",
                        "suggest_mode": "missing",
                        "min_word_length": 4,
                        "prefix_length": 1,
                        "max_edits": 2,
                        "size": 1,
                    }
                },
            }
    return body


def related_categories_body(parsed: textmod.ParsedQuery, limit: int = 5) -> dict:
    """When nothing matches well: which categories hold any of the words."""
    return {
        "size": 0,
        "query": text_query(parsed, "any"),
        "aggs": {"category": {"terms": {"field": "category_path", "size": limit}}},
    }


def suggest_body(words: list[str], limit: int = 8) -> dict:
    """Completions of the last word, in documents holding the earlier words.

    Word completions come from a terms aggregation over the `words` keyword field (ordered by
    how many products hold them, like the database vocabulary); a few product names that
    match as-you-type come from the `name.suggest` search_as_you_type field.
    """
    head, last = words[:-1], words[-1]
    filters = [{"term": {"words": w}} for w in head] + [{"prefix": {"words": last}}]
    return {
        "size": 3,
        "_source": ["name"],
        "query": {
            "bool": {
                "filter": filters,
                "should": [
                    {
                        "multi_match": {
                            "query": " ".join(words),
                            "type": "bool_prefix",
                            "fields": [
                                "name.suggest",
                                "name.suggest._2gram",
                                "name.suggest._3gram",
                            ],
                        }
                    }
                ],
            }
        },
        "aggs": {
            "completions": {
                "terms": {
                    "field": "words",
                    "include": re.escape(last) + ".*",
                    "size": limit,
                    "order": [{"_count": "desc"}, {"_key": "asc"}],
                }
            }
        },
    }


def drift_body(after: list | None = None, size: int = 5000) -> dict:
    """One page of (id, updated_at) for `check`, in id order (search_after, no deep paging)."""
    body: dict = {
        "size": size,
        "_source": False,
        "docvalue_fields": [{"field": "updated_at", "format": "strict_date_optional_time"}],
        "sort": [{"id": "asc"}],
        "query": {"match_all": {}},
        "track_total_hits": False,
    }
    if after:
        body["search_after"] = after
    return body
