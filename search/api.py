"""GET /api/v1/search/ and /api/v1/search/suggest/: thin views over search.service."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors, service
from .query import FACETS, MAX_PAGE_SIZE, SORTS, SearchQuery, SearchQueryError, clean_text
from .serializers import (
    ErrorResponseSerializer,
    SearchHitSerializer,
    SearchResponseSerializer,
    SuggestResponseSerializer,
)

_FILTER_PARAMS = [
    OpenApiParameter(
        name,
        OpenApiTypes.STR,
        many=True,
        description=(
            f"Filter {name} (boleh diulang; dalam satu filter OR, antar-filter AND). "
            + (f"Nilai: {', '.join(allowed)}." if allowed else "Nilai: slug.")
        ),
    )
    for name, allowed in FACETS.items()
]


def search_payload(query: SearchQuery) -> dict:
    """The API response for a validated query (also used by the HTML page's JSON needs)."""
    result = service.search(query)
    rows = selectors.hydrate(result)
    suggestions = result.suggestions or {}
    return {
        "total": result.total,
        "page": query.page,
        "page_size": query.page_size,
        "results": [SearchHitSerializer.from_row(r) for r in rows],
        "facets": result.facets_as_dict(),
        "backend": result.backend,
        "took_ms": result.took_ms,
        "no_good_match": result.no_good_match,
        "did_you_mean": result.did_you_mean,
        "related_categories": suggestions.get("related_categories", []),
    }


class SearchAPIView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="catalogue_search",
        summary="Cari produk dan jasa penyedia lokal",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Kata kunci (maks. 200 huruf)."),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=list(SORTS)),
            OpenApiParameter("page", OpenApiTypes.INT, description="Mulai dari 1."),
            OpenApiParameter(
                "page_size", OpenApiTypes.INT, description=f"1 sampai {MAX_PAGE_SIZE}."
            ),
            OpenApiParameter(
                "facets",
                OpenApiTypes.STR,
                description="Facet yang dihitung, dipisah koma (bawaan: semua; 'none': tidak ada).",
            ),
            *_FILTER_PARAMS,
        ],
        responses={200: SearchResponseSerializer, 400: ErrorResponseSerializer},
    )
    def get(self, request):
        try:
            query = SearchQuery.from_params(request.query_params)
        except SearchQueryError as exc:
            # The shared handler (config.api) turns this into {"detail": ..., "errors": ...}.
            raise ValidationError(exc.errors) from exc
        return Response(search_payload(query))


class SuggestAPIView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="catalogue_suggest",
        summary="Saran kata saat mengetik (paling banyak 8)",
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="Awal kata kunci.")],
        responses={200: SuggestResponseSerializer},
    )
    def get(self, request):
        q = clean_text(request.query_params.get("q", ""))
        return Response({"q": q, "suggestions": service.suggest(q, limit=8) if q else []})
