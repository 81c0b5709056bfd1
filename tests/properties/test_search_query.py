"""The search query model (search/query.py) and the text parser (search/text.py).

Pure properties first (any input: only our own SearchQueryError, normalised terms, a round trip
through the URL parameters), then the real endpoints: any text and any filter values go through
/api/v1/search/ (and /cari/) on the configured database's engine (SQLite FTS5 or PostgreSQL
tsquery) and give a 200 or a 400 naming the field, never a 500.
"""

import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from search import text as search_text
from search.backends import get_backend
from search.query import (
    FACETS,
    MAX_TEXT_LENGTH,
    SORTS,
    SearchQuery,
    SearchQueryError,
    clean_text,
)
from tests.factories import ProductFactory, VendorFactory, kecamatan

from .conftest import DB, PURE, rolled_back

# Words and operators the engines' own query languages give meaning to, and bytes that break
# drivers: a query made of these is where FTS5 MATCH and to_tsquery syntax errors come from.
ENGINE_SYNTAX = [
    '"', "'", "NEAR", "NEAR(", "AND", "OR", "NOT", "*", "^", ":", "-", "(", ")", "+", "&", "|",
    "!", "<->", "<2>", "{", "}", "[", "]", "\\", "/", "%", "_", ";", "--", "\x00", "\u200b",
    "kertas", "hvs", "kertas*", "a4", "dan", "-kertas", '"kertas hvs"', "nasi:*", "col:kertas",
    "\u0130", "ß", "ﬁ", "😀", "\ud7ff", "e\u0301", "０", "١٢",
]  # fmt: skip
engine_text = st.lists(st.sampled_from(ENGINE_SYNTAX), max_size=12).map(
    lambda parts: "".join(p if i % 3 else p + " " for i, p in enumerate(parts))
)
any_text = st.text(st.characters(codec="utf-8"), max_size=60)
query_text = st.one_of(engine_text, any_text, st.text(max_size=3000).map(lambda s: s * 3))

PARAM_NAMES = ["q", "sort", "page", "page_size", "facets", *FACETS, "format", "x", "", "Q"]
param_value = st.one_of(
    any_text,
    st.sampled_from(
        [
            "",
            "1",
            "0",
            "-1",
            "1e3",
            "9" * 20,
            " 2 ",
            "٣",
            "²",
            "ya",
            "none",
            "-",
            "relevance",
            "price_asc",
            "kertas",
            "kertas,alat-tulis",
            "lt50k",
            ",,,",
            "40plus",
            "mikro",
            "\x00",
            "a" * 500,
        ]
    ),  # fmt: skip
)
params = st.dictionaries(
    st.sampled_from(PARAM_NAMES) | any_text.filter(bool),
    st.one_of(param_value, st.lists(param_value, max_size=40)),
    max_size=6,
)


def from_params_or_error(data):
    try:
        return SearchQuery.from_params(data)
    except SearchQueryError as exc:
        return exc


# --- the query model -------------------------------------------------------------------------


@PURE
@given(params)
@example({"page": "٣"})
@example({"page_size": "²"})
@example({"category": "kertas\n"})
@example({"scale": "\u0130"})
def test_any_parameters_build_a_query_or_raise_our_error_naming_fields(data):
    result = from_params_or_error(data)
    if isinstance(result, SearchQueryError):
        assert result.errors
        for name, messages in result.errors.items():
            assert isinstance(name, str) and len(name) <= 50
            assert messages and all(isinstance(m, str) and m for m in messages)
        return
    assert result.sort in SORTS
    assert result.page >= 1 and 1 <= result.page_size <= 100
    for name, values in result.filters.items():
        allowed = FACETS[name]
        for value in values:
            assert value == value.strip().lower() and "," not in value
            assert value in allowed if allowed else re.fullmatch(r"[a-z0-9][a-z0-9-]*", value)


@PURE
@given(query_text)
def test_cleaned_text_is_bounded_printable_and_single_spaced(raw):
    text = clean_text(raw)
    assert len(text) <= MAX_TEXT_LENGTH
    assert text == text.strip() and "  " not in text
    assert not any(unicodedata.category(c)[0] in "CZ" and c != " " for c in text)
    assert clean_text(text) == text


@st.composite
def queries(draw):
    filters = {}
    for name in draw(st.lists(st.sampled_from(sorted(FACETS)), unique=True, max_size=4)):
        allowed = FACETS[name] or ("kertas", "alat-tulis", "subah", "bandar", "x1")
        filters[name] = tuple(
            draw(st.lists(st.sampled_from(allowed), min_size=1, max_size=3, unique=True))
        )
    page_size = draw(st.integers(1, 100))
    return SearchQuery(
        text=clean_text(draw(query_text)),
        filters=filters,
        sort=draw(st.sampled_from(SORTS)),
        page=draw(st.integers(1, 10_000 // page_size + 1)),
        page_size=page_size,
    )


@PURE
@given(queries())
def test_a_query_round_trips_through_its_url_parameters(query):
    params = query.to_params()
    assert from_params_or_error(params_dict(params)) == query


def params_dict(params):
    out: dict[str, list[str]] = {}
    for name, value in params:
        out.setdefault(name, []).append(value)
    return out


# --- the text parser -------------------------------------------------------------------------

TOKEN = re.compile(r"[a-z0-9]+")


@PURE
@given(query_text)
@example('"kertas" -"hvs" NEAR(a b) col:kertas* ^x')
@example("-dan -kertas")
@example("dan yang di")
def test_parsed_terms_are_folded_plain_tokens(raw):
    text = clean_text(raw)
    parsed = search_text.parse_query(text)
    assert len([g for g in parsed.groups if not g.negated]) <= search_text.MAX_QUERY_TOKENS + 60
    for group in parsed.groups:
        assert group.original and len(group.original) <= search_text.MAX_PHRASE_TOKENS
        assert group.alternatives[0] == group.original
        for alternative in group.alternatives:
            for word in alternative:
                # Only lowercase ASCII letters and digits reach an engine: no quotes, operators,
                # column filters, wildcards or NUL bytes.
                assert TOKEN.fullmatch(word), word
    if parsed.groups:
        assert not all(g.negated for g in parsed.groups)
    # Every word the buyer typed is either a group word or something the parser drops on
    # purpose (stopwords, numbers beside words, quote/operator characters).
    words = set(search_text.tokenize(text))
    for group in parsed.groups:
        assert set(group.original) <= words


@PURE
@given(any_text)
def test_index_terms_are_tokens_and_marked_stems(raw):
    for term in search_text.index_terms(raw).split():
        assert TOKEN.fullmatch(term)
        if term.endswith(search_text.STEM_MARK) and term[:-1].isalpha():
            assert search_text.stem(term[:-1]) == term[:-1] or term[:-1]


@PURE
@given(any_text, any_text)
def test_highlighting_escapes_everything_but_our_marks(text, query):
    exact, stems = search_text.parse_query(clean_text(query)).highlight_terms()
    out = search_text.highlight(text, exact, stems, max_chars=80)
    stripped = out.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped


# --- the real endpoints on the configured database -------------------------------------------


@pytest.fixture
def stocked(db, settings):
    settings.SEARCH_TIE_BREAK_DATE = "2026-02-11"
    vendor = VendorFactory(name="CV Kertas Jaya", kecamatan=kecamatan("Subah"))
    for i, name in enumerate(["Kertas HVS A4", "Nasi kotak ayam", "Pulpen tebal", "Map plastik",
                              "Kemeja batik tulis", "Sewa tenda 50 orang"]):  # fmt: skip
        ProductFactory(name=name, vendor=vendor, price=10_000 * (i + 1) ** 3,
                       description=f"{name} untuk kantor dan sekolah")  # fmt: skip
    get_backend().rebuild()


def assert_ok_or_field_error(response, sent):
    assert response.status_code in (200, 400), (response.status_code, sent)
    data = response.json()
    if response.status_code == 400:
        assert data["errors"], data
        for name in data["errors"]:
            assert name[:50] in {k[:50] for k in sent}, (name, sent)
    else:
        assert isinstance(data["total"], int) and isinstance(data["results"], list)
    return data


@DB
@given(q=query_text)
@example(q='"kertas')
@example(q="kertas NEAR(a b, 2)")
@example(q="NOT AND OR")
@example(q="kertas* ^hvs col:x")
@example(q="a4 & !b | c <-> d:*")
@example(q="\x00kertas\x00")
@example(q="-kertas")
@example(q="k" * 5000)
def test_any_text_searches_on_this_database(client, stocked, q):
    response = client.get("/api/v1/search/", {"q": q})
    data = assert_ok_or_field_error(response, {"q"})
    assert response.status_code == 200, data
    suggest = client.get("/api/v1/search/suggest/", {"q": q})
    assert suggest.status_code == 200


@DB
@given(params)
@example({"format": "0"})  # DRF answered 404 "Data tidak ditemukan."; now 400 naming format
@example({"page": "999999"})
@example({"page": "0", "page_size": "0"})
@example({"price": ["lt50k", "nope"], "sort": "harga"})
@example({"facets": "price,,x"})
@example({"category": ["a"] * 31})
@example({"koperasi": "YA", "verified": "true"})
def test_any_filters_give_results_or_a_400_naming_the_field(client, stocked, data):
    data = {k: v for k, v in data.items() if "\x00" not in k}  # not sendable in a URL by Django
    response = client.get("/api/v1/search/", data)
    assert_ok_or_field_error(response, data)


@DB
@given(query_text, params)
def test_the_search_page_never_fails(client, stocked, q, data):
    data = {k: v for k, v in data.items() if "\x00" not in k}
    response = client.get("/cari/", {**data, "q": q})
    assert response.status_code in (200, 400), response.status_code


WORDS = ["kertas", "kemeja", "batik", "nasi", "kotak", "meja", "pengadaan", "perlengkapan",
         "sepatu", "makanan", "cetakan", "tenda", "sewa", "pertanian", "a4", "hvs", "70", "gsm",
         "dan", "untuk", "berkualitas", "penyewaan", "kursi", "lipat"]  # fmt: skip
name_words = st.lists(
    st.sampled_from(WORDS) | st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10),
    min_size=1,
    max_size=4,
)


@DB
@given(words=name_words, case=st.sampled_from([str, str.upper, str.title]))
def test_a_product_is_found_by_its_own_name(client, stocked, words, case):
    from search.text import STOPWORDS

    name = case(" ".join(words))
    with rolled_back():
        product = ProductFactory(name=name, description="", vendor=VendorFactory())
        get_backend().rebuild()
        response = client.get("/api/v1/search/", {"q": name, "page_size": 100})
        assert response.status_code == 200
        ids = [r["id"] for r in response.json()["results"]]
        if any(w not in STOPWORDS for w in words):
            assert product.pk in ids, (name, response.json()["no_good_match"])
