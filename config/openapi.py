"""The OpenAPI schema class of the API: drf-spectacular's, plus the error responses every
operation can really give, in the one error shape of config.api.api_exception_handler.

drf-spectacular documents the success response only. A client (and Schemathesis in
tests/api/test_schemathesis.py) needs the errors too, so each operation gets, unless the view
already declares that status code itself:

- 400 when it takes query parameters or a request body (a value the API rejects, named in
  `errors`);
- 403 when it needs an account (DRF answers 403, not 401: session authentication comes first
  and sends no WWW-Authenticate challenge) or when a view says so (`openapi_errors`);
- 404 when its path names an object, or its list is paginated (a page past the end);
- 429 when anonymous clients are throttled on it.

A view adds codes that only it gives with `openapi_errors = {code: description}`.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular import openapi
from rest_framework import serializers

ERROR_DESCRIPTIONS = {
    "400": "Permintaan tidak valid: `errors` menyebut kolom dan pesannya.",
    "403": "Belum masuk, kredensial salah, atau akun ini tidak berhak.",
    "404": "Data tidak ditemukan, bukan milik akun ini, atau halaman melebihi jumlah halaman.",
    "429": "Terlalu banyak permintaan dari klien anonim; coba lagi sesaat lagi.",
}


class ErrorResponseSerializer(serializers.Serializer):
    """The API's one error shape (config.api.api_exception_handler)."""

    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


def _may_be_blank(field) -> bool:
    """Whether a serializer field can hold "": it allows it, or (read-only fields do not say)
    the model field behind it is blank=True."""
    if getattr(field, "allow_blank", False):
        return True
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return False
    try:
        return model._meta.get_field(field.source).blank
    except FieldDoesNotExist:
        return False


class AutoSchema(openapi.AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for code, description in self._error_codes(operation).items():
            if code not in responses:
                responses[code] = {"description": description, "content": self._error_content()}
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)
        if schema.get("format") == "uri" and _may_be_blank(field):
            # An optional link is "" when not filled in, and "" is not a URI.
            del schema["format"]
            schema["anyOf"] = [{"format": "uri"}, {"maxLength": 0}]

    def _error_codes(self, operation) -> dict[str, str]:
        parameters = operation.get("parameters", [])
        query = [p for p in parameters if p["in"] == "query"]
        anonymous = {} in operation.get("security", [{}])
        codes = {}
        if query or "requestBody" in operation or self.method in ("POST", "PUT", "PATCH"):
            codes["400"] = ERROR_DESCRIPTIONS["400"]
        if not anonymous:
            codes["403"] = ERROR_DESCRIPTIONS["403"]
        if any(p["in"] == "path" for p in parameters) or any(p["name"] == "page" for p in query):
            codes["404"] = ERROR_DESCRIPTIONS["404"]
        # Throttling runs after the permission check: only anonymous callers get that far.
        throttles = self.view.get_throttles()
        if anonymous and any(getattr(t, "scope", None) == "anon" for t in throttles):
            codes["429"] = ERROR_DESCRIPTIONS["429"]
        for code, description in getattr(self.view, "openapi_errors", {}).items():
            codes[str(code)] = description
        return codes

    def _error_content(self) -> dict:
        """Errors come in the view's renderers: JSON, or a two-column CSV on the CSV views."""
        ref = self.resolve_serializer(ErrorResponseSerializer, "response").ref
        content = {}
        for media_type in self.map_renderers("media_type"):
            if media_type == "text/csv":
                content[media_type] = {"schema": {"type": "string"}}
            elif "json" in media_type:
                content[media_type] = {"schema": ref}
        return content or {"application/json": {"schema": ref}}
