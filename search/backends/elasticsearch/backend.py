"""The Elasticsearch backend proper: talks to the cluster and raises `SearchUnavailable` when it
cannot (connection refused, timeout, HTTP 5xx, missing index, shards failing). Falling back to
the database is not done here but in `fallback.FallbackBackend`, the one place that decides.

The query bodies and the index body come from the pure functions in `queries`; this module
runs them, reads the responses into `SearchResult`s and maintains the indices:
- `index`/`delete`: incremental updates from the same task queue as the database backend;
- `rebuild`: a new timestamped index, bulk-loaded in chunks (progress bar on the console),
  then the alias is switched atomically and the old index deleted, so there is never a moment
  without a searchable index;
- `check`: ids and `updated_at` of the index against the database (repair with
  `search_index check --repair`).
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.utils import timezone

from ... import indexing
from ... import text as textmod
from ...models import Synonym
from ...query import Hit, SearchQuery, SearchResult, clean_text
from ..base import IndexStatus, SearchBackend
from ..database import DatabaseBackend, day_number
from . import queries
from .documents import PRODUCT_ALIAS, VENDOR_ALIAS, alias_name, microseconds, product_source

logger = logging.getLogger("search.elasticsearch")

ADMIN_TIMEOUT_SECONDS = 120.0  # bulk loads, index creation, alias switches


class SearchUnavailable(Exception):
    """The cluster cannot answer this request; `cause` says why (for the log and /healthz)."""

    def __init__(self, cause: str):
        self.cause = cause
        super().__init__(cause)


_clients: dict[tuple[str, float], object] = {}


def get_client(url: str | None = None, timeout: float | None = None):
    """One client per (URL, timeout): no retries, and a hard deadline on each request
    (`DeadlineNode`), so a dead or slow node costs one timeout at most."""
    from elasticsearch import Elasticsearch

    from .deadline import DeadlineNode

    url = url if url is not None else settings.ELASTICSEARCH_URL
    timeout = float(timeout if timeout is not None else settings.ES_TIMEOUT_SECONDS)
    if not url:
        raise SearchUnavailable("ELASTICSEARCH_URL is not set")
    key = (url, timeout)
    client = _clients.get(key)
    if client is None:
        client = _clients[key] = Elasticsearch(
            url, request_timeout=timeout, max_retries=0, retry_on_timeout=False,
            node_class=DeadlineNode,
        )  # fmt: skip
    return client


def call(fn, *args, **kwargs):
    """Run one client call; every failure that means "the cluster cannot serve this" becomes
    SearchUnavailable. A 4xx other than a missing index is our bug and is raised as is."""
    from elastic_transport import ConnectionError as TransportConnectionError
    from elastic_transport import ConnectionTimeout, TransportError
    from elasticsearch import ApiError

    try:
        response = fn(*args, **kwargs)
    except ConnectionTimeout as exc:
        raise SearchUnavailable(f"timeout ({_short(exc)})") from exc
    except TransportConnectionError as exc:
        raise SearchUnavailable(f"connection failed ({_short(exc)})") from exc
    except ApiError as exc:
        status = getattr(exc, "status_code", None) or getattr(exc.meta, "status", 0)
        if status >= 500:
            raise SearchUnavailable(f"HTTP {status} ({_short(exc)})") from exc
        if status == 404 and "index_not_found" in str(exc):
            raise SearchUnavailable(
                "index not found: run `manage.py search_index rebuild`"
            ) from exc
        raise
    except TransportError as exc:
        raise SearchUnavailable(f"transport error ({_short(exc)})") from exc
    body = getattr(response, "body", response)
    shards = body.get("_shards") if isinstance(body, dict) else None
    if shards and shards.get("failed"):
        # A red cluster answers with some shards missing: partial results would look like a
        # smaller catalogue, so the request counts as failed.
        raise SearchUnavailable(f"{shards['failed']} of {shards.get('total')} shards failed")
    return body


_CREDENTIALS_RE = re.compile(r"//[^/@\s]+@")


def _short(exc) -> str:
    """The cause for logs and /healthz, without credentials a URL may carry."""
    return _CREDENTIALS_RE.sub("//***@", str(exc) or exc.__class__.__name__)[:200]


class Progress:
    """A console progress bar on stderr (one line per 10% when stderr is not a terminal)."""

    def __init__(self, total: int, label: str, stream=None):
        self.total, self.label, self.done = max(total, 0), label, 0
        self.stream = stream if stream is not None else sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last_decile = -1

    def advance(self, n: int) -> None:
        self.done += n
        pct = 100 if not self.total else min(100, self.done * 100 // self.total)
        if self.tty:
            bar = "#" * (pct // 4) + "." * (25 - pct // 4)
            self.stream.write(f"\r{self.label} [{bar}] {pct:3d}% {self.done}/{self.total}")
            self.stream.flush()
        elif pct // 10 != self._last_decile:
            self._last_decile = pct // 10
            self.stream.write(f"{self.label}: {pct}% ({self.done}/{self.total})\n")

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


def synonym_rows() -> list[tuple[str, list[str], bool]]:
    """The synonym list the database backend uses (the Synonym table)."""
    return [
        (s.phrase, s.expansion_list(), s.two_way)
        for s in Synonym.objects.only("phrase", "expansions", "two_way")
    ]


def category_texts() -> dict[str, str]:
    """category path -> names and keywords of the category and its ancestors (raw text)."""
    from catalog.models import Category

    rows = {r["path"]: r for r in Category.objects.values("path", "name", "keywords")}
    out = {}
    for path in rows:
        parts = path.strip("/").split("/")
        chain = ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
        out[path] = " ".join(
            f"{rows[p]['name']} {rows[p]['keywords'] or ''}".strip() for p in chain if p in rows
        )
    return out


def product_sources(ids: Iterable[int] | None = None, chunk_size: int = 5000) -> Iterator[dict]:
    """`_source` dicts of public products, built on `search.indexing` (one notion of public)."""
    from catalog.models import Product

    cat_text = category_texts()
    kec = indexing.kecamatan_map()
    batch: list[dict] = []

    def flush():
        extra = {
            r["id"]: r
            for r in Product.objects.filter(id__in=[d["product_id"] for d in batch]).values(
                "id", "name", "brand", "keywords", "vendor__name"
            )
        }
        for doc in batch:
            yield product_source(
                extra[doc["product_id"]],
                doc,
                category_text=cat_text.get(doc["category_path"], ""),
                kecamatan=kec.get(doc["kecamatan_id"], ("", "")),
            )

    for doc in indexing.build_documents(ids, chunk_size=chunk_size):
        batch.append(doc)
        if len(batch) >= chunk_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def vendor_sources(vendor_ids: Iterable[int] | None = None) -> Iterator[dict]:
    from django.db.models import Count, Q

    from catalog.models import Product
    from vendors.models import Vendor

    kec = indexing.kecamatan_map()
    qs = Vendor.objects.filter(status__in=indexing.SEARCHABLE_VENDOR_STATUSES)
    if vendor_ids is not None:
        qs = qs.filter(id__in=list(vendor_ids))
    qs = qs.annotate(
        public=Count("products", filter=Q(products__status=Product.Status.PUBLISHED))
    ).values(
        "id", "name", "slug", "legal_form", "scale", "is_koperasi", "status",
        "kecamatan_id", "public", "updated_at",
    )  # fmt: skip
    for v in qs.iterator(chunk_size=2000):
        slug, name = kec.get(v["kecamatan_id"], ("", ""))
        yield {
            "id": v["id"],
            "name": v["name"],
            "slug": v["slug"],
            "legal_form": v["legal_form"],
            "scale": v["scale"],
            "is_koperasi": v["is_koperasi"],
            "verified": v["status"] == "verified",
            "status": v["status"],
            "kecamatan_id": v["kecamatan_id"],
            "kecamatan": slug,
            "kecamatan_name": name,
            "products": v["public"],
            "updated_at": v["updated_at"].isoformat(),
        }


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self):
        # Facet labels, the category tree and the synonym spans are the database backend's
        # own code, reused so both engines present results identically.
        self._shared = DatabaseBackend()

    def label(self) -> str:
        return self.name

    # ------------------------------------------------------------------ plumbing
    @property
    def client(self):
        return get_client()

    def admin(self):
        return self.client.options(request_timeout=ADMIN_TIMEOUT_SECONDS)

    @property
    def alias(self) -> str:
        return alias_name(PRODUCT_ALIAS)

    @property
    def vendor_alias(self) -> str:
        return alias_name(VENDOR_ALIAS)

    def _refresh(self) -> str | bool:
        # Tests and scripts that read their own writes set ES_REFRESH=true; production keeps
        # the near-real-time default (a change is visible within the refresh interval).
        value = str(getattr(settings, "ES_REFRESH", "false")).lower()
        return {"true": True, "wait_for": "wait_for"}.get(value, False)

    # ------------------------------------------------------------------ index maintenance
    def index(self, product_ids: Iterable[int]) -> None:
        ids = sorted({int(i) for i in product_ids})
        if not ids:
            return
        sources = list(product_sources(ids))
        public = {s["id"] for s in sources}
        actions = [
            {"_op_type": "index", "_index": self.alias, "_id": s["id"], "_source": s}
            for s in sources
        ] + [
            {"_op_type": "delete", "_index": self.alias, "_id": pid}
            for pid in ids
            if pid not in public
        ]
        self._bulk(actions)
        vendor_ids = {s["vendor_id"] for s in sources}
        if vendor_ids:
            self._bulk(
                [
                    {"_op_type": "index", "_index": self.vendor_alias, "_id": v["id"], "_source": v}
                    for v in vendor_sources(vendor_ids)
                ]
            )

    def delete(self, product_ids: Iterable[int]) -> None:
        ids = sorted({int(i) for i in product_ids})
        self._bulk([{"_op_type": "delete", "_index": self.alias, "_id": pid} for pid in ids])

    def _bulk(self, actions: list[dict], chunk_size: int = 1000) -> None:
        from elasticsearch import helpers

        if not actions:
            return
        refresh = self._refresh()

        def run():
            errors = []
            for ok, item in helpers.streaming_bulk(
                self.admin(), actions, chunk_size=chunk_size, raise_on_error=False,
                raise_on_exception=True, refresh=refresh,
            ):  # fmt: skip
                if not ok:
                    info = next(iter(item.values()))
                    if not (info.get("status") == 404 and "delete" in item):
                        errors.append(info)
            return errors

        errors = call(run)
        if errors:
            raise SearchUnavailable(f"bulk: {len(errors)} failed, first: {str(errors[0])[:200]}")

    def rebuild(self, chunk_size: int = 5000, progress_stream=None) -> int:
        """Load a new timestamped index, switch the alias to it atomically, drop the old one."""
        from elasticsearch import helpers

        synonyms = synonym_rows()
        shards = int(getattr(settings, "ES_SHARDS", 1))
        replicas = int(getattr(settings, "ES_REPLICAS", 1))
        stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
        total = 0
        for alias, body, sources, expected in (
            (
                self.alias,
                queries.product_index_body(synonyms, shards=shards, replicas=replicas),
                product_sources(chunk_size=chunk_size),
                indexing.public_products().count(),
            ),
            (
                self.vendor_alias,
                queries.vendor_index_body(synonyms, shards=shards, replicas=replicas),
                vendor_sources(),
                None,
            ),
        ):  # fmt: skip
            new = f"{alias}-{stamp}"
            body = {**body, "settings": {**body["settings"], "refresh_interval": "-1"}}
            es = self.admin()
            call(es.indices.create, index=new, settings=body["settings"], mappings=body["mappings"])
            bar = Progress(expected, alias, progress_stream) if expected else None

            def actions(sources=sources, new=new):
                for s in sources:
                    yield {"_op_type": "index", "_index": new, "_id": s["id"], "_source": s}

            def load(es=es, actions=actions, bar=bar):
                n = 0
                for _ok, _item in helpers.streaming_bulk(
                    es, actions(), chunk_size=min(chunk_size, 2000)
                ):
                    n += 1
                    if bar and n % 500 == 0:
                        bar.advance(500)
                if bar:
                    bar.advance(n % 500)
                    bar.close()
                return n

            try:
                count = call(load)
                call(es.indices.put_settings, index=new, settings={"refresh_interval": None})
                call(es.indices.refresh, index=new)
                old = []
                if call(es.indices.exists_alias, name=alias):
                    old = list(call(es.indices.get_alias, name=alias))
            except Exception:
                call(es.indices.delete, index=new, ignore_unavailable=True)
                raise
            old = [i for i in old if i != new]
            # A concrete index that carries the alias's name (created by hand) is in the way.
            legacy = call(es.indices.exists, index=alias) and not old
            if legacy:
                call(es.indices.delete, index=alias)
            call(
                es.indices.update_aliases,
                actions=[{"remove": {"index": i, "alias": alias}} for i in old]
                + [{"add": {"index": new, "alias": alias}}],
            )
            for index in old:
                call(es.indices.delete, index=index, ignore_unavailable=True)
            if alias == self.alias:
                total = count
        return total

    def check(self) -> IndexStatus:
        expected = {
            pid: microseconds(src)
            for pid, src in indexing.public_products()
            .annotate(src=indexing.source_updated_expr())
            .values_list("id", "src")
        }
        indexed: dict[int, int] = {}
        after = None
        while True:
            body = queries.drift_body(after)
            body["docvalue_fields"] = ["updated_us"]
            resp = call(self.client.search, index=self.alias, **body)
            hits = resp["hits"]["hits"]
            for h in hits:
                indexed[int(h["_id"])] = int(h["fields"]["updated_us"][0])
            if len(hits) < body["size"]:
                break
            after = hits[-1]["sort"]
        status = IndexStatus(backend=self.label(), indexed=len(indexed), expected=len(expected))
        status.missing = sorted(expected.keys() - indexed.keys())
        status.extra = sorted(indexed.keys() - expected.keys())
        status.stale = sorted(p for p, v in expected.items() if p in indexed and indexed[p] != v)
        return status

    def health(self) -> dict:
        try:
            info = call(self.client.cluster.health)
            count = call(self.client.count, index=self.alias)["count"]
        except SearchUnavailable as exc:
            return {"ok": False, "backend": self.label(), "error": exc.cause}
        cluster = info.get("status", "unknown")
        return {
            "ok": cluster in ("green", "yellow"),
            "backend": self.label(),
            "cluster": cluster,
            "documents": count,
        }

    # ------------------------------------------------------------------ search
    def plan(self, query: SearchQuery) -> textmod.ParsedQuery | None:
        """The buyer's words grouped as the database backend groups them (synonym spans
        stay together, "quoted phrases", -exclusions); ES expands the synonyms itself."""
        if not query.text:
            return None
        parsed = textmod.parse_query(query.text, self._shared.synonym_map())
        return parsed if parsed.groups else None

    def _body(self, query, parsed, mode):
        kec = {slug: kid for kid, (slug, _n) in indexing.kecamatan_map().items()}
        paths = {slug: info.path for slug, info in indexing.categories_by_slug().items()}
        return queries.search_body(
            query, parsed, day=day_number(), category_paths=paths, kecamatan_ids=kec, mode=mode
        )

    def _run(self, body: dict) -> dict:
        return call(self.client.search, index=self.alias, **body)

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        result = SearchResult(backend=self.label(), query=query)
        parsed = self.plan(query)
        if query.text and parsed is None:
            result.no_good_match = True
            result.took_ms = round((time.perf_counter() - started) * 1000, 2)
            return result

        resp = self._run(self._body(query, parsed, "all"))
        total = resp["hits"]["total"]["value"]
        if parsed is not None and total == 0 and len(parsed.positive) >= 3:
            resp = self._run(self._body(query, parsed, "most"))
            total = resp["hits"]["total"]["value"]
        if parsed is not None:
            self._apply_spelling(parsed, resp)
            result.did_you_mean = parsed.corrected_text()

        if parsed is not None and total == 0:
            result.no_good_match = True
            related = []
            if parsed.positive:
                rel = self._run(queries.related_categories_body(parsed))
                buckets = rel["aggregations"]["category"]["buckets"]
                related = self._shared._related_categories(
                    {"category": {b["key"]: b["doc_count"] for b in buckets}}
                )
            result.suggestions = {
                "did_you_mean": result.did_you_mean,
                "related_categories": related,
            }
            result.facets = self._shared.build_facets(query, {})
            result.took_ms = round((time.perf_counter() - started) * 1000, 2)
            return result

        exact, stems = parsed.highlight_terms() if parsed else (set(), set())
        for h in resp["hits"]["hits"]:
            source = h.get("_source") or {}
            marked = h.get("highlight") or {}
            name, description = source.get("name", ""), source.get("description", "")
            result.hits.append(
                Hit(
                    id=int(h["_id"]),
                    score=round(float(h.get("_score") or 0.0), 6),
                    highlight=(marked.get("description") or [""])[0]
                    or textmod.highlight(description, exact, stems, max_chars=220),
                    name_highlight=(marked.get("name") or [""])[0]
                    or textmod.highlight(name, exact, stems),
                )
            )
        result.total = total
        result.facets = self._shared.build_facets(query, self._facet_rows(resp, query))
        if parsed is not None:
            result.suggestions = {"did_you_mean": result.did_you_mean, "related_categories": []}
        result.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    @staticmethod
    def _apply_spelling(parsed: textmod.ParsedQuery, resp: dict) -> None:
        fixes = {}
        for entry in (resp.get("suggest") or {}).get("spell", []):
            if entry.get("options"):
                fixes[entry["text"]] = entry["options"][0]["text"]
        for group in parsed.positive:
            if group.is_single_word and group.original[0] in fixes:
                group.corrected = [fixes[group.original[0]]]

    @staticmethod
    def _facet_rows(resp: dict, query: SearchQuery) -> dict:
        """Aggregations in the database backend's shape: {facet: {raw value: count}}."""
        rows: dict[str, dict] = {}
        aggs = resp.get("aggregations") or {}
        for name in query.facets:
            buckets = aggs.get(name, {}).get("values", {}).get("buckets", [])
            counts = {}
            for b in buckets:
                key = b["key"]
                if name in queries.BOOLEAN_FACETS:
                    key = bool(key)
                elif name == "kecamatan":
                    key = int(key)
                counts[key] = b["doc_count"]
            rows[name] = counts
        return rows

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        words = textmod.tokenize(clean_text(prefix or ""))
        if not words:
            return []
        words[-1] = words[-1][:40]
        limit = max(1, min(int(limit), 20))
        resp = self._run(queries.suggest_body(words, limit))
        out: list[str] = []
        for info in indexing.categories_by_path().values():
            if textmod.fold(info.name).startswith(" ".join(words)) and info.name not in out:
                out.append(info.name)
        lead = " ".join(words[:-1])
        for bucket in resp["aggregations"]["completions"]["buckets"]:
            term = bucket["key"]
            if term in textmod.STOPWORDS:
                continue
            completion = f"{lead} {term}".strip()
            if completion not in out:
                out.append(completion)
        for h in resp["hits"]["hits"]:
            name = (h.get("_source") or {}).get("name", "")
            if name and name not in out:
                out.append(name)
        return out[:limit]
