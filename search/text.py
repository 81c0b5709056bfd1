"""Indonesian text handling shared by every backend: folding, tokens, stems, stopwords, synonyms,
query parsing and highlighting.

Index layout. Every indexed field is a string of our own tokens: first the exact (folded) words,
then each word's Snowball stem with a "0" marker ("kemeja" -> "kemeja ... meja0"). A query word
`w` with stem `s` matches `w OR s0`, so a document holding the exact word matches twice and a
stem-only document once: exact words outrank stem-only matches on every engine, and the stemmer's
over-eager conflations (kemeja -> meja) can never make "meja" hit a shirt as an exact match.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer

STEM_MARK = "0"
SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "synonyms.txt"
MAX_QUERY_TOKENS = 12
MAX_PHRASE_TOKENS = 4

STOPWORDS = frozenset(
    [
        "dan", "di", "ke", "dari", "untuk", "yang", "dengan", "atau", "pada", "dalam", "oleh",
        "ini",
        "itu", "juga", "akan", "ada", "adalah", "sebagai", "serta", "bagi", "para", "per",
        "tersebut", "karena", "agar", "bisa", "dapat", "kami", "kita", "saya", "anda", "nya", "pun",
        "lah", "kah", "tah", "sudah", "telah", "belum", "masih", "hanya", "lebih", "sangat",
        "setiap", "secara", "yaitu", "yakni", "tiap", "buat",
    ]
)  # fmt: skip

# Words the Indonesian Snowball stemmer mangles into an unrelated word. They keep their own
# form as stem (or the stem given here).
PROTECTED_STEMS: dict[str, str] = {
    "kemeja": "kemeja",
    "kerajinan": "kerajinan",
    "pengrajin": "pengrajin",
    "perajin": "perajin",
    "kuningan": "kuningan",
    "pengadaan": "pengadaan",
    "perumahan": "perumahan",
    "pertanian": "tani",
    "peternakan": "ternak",
    "perikanan": "ikan",
    "kesehatan": "sehat",
    "pendidikan": "didik",
    "cetakan": "cetak",
    "percetakan": "cetak",
    "pelatihan": "latih",
    "pakaian": "pakaian",
    "bangunan": "bangun",
    "makanan": "makan",
    "minuman": "minum",
    "kemasan": "kemas",
    "kotak": "kotak",
    "kantor": "kantor",
    "peralatan": "alat",
    "perlengkapan": "lengkap",
    "batang": "batang",
    "bandar": "bandar",
    "tulis": "tulis",
    "kertas": "kertas",
    "sekolah": "sekolah",
    "perkantoran": "kantor",
    "persewaan": "sewa",
    "penyewaan": "sewa",
    "pemasangan": "pasang",
    "kepala": "kepala",
    "kelapa": "kelapa",
    "pepaya": "pepaya",
    "keripik": "keripik",
    "kerupuk": "kerupuk",
    "kecamatan": "kecamatan",
    "ketering": "katering",
    "sepatu": "sepatu",
    "selimut": "selimut",
    "setelan": "setelan",
    "tenda": "tenda",
    "terop": "terop",
    "mesin": "mesin",
    "tinta": "tinta",
    "lemari": "lemari",
}

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_stemmer = snowballstemmer.stemmer("indonesian")


def fold(text: str) -> str:
    """Lowercase and strip accents ("Café" -> "cafe")."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def tokenize(text: str) -> list[str]:
    """Folded words of `text`, letters and digits only ("Kertas HVS-A4" -> kertas, hvs, a4)."""
    return _TOKEN_RE.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball Indonesian stem, except for protected words and digits-bearing tokens."""
    if word in PROTECTED_STEMS:
        return PROTECTED_STEMS[word]
    if len(word) < 4 or not word.isalpha():
        return word
    return _stemmer.stemWord(word)


def stem_token(word: str) -> str | None:
    """The marked stem token for an alphabetic word, or None for numbers and codes."""
    if not word.isalpha():
        return None
    return stem(word) + STEM_MARK


def index_terms(text: str) -> str:
    """The token string stored for one field: exact words, then marked stems."""
    words = [w for w in tokenize(text) if w not in STOPWORDS]
    stems = [s for s in (stem_token(w) for w in words) if s]
    return " ".join(words + stems)


def vocabulary_words(text: str) -> set[str]:
    """Exact words worth offering as corrections and completions."""
    return {w for w in tokenize(text) if w not in STOPWORDS and len(w) >= 2 and len(w) <= 40}


# ---------------------------------------------------------------------------------------------
# Synonyms: one list (search/data/synonyms.txt seeds the Synonym table; staff edit it there).


def parse_synonym_line(line: str) -> tuple[str, list[str], bool] | None:
    """`a, b, c` (two-way) or `a => b, c` (one-way) -> (phrase, expansions, two_way)."""
    line = line.split("#", 1)[0].strip()
    if not line:
        return None
    if "=>" in line:
        left, right = line.split("=>", 1)
        expansions = [p.strip() for p in right.split(",") if p.strip()]
        return left.strip(), expansions, False
    parts = [p.strip() for p in line.split(",") if p.strip()]
    if len(parts) < 2:
        return None
    return parts[0], parts[1:], True


def read_synonym_file(path: Path = SYNONYMS_FILE) -> list[tuple[str, list[str], bool]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parsed = parse_synonym_line(line)
        if parsed:
            rows.append(parsed)
    return rows


Phrase = tuple[str, ...]


def build_synonym_map(rows) -> dict[Phrase, list[Phrase]]:
    """phrase tokens -> alternative phrases (without stopwords, folded)."""

    def key(text: str) -> Phrase:
        return tuple(w for w in tokenize(text) if w not in STOPWORDS)[:MAX_PHRASE_TOKENS]

    mapping: dict[Phrase, list[Phrase]] = {}

    def add(src: Phrase, dst: Phrase):
        if src and dst and src != dst:
            alts = mapping.setdefault(src, [])
            if dst not in alts:
                alts.append(dst)

    for phrase, expansions, two_way in rows:
        members = [key(phrase)] + [key(e) for e in expansions]
        if two_way:
            for a in members:
                for b in members:
                    add(a, b)
        else:
            for b in members[1:]:
                add(members[0], b)
    return mapping


# ---------------------------------------------------------------------------------------------
# Query parsing (websearch-like: "exact phrase", -exclude, everything else plain words).


@dataclass
class Group:
    """One thing the buyer asked for: a word or phrase and its acceptable alternatives."""

    original: Phrase
    alternatives: list[Phrase] = field(default_factory=list)  # original first
    negated: bool = False
    corrected: list[str] = field(default_factory=list)  # typo corrections added
    unknown: bool = False  # no indexed word matches it, even after correction

    @property
    def is_single_word(self) -> bool:
        return len(self.original) == 1


@dataclass
class ParsedQuery:
    groups: list[Group]
    text: str

    @property
    def positive(self) -> list[Group]:
        return [g for g in self.groups if not g.negated]

    @property
    def negative(self) -> list[Group]:
        return [g for g in self.groups if g.negated]

    def highlight_terms(self) -> tuple[set[str], set[str]]:
        """(exact words, stems) whose occurrences are highlighted."""
        exact: set[str] = set()
        for group in self.positive:
            for alt in group.alternatives:
                exact.update(alt)
        stems = {stem(w) for w in exact if w.isalpha()}
        return exact, stems

    def corrected_text(self) -> str:
        """The query with typo corrections applied (for did-you-mean), or ""."""
        if not any(g.corrected for g in self.groups):
            return ""
        words = []
        for g in self.groups:
            words.append(
                ("-" if g.negated else "")
                + (g.corrected[0] if g.corrected else " ".join(g.original))
            )
        return " ".join(words)


_QUOTED_RE = re.compile(r'"([^"]*)"')


def parse_query(text: str, synonyms: dict[Phrase, list[Phrase]] | None = None) -> ParsedQuery:
    """Split the buyer's text into groups. Never fails: odd characters are plain separators."""
    synonyms = synonyms or {}
    folded = fold(text)
    groups: list[Group] = []

    # Quoted phrases (balanced pairs only; a stray quote is just a separator).
    def take_phrase(match):
        words = tuple(w for w in _TOKEN_RE.findall(match.group(1)) if w not in STOPWORDS)
        if words:
            groups.append(
                Group(original=words[:MAX_PHRASE_TOKENS], alternatives=[words[:MAX_PHRASE_TOKENS]])
            )
        return " "

    rest = _QUOTED_RE.sub(take_phrase, folded)

    positive: list[str] = []
    for raw in rest.split():
        negated = raw.startswith("-") and len(raw) > 1
        words = _TOKEN_RE.findall(raw)
        if negated and len(words) == 1 and words[0] not in STOPWORDS:
            groups.append(Group(original=(words[0],), alternatives=[(words[0],)], negated=True))
            continue
        positive.extend(words)

    # Quantities ("50 orang") say how much, not what: numbers alone are not required words.
    content = [w for w in positive if w not in STOPWORDS and not w.isdigit()]
    content = content or [w for w in positive if w not in STOPWORDS] or positive
    content = content[:MAX_QUERY_TOKENS]

    i = 0
    while i < len(content):
        for size in range(min(MAX_PHRASE_TOKENS, len(content) - i), 0, -1):
            span = tuple(content[i : i + size])
            if span in synonyms or size == 1:
                alternatives = [span] + [a for a in synonyms.get(span, []) if a != span]
                groups.append(Group(original=span, alternatives=alternatives))
                i += size
                break
    # A query made only of exclusions finds nothing useful; treat them as words instead.
    if groups and all(g.negated for g in groups):
        for g in groups:
            g.negated = False
    return ParsedQuery(groups=groups, text=text)


# ---------------------------------------------------------------------------------------------
# Highlighting (our own markup around escaped user-visible text).

_WORD_SPLIT_RE = re.compile(r"(\w+)", re.UNICODE)


def highlight(text: str, exact: set[str], stems: set[str], max_chars: int | None = None) -> str:
    """Escaped `text` with <mark> around words matching the query (exact or same stem).

    With `max_chars`, a window of that size around the first match (with ellipses).
    """
    if not text:
        return ""
    if max_chars and len(text) > max_chars:
        start = 0
        for m in _WORD_SPLIT_RE.finditer(text):
            if _matches(m.group(1), exact, stems):
                start = max(0, m.start() - max_chars // 4)
                break
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < start + 20 else start
        end = min(len(text), start + max_chars)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start + max_chars // 2 else end
        snippet = text[start:end]
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(text) else ""
    else:
        snippet, prefix, suffix = text, "", ""
    parts = []
    for i, piece in enumerate(_WORD_SPLIT_RE.split(snippet)):
        if i % 2 == 1 and _matches(piece, exact, stems):
            parts.append(f"<mark>{html.escape(piece)}</mark>")
        else:
            parts.append(html.escape(piece))
    return html.escape(prefix) + "".join(parts) + html.escape(suffix)


def _matches(word: str, exact: set[str], stems: set[str]) -> bool:
    return any(w in exact or w.isalpha() and stem(w) in stems for w in tokenize(word))


# ---------------------------------------------------------------------------------------------
# Typo tolerance helpers (Python side; PostgreSQL uses pg_trgm instead).


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm-style trigram similarity."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def max_edits(word: str) -> int:
    # Two edits on a 7-letter word turn "pesawat" into "pesanan": only long words get two.
    return 1 if len(word) <= 8 else 2
