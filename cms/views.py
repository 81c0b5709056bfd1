"""Site search at /cari/semua/: catalogue hits (the catalogue search service) beside guidance
hits (Wagtail search)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from search import selectors as catalogue_selectors
from search import service as catalogue_search
from search.query import SearchQuery, clean_text

from . import selectors
from .forms import SiteSearchForm

PAGE_HITS_PER_PAGE = 10
CATALOGUE_HITS = 6


def site_search(request):
    """Products and services from the catalogue next to guidance, regulation, news and training
    pages that match `q`. The catalogue column shows the first few hits and links to /cari/ for
    the full faceted search.

    Bad input (a query too long, a page that is not a number) is a form error, status 400.
    """
    form = SiteSearchForm(request.GET or None)
    context = {"form": form, "query": "", "page_results": None, "catalogue": None}
    status = 200
    if form.is_bound:
        if form.is_valid():
            query = clean_text(form.cleaned_data["q"])
            context["query"] = query
            if query:
                paginator = Paginator(selectors.search_pages(query), PAGE_HITS_PER_PAGE)
                context["page_results"] = paginator.get_page(form.cleaned_data["halaman"] or 1)
                result = catalogue_search.search(
                    SearchQuery(text=query, facets=(), page_size=CATALOGUE_HITS)
                )
                context["catalogue"] = {
                    "rows": catalogue_selectors.hydrate(result),
                    "total": result.total,
                    "more_url": "/cari/?" + urlencode({"q": query}),
                }
        else:
            status = 400
    return render(request, "cms/site_search.html", context, status=status)
