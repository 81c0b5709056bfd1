"""The server-rendered catalogue search page (/cari/): works without JavaScript."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from . import selectors, service
from .query import FACET_NAMES, SearchQuery, SearchQueryError

FACET_TITLES = {
    "category": _("Kategori"),
    "kecamatan": _("Kecamatan"),
    "scale": _("Skala usaha"),
    "koperasi": _("Koperasi"),
    "pdn": _("Produk dalam negeri"),
    "tkdn": _("TKDN"),
    "verified": _("Status penyedia"),
    "price": _("Harga"),
    "link": _("E-purchasing"),
}


def _sort_options():
    return [
        ("relevance", _("Paling relevan")),
        ("price_asc", _("Harga terendah")),
        ("price_desc", _("Harga tertinggi")),
        ("newest", _("Terbaru")),
    ]


def search_page(request):
    context = {
        "sort_options": _sort_options(),
        "errors": {},
        "query": None,
        "result": None,
        "rows": [],
        "facet_groups": [],
        "q": request.GET.get("q", "")[:200],
    }
    status = 200
    try:
        query = SearchQuery.from_params(request.GET)
    except SearchQueryError as exc:
        context["errors"] = exc.errors
        return render(request, "search/search.html", context, status=400)

    result = service.search(query)
    rows = selectors.hydrate(result)
    facet_groups = []
    for name in FACET_NAMES:
        values = result.facets.get(name, [])
        if values:
            facet_groups.append({"name": name, "title": FACET_TITLES[name], "values": values})
    last_page = max(1, -(-result.total // query.page_size))
    pages = [p for p in range(query.page - 2, query.page + 3) if 1 <= p <= last_page]
    context.update(
        query=query,
        q=query.text,
        result=result,
        rows=rows,
        facet_groups=facet_groups,
        last_page=last_page,
        pages=[(p, _page_url(query, p)) for p in pages],
        prev_url=_page_url(query, query.page - 1) if query.page > 1 else "",
        next_url=_page_url(query, query.page + 1) if query.page < last_page else "",
        did_you_mean_url=_url(query.to_params(q=result.did_you_mean, page=1))
        if result.did_you_mean
        else "",
        related=[
            {**c, "url": "?" + _encode([("category", c["value"])])}
            for c in (result.suggestions or {}).get("related_categories", [])
        ],
    )
    return render(request, "search/search.html", context, status=status)


def _encode(params):
    from urllib.parse import urlencode

    return urlencode(params)


def _url(params):
    return "?" + _encode(params)


def _page_url(query, page):
    return _url(query.to_params(page=page))
