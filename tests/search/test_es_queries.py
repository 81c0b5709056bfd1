"""Elasticsearch index and query bodies, tested as dicts without a cluster.

The bodies are pure functions of their inputs (search.backends.elasticsearch.queries), so each
representative query is compared with a JSON snapshot in tests/search/snapshots/. After an
intended change, regenerate them with

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/search/test_es_queries.py

and review the diff of the JSON files like any other code change.
"""

import copy
import json
import os
from pathlib import Path

import pytest
from elasticsearch.dsl import Search

from search import text as textmod
from search.backends.elasticsearch import analysis, queries
from search.query import MAX_OFFSET, SearchQuery

SNAPSHOTS = Path(__file__).parent / "snapshots"

# Fixed inputs, so the snapshots do not move when the shared lists or the database change.
SYNONYM_ROWS = [
    ("atk", ["alat tulis kantor", "kertas", "pulpen"], False),
    ("nasi kotak", ["nasi box", "nasi dus"], True),
    ("laptop", ["notebook"], True),
]
SYNONYMS = textmod.build_synonym_map(SYNONYM_ROWS)
CATEGORY_PATHS = {"atk": "0001/", "kertas": "0001/0002/", "nasi-kotak": "0003/0004/"}
KECAMATAN_IDS = {"batang": 1, "subah": 12}
DAY = 739_658  # 2026-02-11


def assert_snapshot(name: str, data: dict) -> None:
    """Compare `data` with tests/search/snapshots/<name>.json (write it with UPDATE_SNAPSHOTS=1)."""
    path = SNAPSHOTS / f"{name}.json"
    data = json.loads(json.dumps(data))  # tuples -> lists, as stored
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
        return
    assert path.exists(), f"no snapshot {path.name}: run with UPDATE_SNAPSHOTS=1 to write it"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert data == expected, f"{path.name} differs: rerun with UPDATE_SNAPSHOTS=1 if intended"


def body_for(params: dict, mode: str = "all") -> dict:
    query = SearchQuery.from_params(params)
    parsed = textmod.parse_query(query.text, SYNONYMS) if query.text else None
    return queries.search_body(
        query,
        parsed,
        day=DAY,
        category_paths=CATEGORY_PATHS,
        kecamatan_ids=KECAMATAN_IDS,
        mode=mode,
    )


# --------------------------------------------------------------------------------- mapping
def test_product_index_body_snapshot():
    body = copy.deepcopy(queries.product_index_body(SYNONYM_ROWS, shards=2, replicas=1))
    filters = body["settings"]["analysis"]["filter"]
    # The shared lists are checked against search.text below, not frozen in the snapshot.
    assert filters["id_stop"].pop("stopwords") == sorted(textmod.STOPWORDS)
    keep, override = analysis.protected_words()
    assert filters["id_keywords"].pop("keywords") == keep
    assert filters["id_override"].pop("rules") == override
    assert_snapshot("product_index", body)


def test_vendor_index_body_snapshot():
    body = copy.deepcopy(queries.vendor_index_body(SYNONYM_ROWS))
    assert_snapshot("vendor_index", body["mappings"])


def test_mapping_has_exact_subfields_suggest_field_and_facet_keywords():
    mappings = queries.product_index_body(SYNONYM_ROWS)["mappings"]["properties"]
    for field in queries.FIELD_WEIGHTS:
        assert mappings[field]["analyzer"] == "id_index"
        assert mappings[field]["search_analyzer"] == "id_search"
        assert mappings[field]["fields"]["exact"]["analyzer"] == "id_exact_index"
    assert mappings["name"]["fields"]["suggest"]["type"] == "search_as_you_type"
    for field in queries.FACET_FIELDS.values():
        assert mappings[field]["type"] in ("keyword", "boolean", "integer")
    settings = queries.product_index_body(SYNONYM_ROWS)["settings"]
    assert settings["max_result_window"] == MAX_OFFSET + 100


def test_analysis_stems_protected_words_and_expands_synonyms_at_search_time_only():
    body = analysis.build_analysis(SYNONYM_ROWS)
    index_chain = body["analyzer"]["id_index"]["filter"]
    search_chain = body["analyzer"]["id_search"]["filter"]
    assert "id_synonyms" not in index_chain  # graph filters are search-time only
    assert search_chain.index("id_synonyms") < search_chain.index("id_stem")
    assert index_chain.index("id_keywords") < index_chain.index("id_stem")
    assert body["filter"]["id_stem"] == {"type": "stemmer", "language": "indonesian"}
    keep, override = analysis.protected_words()
    assert {"kemeja", "kerajinan", "kuningan"} <= set(keep)
    assert "pertanian => tani" in override
    assert "id_stem" not in body["analyzer"]["id_exact_index"]["filter"]


def test_synonym_rules_keep_the_database_semantics():
    rules = analysis.synonym_rules(
        [
            ("ATK", ["alat tulis kantor", "kertas"], False),
            ("nasi kotak", ["nasi box"], True),
            ("Café", ["kopi"], True),
            ("lonely", [], True),
        ]
    )
    # One-way keeps the phrase itself (a bare "a => b" would stop "a" from finding "a").
    assert rules == ["atk => atk, alat tulis kantor, kertas", "nasi kotak, nasi box", "cafe, kopi"]


def test_the_real_synonym_list_becomes_rules():
    rows = textmod.read_synonym_file()
    rules = analysis.synonym_rules(rows)
    assert len(rules) >= 60
    assert any(r.startswith("atk => atk, ") for r in rules)


# --------------------------------------------------------------------------------- queries
REPRESENTATIVE = {
    "text_only": {"q": "kertas hvs"},
    "text_category": {"q": "kertas", "category": "atk"},
    "text_kecamatan": {"q": "kertas", "kecamatan": ["subah", "batang"]},
    "text_scale": {"q": "kertas", "scale": "kecil"},
    "text_koperasi": {"q": "kertas", "koperasi": "1"},
    "text_pdn": {"q": "kertas", "pdn": "1"},
    "text_tkdn": {"q": "kertas", "tkdn": ["40plus", "25plus"]},
    "text_verified": {"q": "kertas", "verified": "1"},
    "text_price": {"q": "kertas", "price": "lt50k"},
    "text_link": {"q": "kertas", "link": "1"},
    "typo": {"q": "komputr"},
    "synonym_phrase_and_exclusion": {"q": 'nasi box "ayam bakar" -pedas'},
    "no_text_with_filters": {"kecamatan": "subah", "price": ["lt50k", "50k-250k"]},
    "sort_by_price": {"q": "kertas", "sort": "price_asc", "page": "3", "page_size": "10"},
}


@pytest.mark.parametrize("name", sorted(REPRESENTATIVE))
def test_query_body_snapshot(name):
    body = body_for(REPRESENTATIVE[name])
    # Every body is valid Elasticsearch query DSL as the client library understands it.
    Search.from_dict(copy.deepcopy(body))
    assert_snapshot(f"query_{name}", body)


def test_long_needs_query_with_most_words_required():
    body = body_for({"q": "nasi kotak rapat dinas pemkab"}, mode="most")
    inner = body["query"]["function_score"]["query"]["function_score"]["query"]["bool"]
    assert len(inner["should"]) == 4  # "nasi kotak" is one synonym span
    assert inner["minimum_should_match"] == 2
    assert_snapshot("query_long_need_most", body)


def test_each_facet_counts_without_its_own_filter():
    body = body_for({"q": "kertas", "kecamatan": "subah", "price": "lt50k", "pdn": "1"})
    post = body["post_filter"]["bool"]["filter"]
    assert {"terms": {"kecamatan_id": [12]}} in post
    assert {"terms": {"price_bucket": ["lt50k"]}} in post
    kec_filters = body["aggs"]["kecamatan"]["filter"]["bool"]["filter"]
    assert {"terms": {"kecamatan_id": [12]}} not in kec_filters
    assert {"terms": {"price_bucket": ["lt50k"]}} in kec_filters
    # A facet nobody filters on counts within every filter.
    assert len(body["aggs"]["scale"]["filter"]["bool"]["filter"]) == 3
    # Filters never touch the text score: they are not in the query.
    assert "kecamatan_id" not in json.dumps(body["query"])


def test_unknown_slugs_match_nothing_rather_than_everything():
    body = body_for({"category": "tidak-ada", "kecamatan": "atlantis"})
    assert body["post_filter"]["bool"]["filter"] == [{"match_none": {}}, {"match_none": {}}]


def test_typo_tolerance_is_fuzzy_on_exact_words_and_weighs_less():
    body = body_for({"q": "komputr"})
    clause = body["query"]["function_score"]["query"]["function_score"]["query"]["bool"]["must"][0]
    exact, fuzzy = clause["bool"]["should"]
    assert "fuzziness" not in exact["multi_match"]
    assert fuzzy["multi_match"]["fuzziness"] == "AUTO"
    assert fuzzy["multi_match"]["boost"] < 1
    assert all(".exact" in f for f in fuzzy["multi_match"]["fields"])
    assert body["suggest"]["spell"]["term"]["field"] == "spell"


def test_field_weights_follow_the_database_backend_and_exact_beats_stem():
    fields = queries.weighted_fields()
    assert fields[:2] == ["name.exact^20", "name^10"]
    weights = {f.split("^")[0]: float(f.split("^")[1]) for f in fields}
    assert weights["name"] > weights["category_text"] > weights["description"]
    assert weights["description"] > weights["vendor_text"]
    for field in queries.FIELD_WEIGHTS:
        assert weights[f"{field}.exact"] > weights[field]


def test_daily_tie_break_is_seeded_by_the_day_on_the_id_field():
    def tie(day):
        query = SearchQuery.from_params({"q": "spidol"})
        body = queries.search_body(
            query, textmod.parse_query("spidol"), day=day, category_paths={}, kecamatan_ids={}
        )
        return body["query"]["function_score"]["functions"][0]

    assert tie(DAY) == tie(DAY)
    assert tie(DAY)["random_score"] == {"seed": DAY, "field": "id"}
    assert tie(DAY + 1)["random_score"]["seed"] == DAY + 1
    assert tie(DAY)["weight"] <= 0.001  # reorders ties only


def test_boosts_match_search_indexing():
    boosts = body_for({"q": "stempel"})["query"]["function_score"]["query"]["function_score"]
    weights = {
        next(iter(f["filter"]["term"])) if "filter" in f else "base": f["weight"]
        for f in boosts["functions"]
    }
    assert weights == {"base": 1, "verified": 0.15, "has_link": 0.15, "complete": 0.05}
    assert boosts["score_mode"] == "sum" and boosts["boost_mode"] == "multiply"


def test_paging_is_bounded():
    assert queries.page_window(0, 20) == (0, 20)
    assert queries.page_window(MAX_OFFSET, 100) == (MAX_OFFSET, 100)
    start, size = queries.page_window(10**9, 10**9)
    assert start + size <= queries.MAX_RESULT_WINDOW
    body = body_for({"q": "kertas", "page": "501", "page_size": "20"})
    assert body["from"] == MAX_OFFSET and body["size"] == 20


def test_sorts():
    assert body_for({"sort": "price_asc"})["sort"][0] == {"price": "asc"}
    assert body_for({"sort": "price_desc"})["sort"][0] == {"price": "desc"}
    assert body_for({"sort": "newest"})["sort"] == [{"listed_at": "desc"}, {"id": "desc"}]
    assert body_for({"q": "kertas"})["sort"] == [{"_score": "desc"}]


def test_suggest_body_completes_the_last_word_among_documents_with_the_first():
    body = queries.suggest_body(["kertas", "h"], limit=8)
    assert body["query"]["bool"]["filter"] == [
        {"term": {"words": "kertas"}},
        {"prefix": {"words": "h"}},
    ]
    assert body["aggs"]["completions"]["terms"]["include"] == "h.*"
    assert body["aggs"]["completions"]["terms"]["size"] == 8
    assert body["query"]["bool"]["should"][0]["multi_match"]["type"] == "bool_prefix"
    Search.from_dict(copy.deepcopy(body))
    assert_snapshot("suggest_kertas_h", body)
