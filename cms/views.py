"""Site search at /cari/semua/: guidance pages through Wagtail search."""

from django.core.paginator import Paginator
from django.shortcuts import render

from . import selectors
from .forms import SiteSearchForm

PAGE_HITS_PER_PAGE = 10


def site_search(request):
    """Guidance, regulation, news and training pages that match `q`.

    Bad input (a query too long, a page that is not a number) is a form error, status 400.
    """
    form = SiteSearchForm(request.GET or None)
    context = {"form": form, "query": "", "page_results": None}
    status = 200
    if form.is_bound:
        if form.is_valid():
            query = form.cleaned_data["q"]
            context["query"] = query
            if query:
                paginator = Paginator(selectors.search_pages(query), PAGE_HITS_PER_PAGE)
                context["page_results"] = paginator.get_page(form.cleaned_data["halaman"] or 1)
        else:
            status = 400
    return render(request, "cms/site_search.html", context, status=status)
