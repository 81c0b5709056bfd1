"""The relevance metrics, checked against values worked out by hand."""

import math

import pytest

from search.relevance import (
    Ranking,
    RelevanceQuery,
    dcg,
    evaluate,
    format_kind_table,
    mean,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
)

JUDGED = {"a": 3, "b": 2, "c": 1}  # c is marginal: not "relevant" for recall and MRR


def test_recall_counts_exact_and_good_substitutes_only():
    assert recall_at_k(["a", "x", "b"], JUDGED) == 1.0
    assert recall_at_k(["x", "a", "c"], JUDGED) == 0.5  # c (grade 1) does not count
    assert recall_at_k(["x", "y"], JUDGED) == 0.0


def test_recall_only_looks_at_the_top_k():
    assert recall_at_k(["x", "y", "a", "b"], JUDGED, k=3) == 0.5


def test_recall_denominator_is_capped_at_k():
    many = {f"p{i}": 3 for i in range(25)}
    top10 = [f"p{i}" for i in range(10)]
    assert recall_at_k(top10, many, k=10) == 1.0
    assert recall_at_k(top10[:5] + ["x"] * 5, many, k=10) == 0.5


def test_recall_is_undefined_without_relevant_products():
    assert recall_at_k(["a"], {}) is None
    assert recall_at_k(["a"], {"a": 1}) is None


def test_dcg_uses_linear_gain_and_log2_discount():
    # 3/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 1.26186 + 0.5
    assert dcg([3, 2, 1]) == pytest.approx(4.761860, abs=1e-6)
    assert dcg([0, 3]) == pytest.approx(3 / math.log2(3))


def test_ndcg_perfect_and_reversed_rankings():
    assert ndcg_at_k(["a", "b", "c"], JUDGED) == pytest.approx(1.0)
    # reversed: 1 + 2/log2(3) + 3/2 = 3.761860; ideal 4.761860
    assert ndcg_at_k(["c", "b", "a"], JUDGED) == pytest.approx(3.761860 / 4.761860, abs=1e-6)


def test_ndcg_with_unjudged_items_in_between():
    # a at rank 2, b at rank 4: 3/log2(3) + 2/log2(5) = 1.892789 + 0.861353 = 2.754142
    ranked = ["x", "a", "y", "b"]
    assert ndcg_at_k(ranked, JUDGED) == pytest.approx(2.754142 / 4.761860, abs=1e-6)


def test_ndcg_ideal_is_cut_at_k():
    judged = {"a": 3, "b": 3, "c": 3}
    # k=2: ideal 3 + 3/log2(3) = 4.892789; got only a at rank 1 = 3
    assert ndcg_at_k(["a", "x", "b"], judged, k=2) == pytest.approx(3 / 4.892789, abs=1e-6)


def test_ndcg_is_undefined_without_judgements():
    assert ndcg_at_k(["a"], {}) is None


def test_reciprocal_rank_of_first_relevant():
    assert reciprocal_rank(["a"], JUDGED) == 1.0
    assert reciprocal_rank(["x", "c", "b"], JUDGED) == pytest.approx(1 / 3)  # c is marginal
    assert reciprocal_rank(["x", "y"], JUDGED) == 0.0
    assert reciprocal_rank(["x", "a"], JUDGED, k=1) == 0.0
    assert reciprocal_rank(["a"], {}) is None


def test_mean_skips_undefined_values():
    assert mean([1.0, None, 0.5]) == 0.75
    assert mean([None]) is None


def _queries():
    return [
        RelevanceQuery("q1", "kertas hvs", "multi_word", {"p1": 3, "p2": 2}),
        RelevanceQuery("q2", "komputr", "typo", {"p3": 3}),
        RelevanceQuery("q3", "pesawat terbang", "no_match", {}),
        RelevanceQuery("q4", "kapal pesiar", "no_match", {}),
    ]


def test_evaluate_aggregates_per_kind_and_scores_no_match_separately():
    key_to_id = {"p1": 11, "p2": 12, "p3": 13, "p4": 14}
    answers = {
        "kertas hvs": Ranking([12, 14, 11]),  # both relevant found, p1 at rank 3
        "komputr": Ranking([14]),  # nothing relevant
        "pesawat terbang": Ranking([], no_good_match=True),  # says so: success
        "kapal pesiar": Ranking([14, 99]),  # weak hits presented as matches: failure
    }
    report = evaluate("uji", _queries(), lambda text: answers[text], key_to_id)

    by_kind = {row.kind: row for row in report.by_kind()}
    assert by_kind["multi_word"].recall == 1.0
    # got grades [2, 0, 3]: 2 + 3/2 = 3.5; ideal [3, 2]: 3 + 2/log2(3) = 4.261860
    assert by_kind["multi_word"].ndcg == pytest.approx(3.5 / 4.261860, abs=1e-6)
    assert by_kind["multi_word"].mrr == 1.0
    assert by_kind["typo"].recall == 0.0
    assert by_kind["no_match"].no_match_success == 0.5

    # Overall figures cover judged queries only (no-match queries are excluded).
    assert report.recall == 0.5
    assert report.mrr == 0.5
    assert report.no_match_success == 0.5
    unknown = [s for s in report.scores if s.query.id == "q4"][0]
    assert unknown.ranked == ["p4", "#99"]  # ids outside the corpus stay visible


def test_kind_table_names_every_kind_and_run():
    key_to_id = {"p1": 1, "p2": 2, "p3": 3}
    ours = evaluate("ours", _queries(), lambda t: Ranking([1, 2, 3]), key_to_id)
    plain = evaluate("plain keyword", _queries(), lambda t: Ranking([]), key_to_id)
    table = format_kind_table(ours, plain)
    for word in ("multi_word", "typo", "no_match", "ours", "plain keyword", "ALL"):
        assert word in table
