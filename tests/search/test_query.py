"""The query model: what a buyer may send, and the clear errors for what cannot be searched."""

import pytest
from django.http import QueryDict

from search.query import MAX_TEXT_LENGTH, SearchQuery, SearchQueryError


def parse(qs):
    return SearchQuery.from_params(QueryDict(qs))


def test_filters_repeat_or_use_commas_and_booleans_accept_words():
    query = parse("q=atk&kecamatan=subah&kecamatan=batang&tkdn=40plus,25plus&pdn=ya")
    assert query.filters == {
        "kecamatan": ("subah", "batang"),
        "tkdn": ("40plus", "25plus"),
        "pdn": ("1",),
    }


@pytest.mark.parametrize(
    "qs, field",
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page_size=1000", "page_size"),
        ("page_size=0", "page_size"),
        ("page=600&page_size=20", "page"),
        ("sort=harga", "sort"),
        ("tkdn=99", "tkdn"),
        ("scale=raksasa", "scale"),
        ("facets=warna", "facets"),
        ("warna=merah", "warna"),
        ("category=%3Cscript%3E", "category"),
    ],
)
def test_malformed_input_names_the_field(qs, field):
    with pytest.raises(SearchQueryError) as exc:
        parse(qs)
    assert field in exc.value.errors
    assert all(isinstance(m, str) and m for m in exc.value.errors[field])


def test_text_is_capped_and_control_characters_are_removed():
    query = parse("q=" + "kertas%00%01 " * 2000)
    assert len(query.text) <= MAX_TEXT_LENGTH
    assert "\x00" not in query.text and "\x01" not in query.text


def test_defaults():
    query = parse("")
    assert (query.page, query.page_size, query.sort, query.text) == (1, 20, "relevance", "")
