"""Indonesian analysis for Elasticsearch, built from the lists the database backend uses.

Pure functions: the synonym rows (phrase, expansions, two_way) come in as data, so the same
rows that feed `search.text.build_synonym_map` (the Synonym table, seeded from
search/data/synonyms.txt) feed the `synonym_graph` filter here, and the stemmer's protected
words come from `search.text.PROTECTED_STEMS`.

Analyzers:
- `id_index` / `id_search`: lowercase, asciifolding, (synonyms at search time only), the shared
  stopword list, keyword_marker + stemmer_override from the protected words, then Lucene's
  Indonesian stemmer. Used by the main text fields.
- `id_exact_index` / `id_exact_search`: the same without stemming, for the `.exact` subfields
  that are boosted over the stemmed ones (an exact word beats a stem-only match).
- `id_plain`: lowercase and asciifolding only, for the `search_as_you_type` subfield that
  suggestions match by prefix (it builds its own shingles and edge n-grams of the last word).

`synonym_graph` is a search-time filter (graph filters cannot be indexed), so synonyms change
what a query finds without reindexing the documents; the filter lives in the index settings,
so an edited synonym list reaches Elasticsearch at the next `search_index rebuild`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ... import text as textmod

SynonymRow = tuple[str, list[str], bool]


def _norm(phrase: str) -> str:
    """A synonym term as the analyzer sees it before the synonym filter (folded words)."""
    return " ".join(textmod.tokenize(phrase))


def synonym_rules(rows: Iterable[SynonymRow]) -> list[str]:
    """Solr-format rules for `synonym_graph`, with the database backend's semantics.

    Two-way rows become `a, b, c` (each finds the others). One-way rows become
    `a => a, b, c`: the phrase keeps matching itself and also finds its expansions, as
    `build_synonym_map` does (a bare `a => b` would replace `a`).
    """
    rules: list[str] = []
    seen: set[str] = set()
    for phrase, expansions, two_way in rows:
        head = _norm(phrase)
        terms = [t for t in (_norm(e) for e in expansions) if t and t != head]
        if not head or not terms:
            continue
        terms = list(dict.fromkeys(terms))
        rule = ", ".join([head, *terms]) if two_way else f"{head} => {', '.join([head, *terms])}"
        if rule not in seen:
            seen.add(rule)
            rules.append(rule)
    return rules


def protected_words(protected: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """(keyword_marker words, stemmer_override rules) from the shared protected-stem list.

    Words whose protected stem is the word itself are simply kept from the stemmer
    (kemeja stays kemeja, never meja); the others get their stem spelled out
    (pertanian => tani) so both engines agree on the stem.
    """
    protected = textmod.PROTECTED_STEMS if protected is None else protected
    keep = sorted(w for w, s in protected.items() if w == s)
    override = sorted(f"{w} => {s}" for w, s in protected.items() if w != s)
    return keep, override


def build_analysis(
    synonym_rows: Iterable[SynonymRow],
    *,
    stopwords: Iterable[str] | None = None,
    protected: dict[str, str] | None = None,
) -> dict:
    """The `settings.analysis` block of the product and vendor indices."""
    keep, override = protected_words(protected)
    stops = sorted(textmod.STOPWORDS if stopwords is None else stopwords)
    rules = synonym_rules(synonym_rows)
    index_chain = ["lowercase", "asciifolding", "id_stop", "id_keywords", "id_override", "id_stem"]
    search_chain = [
        "lowercase",
        "asciifolding",
        "id_synonyms",
        "id_stop",
        "id_keywords",
        "id_override",
        "id_stem",
    ]
    return {
        "filter": {
            "id_stop": {"type": "stop", "stopwords": stops},
            "id_keywords": {"type": "keyword_marker", "keywords": keep},
            "id_override": {"type": "stemmer_override", "rules": override},
            "id_stem": {"type": "stemmer", "language": "indonesian"},
            "id_synonyms": {
                "type": "synonym_graph",
                "synonyms": rules,
                # A rule that stops parsing (a staff typo) is skipped, not a failed rebuild.
                "lenient": True,
            },
        },
        "analyzer": {
            "id_index": {"type": "custom", "tokenizer": "standard", "filter": index_chain},
            "id_search": {"type": "custom", "tokenizer": "standard", "filter": search_chain},
            "id_exact_index": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "id_stop"],
            },
            "id_exact_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "id_synonyms", "id_stop"],
            },
            "id_plain": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            },
        },
        "normalizer": {
            "id_keyword": {"type": "custom", "filter": ["lowercase", "asciifolding"]},
        },
    }
