"""Conventions shared by every endpoint under /api/v1/: one error shape, bounded pagination,
conditional GET on detail views and CORS that stays closed unless configured.

Error shape (every 4xx/5xx the API produces)::

    {"detail": "Satu kalimat untuk manusia.", "errors": {"field": ["pesan", ...]}}

`errors` is empty when the problem is not tied to a field (404, 429...). Non-field validation
messages are under the key "non_field_errors".
"""

from __future__ import annotations

import csv
import hashlib
from calendar import timegm

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from config.spreadsheets import spreadsheet_text

MAX_PAGE_SIZE = 100


def _as_list(value) -> list[str]:
    if isinstance(value, list | tuple):
        out = []
        for item in value:
            out.extend(_as_list(item))
        return out
    if isinstance(value, dict):
        return [msg for item in value.values() for msg in _as_list(item)]
    return [str(value)]


def api_exception_handler(exc, context):
    """DRF's handler, reshaped into {"detail": str, "errors": {field: [str]}}."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Data tidak ditemukan."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("Anda tidak berhak mengakses data ini."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a real server error: Django's 500 handling and logging take over
    data = response.data
    errors: dict[str, list[str]] = {}
    if isinstance(exc, exceptions.ValidationError):
        if isinstance(data, dict):
            errors = {str(key): _as_list(value) for key, value in data.items()}
        else:
            errors = {api_settings.NON_FIELD_ERRORS_KEY: _as_list(data)}
        detail = _("Permintaan tidak valid: periksa %(fields)s.") % {
            "fields": ", ".join(errors) or "-"
        }
    elif isinstance(data, dict) and "detail" in data:
        detail = str(data["detail"])
        errors = getattr(exc, "errors", None) or {}
    else:
        detail = " ".join(_as_list(data))
    if isinstance(exc, exceptions.MethodNotAllowed):
        # DRF's Indonesian catalogue leaves this one in English.
        detail = _("Metode %(method)s tidak diizinkan di alamat ini.") % {
            "method": context["request"].method
        }
    if isinstance(exc, exceptions.Throttled):
        detail = _("Terlalu banyak permintaan. Coba lagi dalam %(s)s detik.") % {
            "s": exc.wait and int(exc.wait + 0.999) or 1
        }
    response.data = {"detail": detail, "errors": errors}
    return response


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@authentication_classes([])
@permission_classes([AllowAny])
def api_not_found(request, *args, **kwargs):
    """Any /api/v1/ path no route matched: a JSON 404 in the error shape, not a Wagtail page.

    Mounted last under /api/v1/ by config/urls.py, for paths ending in a slash only, so that
    APPEND_SLASH still redirects /api/v1/vendors to /api/v1/vendors/.
    """
    raise exceptions.NotFound(_("Alamat API ini tidak ada."))


class BoundedPageNumberPagination(PageNumberPagination):
    """`page` and `page_size` (default 20, silently capped at 100); a page that is not a
    number is a 400 naming the field, a page past the end a 404 naming it."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        if not raw.isdigit() or int(raw) < 1:
            raise exceptions.ValidationError(
                {"page_size": [_("Harus bilangan bulat antara 1 dan %(n)s.") % {"n": 100}]}
            )
        return min(int(raw), self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw not in (None, "", "last") and (not raw.isdigit() or int(raw) < 1):
            raise exceptions.ValidationError(
                {"page": [_("Halaman harus bilangan bulat mulai dari 1.")]}
            )
        try:
            return super().paginate_queryset(queryset, request, view)
        except exceptions.NotFound as exc:
            err = exceptions.NotFound(_("Halaman ini tidak ada."))
            err.errors = {"page": [_("Halaman melebihi jumlah halaman yang tersedia.")]}
            raise err from exc


class ConditionalRetrieveMixin:
    """ETag and Last-Modified on a detail view, keyed on the object's last change.

    Subclasses define `get_last_modified(obj) -> datetime`. A client that sends
    If-None-Match / If-Modified-Since for an unchanged object gets a 304 without a body.
    """

    def get_last_modified(self, obj):
        return obj.updated_at

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        changed = self.get_last_modified(instance)
        last_modified = timegm(changed.utctimetuple())
        renderer = getattr(request, "accepted_renderer", None)
        variant = "|".join(
            [
                instance._meta.label,
                str(instance.pk),
                changed.isoformat(),
                getattr(renderer, "format", "") or "",
                get_language() or "",
            ]
        )
        etag = f'"{hashlib.sha256(variant.encode()).hexdigest()[:32]}"'
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return not_modified
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        return response


class ConfiguredCorsMixin:
    """No CORS headers at all unless `API_CORS_ALLOWED_ORIGINS` lists the request's Origin.

    The public API is read-only, so allowing a configured origin only needs the simple-request
    header; there are no credentials to share.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        origin = request.headers.get("Origin")
        allowed = getattr(settings, "API_CORS_ALLOWED_ORIGINS", None) or []
        if origin and (origin in allowed or "*" in allowed):
            response["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
            if "*" not in allowed:
                response["Vary"] = ", ".join(v for v in [response.get("Vary"), "Origin"] if v)
        return response


class PublicReadMixin(ConfiguredCorsMixin):
    """Anonymous read access, paginated, throttled by the project default."""

    pagination_class = BoundedPageNumberPagination


__all__ = [
    "BoundedPageNumberPagination",
    "ConditionalRetrieveMixin",
    "ConfiguredCorsMixin",
    "OrderingFilter",
    "PublicReadMixin",
    "StrictBooleanFilter",
    "api_exception_handler",
    "api_not_found",
]


class _StrictBooleanField(forms.Field):
    widget = forms.TextInput
    TRUE = frozenset({"1", "true", "ya", "yes"})
    FALSE = frozenset({"0", "false", "tidak", "no"})

    def to_python(self, value):
        if value in (None, ""):
            return None
        value = str(value).strip().lower()
        if value in self.TRUE:
            return True
        if value in self.FALSE:
            return False
        raise forms.ValidationError(
            _("Nilai harus true atau false (juga 1/0, ya/tidak)."), code="invalid"
        )

    def validate(self, value):
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    """A boolean filter that rejects "maybe" with a 400 instead of silently ignoring it."""

    field_class = _StrictBooleanField


# --- Open data (CSV) --------------------------------------------------------------------------


def csv_safe(value) -> str:
    """A CSV cell as text that a spreadsheet will not run as a formula (config.spreadsheets)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return spreadsheet_text(str(value))


class _Echo:
    def write(self, value):
        return value


def stream_csv(header: list[str], rows, filename: str) -> StreamingHttpResponse:
    """A streamed CSV download: UTF-8 with a BOM (so Excel detects the encoding), one header
    row, then `rows` (iterables of cell values) as they come from the database."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow([csv_safe(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CSVRenderer(BaseRenderer):
    """Content negotiation for the .csv endpoints; their data is streamed by the view, so
    this only renders error bodies (as a two-column CSV)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        writer = csv.writer(_Echo())
        out = [writer.writerow(["field", "message"])]
        if isinstance(data, dict):
            out.append(writer.writerow(["detail", data.get("detail", "")]))
            for field, messages in (data.get("errors") or {}).items():
                for message in messages:
                    out.append(writer.writerow([field, message]))
        return ("\ufeff" + "".join(out)).encode("utf-8")


class OrderingFilter(django_filters.OrderingFilter):
    """`ordering` with empty values last in both directions (PostgreSQL puts NULL first when
    descending, SQLite last) and the primary key as tie-break, so pages never overlap."""

    def filter(self, qs, value):
        if not value:
            return qs
        if not all(value):  # "?ordering=name,," names an empty field: a 400, not a FieldError
            raise exceptions.ValidationError(
                {self.field_name: [_("Urutan tidak boleh berisi nilai kosong.")]}
            )
        expressions = []
        for param in value:
            field = self.get_ordering_value(param)
            if field.startswith("-"):
                expressions.append(F(field[1:]).desc(nulls_last=True))
            else:
                expressions.append(F(field).asc(nulls_last=True))
        return qs.order_by(*expressions, "pk")
