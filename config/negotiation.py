"""Content negotiation for /api/v1/ (its own module: DRF imports it while building APIView)."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, except that `?format=` naming no renderer is a 400 naming `format`
    (DRF answers 404, which reads as "no such data")."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            if format_suffix:
                raise
            choices = ", ".join(dict.fromkeys(r.format for r in renderers))
            message = _("Format tidak dikenal. Pilihan: %(choices)s.") % {"choices": choices}
            raise exceptions.ValidationError({"format": [message]}) from None
