"""PostgreSQL: how a text search talks to the database (what is sent, not how fast).

The full-text statements run with the planner settings of search.backends.postgres
(PLANNER_SETTINGS) in the same query string, so the settings cover exactly those statements and
a search needs no BEGIN / SET / COMMIT round trips of its own. Run with
DATABASE_URL=postgres://... (the SQLite backend has no planner settings)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.query import SearchQuery
from search.service import search

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only (the planner settings sent with full-text statements); "
    "runs in the PostgreSQL pass of .ci/run",
)


def setting(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@pytest.fixture
def paper(catalogue):
    vendor = catalogue.vendor(name="UD Maju Jaya", kecamatan="Batang")
    items = [
        catalogue.product("Kertas HVS A4 70 gsm", "kertas", vendor=vendor, price=52_000),
        catalogue.product("Kertas kado motif bunga", "kertas", vendor=vendor, price=4_000),
        catalogue.product("Pulpen gel hitam", "alat-tulis", vendor=vendor, price=3_500),
    ]
    catalogue.index()
    return items


@pytest.mark.django_db(transaction=True)
def test_text_search_sends_no_transaction_statements_and_leaves_settings_as_they_were(paper):
    before = {name: setting(name) for name in ("enable_seqscan", "jit")}
    with CaptureQueriesContext(connection) as ctx:
        result = search(SearchQuery(text="kertas", filters={"kecamatan": ("batang",)}))
    assert result.total == 2
    assert {h.id for h in result.hits} == {paper[0].id, paper[1].id}
    sql = [q["sql"] for q in ctx.captured_queries]
    assert not [s for s in sql if s.split()[0].upper() in ("BEGIN", "COMMIT", "SAVEPOINT")]
    on_index = [s for s in sql if "search_productsearchdoc" in s]
    assert len(on_index) == 2  # total + facets, then the page of hits
    assert all(s.startswith("SET LOCAL enable_seqscan = off;") for s in on_index)
    # SET LOCAL ended with each statement's implicit transaction.
    assert {name: setting(name) for name in before} == before


@pytest.mark.django_db(transaction=True)
def test_planner_settings_apply_to_the_statement_they_travel_with(search_backend):
    parsed = object()  # any parsed text: the settings are for full-text statements
    rows = search_backend._select(
        "SELECT current_setting('enable_seqscan'), current_setting('jit'), %s", ["x"], parsed
    )
    assert rows == [("off", "off", "x")]
    assert setting("enable_seqscan") == "on"
    # Browsing without words keeps the planner's defaults.
    assert search_backend._select("SELECT current_setting('enable_seqscan')", [], None) == [("on",)]


def test_browse_and_text_search_agree_on_totals_inside_a_transaction(paper):
    # The `db` fixture wraps the test in a transaction: SET LOCAL then lasts until its end,
    # as before; results are the same either way.
    assert search(SearchQuery(text="kertas")).total == 2
    assert search(SearchQuery(filters={"category": ("kertas",)})).total == 2
    assert search(SearchQuery(text="pulpen")).total == 1
