"""The one query model every search backend understands, and the result every backend returns.

`SearchQuery.from_params(request.GET)` validates what a buyer (or a script) sent; anything that
cannot be used raises `SearchQueryError` naming the field, which the API turns into a 400 and the
page into a form error. Odd characters in the text are not errors: they are treated as plain text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_TEXT_LENGTH = 200
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_OFFSET = 10_000
MAX_VALUES_PER_FILTER = 30
MAX_VALUE_LENGTH = 120

SORTS = ("relevance", "price_asc", "price_desc", "newest")

# Facet name -> allowed values (None: values checked against the database by the backend, e.g.
# category slugs or kecamatan slugs; unknown values there simply match nothing).
TKDN_BANDS = ("40plus", "25plus", "under25", "none")
PRICE_BUCKETS = ("lt50k", "50k-250k", "250k-1m", "1m-10m", "gt10m")
BOOLEAN_VALUES = ("1", "0")
SCALES = ("mikro", "kecil", "menengah", "besar")

FACETS: dict[str, tuple[str, ...] | None] = {
    "category": None,
    "kecamatan": None,
    "scale": SCALES,
    "koperasi": BOOLEAN_VALUES,
    "pdn": BOOLEAN_VALUES,
    "tkdn": TKDN_BANDS,
    "verified": BOOLEAN_VALUES,
    "price": PRICE_BUCKETS,
    "link": BOOLEAN_VALUES,
}
FACET_NAMES = tuple(FACETS)

_BOOLEAN_ALIASES = {"true": "1", "ya": "1", "yes": "1", "false": "0", "tidak": "0", "no": "0"}
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Parameters a browser or a client library may add that are not search input.
_IGNORED_PARAMS = {"format", "csrfmiddlewaretoken", "_", "htmx"}


class SearchQueryError(ValueError):
    """Input that cannot be searched. `errors` maps a field name to a list of messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))


def clean_text(raw: str) -> str:
    """Strip control characters (null bytes included), collapse spaces, cap the length."""
    raw = raw[: MAX_TEXT_LENGTH * 4]
    chars = [" " if unicodedata.category(c)[0] in ("C", "Z") else c for c in raw]
    text = re.sub(r"\s+", " ", "".join(chars)).strip()
    return text[:MAX_TEXT_LENGTH].strip()


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    facets: tuple[str, ...] = FACET_NAMES
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @classmethod
    def from_params(cls, params) -> SearchQuery:
        """Build a query from a QueryDict (or a plain dict of str / list values)."""
        errors: dict[str, list[str]] = {}

        def getlist(name):
            if hasattr(params, "getlist"):
                return params.getlist(name)
            value = params.get(name)
            if value is None:
                return []
            return list(value) if isinstance(value, list | tuple) else [value]

        def getone(name):
            values = getlist(name)
            return values[-1] if values else None

        known = {"q", "sort", "page", "page_size", "facets", *FACET_NAMES, *_IGNORED_PARAMS}
        unknown = sorted(k for k in params if k not in known)
        for name in unknown[:5]:
            errors[name[:50]] = [_("Parameter atau filter tidak dikenal.")]

        text = clean_text(getone("q") or "")

        filters: dict[str, tuple[str, ...]] = {}
        for name, allowed in FACETS.items():
            values: list[str] = []
            for raw in getlist(name):
                values.extend(v.strip() for v in str(raw).split(",") if v.strip())
            if not values:
                continue
            if len(values) > MAX_VALUES_PER_FILTER:
                errors[name] = [
                    _("Terlalu banyak nilai filter (paling banyak %(n)s).")
                    % {"n": MAX_VALUES_PER_FILTER}
                ]
                continue
            cleaned = []
            for value in values:
                value = value.lower()
                if allowed is BOOLEAN_VALUES:
                    value = _BOOLEAN_ALIASES.get(value, value)
                if allowed is not None and value not in allowed:
                    errors[name] = [
                        _("Nilai “%(value)s” tidak dikenal. Pilihan: %(choices)s.")
                        % {"value": value[:MAX_VALUE_LENGTH], "choices": ", ".join(allowed)}
                    ]
                    break
                if allowed is None and (len(value) > MAX_VALUE_LENGTH or not _SLUG_RE.match(value)):
                    errors[name] = [_("Nilai filter tidak valid.")]
                    break
                if value not in cleaned:
                    cleaned.append(value)
            else:
                filters[name] = tuple(cleaned)

        facets = FACET_NAMES
        raw_facets = getlist("facets")
        if raw_facets:
            requested = [v.strip() for raw in raw_facets for v in str(raw).split(",")]
            requested = [v for v in requested if v]
            if requested in (["none"], ["-"]):
                facets = ()
            else:
                bad = [v for v in requested if v not in FACETS]
                if bad:
                    errors["facets"] = [
                        _("Facet tidak dikenal: %(names)s. Pilihan: %(choices)s.")
                        % {
                            "names": ", ".join(b[:40] for b in bad[:3]),
                            "choices": ", ".join(FACETS),
                        }
                    ]
                else:
                    facets = tuple(dict.fromkeys(requested))

        sort = (getone("sort") or "relevance").strip() or "relevance"
        if sort not in SORTS:
            errors["sort"] = [
                _("Urutan tidak dikenal. Pilihan: %(choices)s.") % {"choices": ", ".join(SORTS)}
            ]

        page = _int_param(getone("page"), "page", 1, errors)
        page_size = _int_param(getone("page_size"), "page_size", DEFAULT_PAGE_SIZE, errors)
        if "page" not in errors and page < 1:
            errors["page"] = [_("Halaman harus bilangan bulat mulai dari 1.")]
        if "page_size" not in errors and not 1 <= page_size <= MAX_PAGE_SIZE:
            errors["page_size"] = [
                _("Jumlah hasil per halaman harus antara 1 dan %(n)s.") % {"n": MAX_PAGE_SIZE}
            ]
        if not errors.keys() & {"page", "page_size"} and (page - 1) * page_size > MAX_OFFSET:
            errors["page"] = [
                _("Halaman terlalu jauh: persempit pencarian dengan kata kunci atau filter.")
            ]

        if errors:
            raise SearchQueryError(errors)
        return cls(
            text=text, filters=filters, facets=facets, sort=sort, page=page, page_size=page_size
        )

    def to_params(self, **changes) -> list[tuple[str, str]]:
        """URL parameters for this query (with `changes`), for links that keep the filters."""
        data = {
            "q": self.text,
            "sort": self.sort,
            "page": self.page,
            "page_size": self.page_size,
            **changes,
        }
        filters = changes.pop("filters", None) or self.filters
        params = []
        if data["q"]:
            params.append(("q", data["q"]))
        for name, values in filters.items():
            params.extend((name, v) for v in values)
        if data["sort"] != "relevance":
            params.append(("sort", data["sort"]))
        if data["page_size"] != DEFAULT_PAGE_SIZE:
            params.append(("page_size", str(data["page_size"])))
        if int(data["page"]) != 1:
            params.append(("page", str(data["page"])))
        return params


def _int_param(raw, name, default, errors) -> int:
    if raw is None or str(raw).strip() == "":
        return default
    raw = str(raw).strip()
    if not re.fullmatch(r"[0-9]{1,7}", raw):
        errors[name] = [_("Harus berupa bilangan bulat positif.")]
        return default
    return int(raw)


@dataclass
class Hit:
    id: int
    score: float
    highlight: str = ""  # safe HTML: escaped text with <mark> around matched words
    name_highlight: str = ""  # the product name, escaped, matched words marked


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    parent: str | None = None  # for the category tree: the parent's value

    def as_dict(self) -> dict:
        data = {
            "value": self.value,
            "label": self.label,
            "count": self.count,
            "selected": self.selected,
        }
        if self.parent is not None:
            data["parent"] = self.parent
        return data


@dataclass
class SearchResult:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    took_ms: float = 0.0
    backend: str = ""
    # True when nothing matched well: `hits` is then empty and `suggestions` say what to try.
    no_good_match: bool = False
    did_you_mean: str = ""
    # {"did_you_mean": str, "related_categories": [{"value", "label", "count"}]}
    suggestions: dict = field(default_factory=dict)
    query: SearchQuery | None = None

    @property
    def weak(self) -> bool:
        return self.no_good_match

    @property
    def ids(self) -> list[int]:
        return [h.id for h in self.hits]

    def facets_as_dict(self) -> dict[str, list[dict]]:
        return {name: [v.as_dict() for v in values] for name, values in self.facets.items()}
