"""Indonesian text handling shared by every backend."""

from search import text
from search.models import Synonym


def test_folding_lowercases_and_strips_accents():
    assert text.tokenize("Café KERTAS-HVS A4") == ["cafe", "kertas", "hvs", "a4"]


def test_stemming_keeps_words_the_stemmer_would_confuse_apart():
    assert text.stem("kemeja") != text.stem("meja")
    assert text.stem("kerajinan") != text.stem("rajin")
    assert text.stem("kuningan") != text.stem("kuning")
    assert text.stem("pengadaan") == "pengadaan"
    assert text.stem("minuman") == text.stem("minum")


def test_index_terms_hold_exact_words_then_marked_stems_without_stopwords():
    terms = text.index_terms("Nasi kotak untuk rapat dan makanan").split()
    assert "untuk" not in terms and "dan" not in terms
    assert terms[:4] == ["nasi", "kotak", "rapat", "makanan"]
    assert "makan0" in terms


def test_synonym_list_is_seeded_with_the_buyer_vocabulary(db):
    phrases = set(Synonym.objects.values_list("phrase", flat=True))
    assert Synonym.objects.count() >= 60
    assert {"atk", "mamin", "hvs", "banner", "laptop", "ac", "catering"} <= phrases


def test_query_parsing_expands_multiword_synonyms_and_drops_stopwords():
    synonyms = text.build_synonym_map(text.read_synonym_file())
    parsed = text.parse_query("nasi box untuk rapat", synonyms)
    first = parsed.groups[0]
    assert first.original == ("nasi", "box")
    assert ("nasi", "kotak") in first.alternatives
    assert [g.original for g in parsed.groups[1:]] == [("rapat",)]


def test_query_parsing_treats_operators_and_stray_quotes_as_plain_text():
    parsed = text.parse_query('kertas "hvs a4" -kado (spidol* : "')
    originals = [g.original for g in parsed.groups]
    assert ("hvs", "a4") in originals
    assert ("spidol",) in originals
    assert [g.original for g in parsed.negative] == [("kado",)]


def test_highlight_escapes_user_text_and_marks_matches():
    html = text.highlight("<b>Kertas</b> & kertasnya", {"kertas"}, {text.stem("kertas")})
    assert "<b>" not in html
    assert "&lt;b&gt;<mark>Kertas</mark>&lt;/b&gt; &amp;" in html


def test_edit_distance_counts_a_transposition_as_one_edit():
    assert text.edit_distance("kertsa", "kertas") == 1
    assert text.edit_distance("komputr", "komputer") == 1
