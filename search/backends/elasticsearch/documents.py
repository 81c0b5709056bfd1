"""The Elasticsearch documents: one per public product (vendor and category denormalised, so a
query and its facets never join) and one per vendor. Index names carry `ES_INDEX_PREFIX`
(dev_, test_, staging_, prod_...) so environments sharing a cluster never collide.

Documents are described with elasticsearch-dsl (shipped inside the 8.x client); the analyzers
they name are defined by `analysis.build_analysis` in the index settings.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Float,
    Integer,
    Keyword,
    Long,
    MetaField,
    SearchAsYouType,
    Text,
)

from ... import text as textmod

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
PRODUCT_ALIAS = "products"
VENDOR_ALIAS = "vendors"


def _text(*, suggest: bool = False, copy_to: str | None = "spell") -> Text:
    """A stemmed Indonesian text field with an unstemmed `.exact` subfield (boosted higher)."""
    fields = {"exact": Text(analyzer="id_exact_index", search_analyzer="id_exact_search")}
    if suggest:
        fields["suggest"] = SearchAsYouType(analyzer="id_plain", max_shingle_size=3)
    kwargs = {"copy_to": copy_to} if copy_to else {}
    return Text(analyzer="id_index", search_analyzer="id_search", fields=fields, **kwargs)


class ProductDocument(Document):
    id = Long()
    vendor_id = Long()
    # Matched text. `name` also keeps the display name for highlighting.
    name = _text(suggest=True)
    brand = _text()
    category_text = _text()  # names and keywords of the category and its ancestors
    keywords = _text()
    description = _text()
    vendor_text = _text()  # vendor name and kecamatan name
    # Unstemmed words of all the above: the term suggester's vocabulary (did-you-mean).
    spell = Text(analyzer="id_exact_index")
    # Distinct folded words (completions: a terms aggregation over a prefix).
    words = Keyword()

    # Denormalised vendor and category fields (filters, facets, display).
    vendor_name = Keyword(normalizer="id_keyword")
    kecamatan_id = Integer()
    kecamatan = Keyword()  # slug
    kecamatan_name = Keyword()
    scale = Keyword()
    is_koperasi = Boolean()
    verified = Boolean()
    category_id = Long()
    category_path = Keyword()  # materialised path: a prefix query selects a subtree

    # Product facets and ranking signals.
    is_pdn = Boolean()
    tkdn_band = Keyword()
    price_bucket = Keyword()
    has_link = Boolean()
    complete = Boolean()  # description long enough to judge the product
    price = Long()
    boost = Float()
    listed_at = Date()
    updated_at = Date()  # max(product, vendor) updated_at, for people reading the index
    updated_us = Long()  # the same in microseconds: what `check` compares (Date keeps ms)

    class Meta:
        dynamic = MetaField("strict")  # a field we forgot to map is an error, not a guess


class VendorDocument(Document):
    id = Long()
    name = _text(suggest=True, copy_to=None)
    slug = Keyword()
    legal_form = Keyword()
    scale = Keyword()
    is_koperasi = Boolean()
    verified = Boolean()
    status = Keyword()
    kecamatan_id = Integer()
    kecamatan = Keyword()
    kecamatan_name = Keyword()
    products = Integer()  # public products
    updated_at = Date()

    class Meta:
        dynamic = MetaField("strict")  # a field we forgot to map is an error, not a guess


def alias_name(kind: str = PRODUCT_ALIAS, prefix: str | None = None) -> str:
    """The alias queries use, e.g. `prod_products`."""
    prefix = settings.ES_INDEX_PREFIX if prefix is None else prefix
    return f"{prefix}{kind}"


def product_source(row: dict, doc: dict, *, category_text: str, kecamatan: tuple[str, str]) -> dict:
    """The `_source` of a product document.

    `row` is the catalogue row (`search.indexing` fields), `doc` the database index row built
    from it by `search.indexing` (so facet values, links and the boost are decided in one place
    for every engine), `category_text` the names and keywords of the category chain and
    `kecamatan` the vendor's (slug, name).
    """
    kec_slug, kec_name = kecamatan
    vendor_text = f"{row['vendor__name']} {kec_name}".strip()
    return {
        "id": doc["product_id"],
        "vendor_id": doc["vendor_id"],
        "name": row["name"],
        "brand": row.get("brand") or "",
        "category_text": category_text,
        "keywords": row.get("keywords") or "",
        "description": doc["description"],
        "vendor_text": vendor_text,
        "words": words_of(
            row["name"],
            row.get("brand") or "",
            category_text,
            row.get("keywords") or "",
            doc["description"],
            vendor_text,
        ),  # fmt: skip
        "vendor_name": row["vendor__name"],
        "kecamatan_id": doc["kecamatan_id"],
        "kecamatan": kec_slug,
        "kecamatan_name": kec_name,
        "scale": doc["scale"],
        "is_koperasi": doc["is_koperasi"],
        "verified": doc["verified"],
        "category_id": doc["category_id"],
        "category_path": doc["category_path"],
        "is_pdn": bool(doc["is_pdn"]),
        "tkdn_band": doc["tkdn_band"],
        "price_bucket": doc["price_bucket"],
        "has_link": doc["has_link"],
        "complete": len(doc["description"]) >= 60,
        "price": int(doc["price"]),
        "boost": float(doc["boost"]),
        "listed_at": doc["listed_at"].isoformat(),
        "updated_at": doc["source_updated_at"].isoformat(),
        "updated_us": microseconds(doc["source_updated_at"]),
    }


def microseconds(moment) -> int:
    """A datetime as integer microseconds since the epoch (exact, unlike ES dates)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def words_of(*texts: str) -> list[str]:
    """Distinct folded words (no stopwords) for completions."""
    words: set[str] = set()
    for t in texts:
        words |= textmod.vocabulary_words(t or "")
    return sorted(words)
